import type { CitationRequest } from '../../../shared/citations'
import { api } from './client'

/**
 * Puts a formatted citation ("(Tazmini, 2021, para. 6)") or the work's bibliography entry on the
 * clipboard, in the style the settings name, and says what was copied (or why it was not).
 */
export async function copyCitation(request: CitationRequest, what: 'citation' | 'reference', tell: (text: string) => void): Promise<void> {
  try {
    const formatted = await api.formatCitation(request)
    const text = what === 'citation' ? formatted.citation : formatted.reference
    await navigator.clipboard.writeText(text)
    tell(`Copied the ${what} (${formatted.style}): ${text}`)
  } catch (error) {
    tell(`The ${what} could not be copied: ${(error as Error).message}`)
  }
}
