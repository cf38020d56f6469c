import { z } from 'zod'
import { CITATION_LOCALES } from './citations'

/**
 * The settings schema, used everywhere: electron-store in the desktop app, `conf` in browser mode,
 * and argument validation of `updateSettings`. Unknown keys are dropped; a bad value falls back to
 * its default rather than stopping the app.
 */
export const settingsSchema = z.object({
  /** Colour theme; `system` follows the operating system. */
  theme: z.enum(['system', 'light', 'dark']).catch('system'),
  /** Editor font size in CSS pixels. */
  editorFontSize: z.number().int().min(10).max(32).catch(16),
  /** Pane sizes: the reader's share of the window width, 0.2–0.8. */
  panes: z.object({ readerFraction: z.number().min(0.2).max(0.8).catch(0.5) }).catch({ readerFraction: 0.5 }),
  /** The note that was open last, reopened on start. */
  lastNoteId: z.string().max(200).nullable().catch(null),
  /** The source that was open last, reopened on start. */
  lastSourceId: z.string().max(200).nullable().catch(null),
  /** The first-run hint about citing paragraphs was dismissed. */
  citeHintDismissed: z.boolean().catch(false),
  /** Straight quotes typed in a note become curly (“ ” ‘ ’), outside code. */
  smartQuotes: z.boolean().catch(true),
  /** What each highlight colour means to this researcher ("Claim", "Evidence"…), shown wherever the colour is. */
  highlightMeanings: z.partialRecord(z.enum(['yellow', 'green', 'blue', 'pink', 'purple']), z.string().max(60)).catch({}),
  /** The CSL style citations are formatted in ("Copy citation", the formatted export): a shipped style's id. */
  citationStyle: z.string().max(100).regex(/^[a-z0-9-]+$/).catch('apa'),
  /** The locale of formatted citations (dates, "para."). */
  citationLocale: z.enum(CITATION_LOCALES).catch('en-US'),
  /** Desktop window bounds, restored on start. */
  window: z
    .object({
      x: z.number().int().optional(),
      y: z.number().int().optional(),
      width: z.number().int().min(400).max(20000),
      height: z.number().int().min(300).max(20000),
      maximized: z.boolean().optional()
    })
    .nullable()
    .catch(null)
})

export type Settings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({})

/** A change to the settings: any subset of keys, each validated strictly (no silent fallback). */
export const settingsPatchSchema = z
  .object({
    theme: z.enum(['system', 'light', 'dark']),
    editorFontSize: z.number().int().min(10).max(32),
    panes: z.object({ readerFraction: z.number().min(0.2).max(0.8) }).strict(),
    lastNoteId: z.string().max(200).nullable(),
    lastSourceId: z.string().max(200).nullable(),
    citeHintDismissed: z.boolean(),
    smartQuotes: z.boolean(),
    highlightMeanings: z.partialRecord(z.enum(['yellow', 'green', 'blue', 'pink', 'purple']), z.string().max(60)),
    citationStyle: z.string().max(100).regex(/^[a-z0-9-]+$/),
    citationLocale: z.enum(CITATION_LOCALES),
    window: z
      .object({
        x: z.number().int().optional(),
        y: z.number().int().optional(),
        width: z.number().int().min(400).max(20000),
        height: z.number().int().min(300).max(20000),
        maximized: z.boolean().optional()
      })
      .strict()
      .nullable()
  })
  .partial()
  .strict()

export type SettingsPatch = z.infer<typeof settingsPatchSchema>

/** Reads any stored value as valid settings: bad or missing keys take their defaults. */
export function coerceSettings(stored: unknown): Settings {
  const input = stored !== null && typeof stored === 'object' && !Array.isArray(stored) ? stored : {}
  return settingsSchema.parse(input)
}
