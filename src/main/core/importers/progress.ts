/** How far a long import has got, e.g. page 120 of 300. */
export interface ImportStep {
  done: number
  total: number
  unit: 'page' | 'file' | 'chapter'
}

export type ImportProgress = (step: ImportStep) => void
