import type { Source } from '../../../../shared/model'

/** How a source is shown: its reflowed text, or (a PDF) its pages as printed. */
export type SourceView = 'text' | 'pages'

const KEY = 'pilcrow-view:'

/** Whether a source has pages to show: a PDF whose file was kept. */
export function hasPages(source: Source): boolean {
  return /\.pdf$/i.test(source.meta.originalFile ?? '')
}

/** The view chosen for a source last time (kept by the browser, per source); a PDF opens as its pages. */
export function rememberedView(source: Source): SourceView {
  if (!hasPages(source)) return 'text'
  try {
    return localStorage.getItem(KEY + source.id) === 'text' ? 'text' : 'pages'
  } catch {
    return 'pages'
  }
}

export function rememberView(sourceId: string, view: SourceView): void {
  try {
    localStorage.setItem(KEY + sourceId, view)
  } catch {
    // storage full or off: the choice lasts until the source is closed
  }
}
