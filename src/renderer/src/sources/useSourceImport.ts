import { useCallback, useRef, useState, useSyncExternalStore } from 'react'
import { formatBytes, IMPORT_SIZE_LIMIT_BYTES, isImportable, type ImportOutcome, type ImportStatus } from '../../../shared/imports'
import { api } from '../api/client'
import type { StatusStore } from '../stores/status-store'
import { fileToBase64 } from './read-file'

export interface SourceImportState {
  /** What is being imported now, e.g. "book.pdf (2 of 3), page 120 of 300"; null when idle. */
  progress: ImportStatus | null
  /** The outcomes of the last batch, until dismissed. */
  outcomes: ImportOutcome[]
  /** Imports files as sources; with `updateSourceId`, one file as a new version of that source. */
  importFiles(files: File[], updateSourceId?: string): Promise<void>
  /** Shows outcomes of an import made elsewhere (the desktop File → Import dialog). */
  show(outcomes: ImportOutcome[]): void
  dismiss(): void
}

/**
 * Imports files one after another, showing the progress the notebook announces inside each (a
 * PDF's pages; nothing is polled), and collects each file's outcome. Files of an unknown type or over the size limit are
 * refused here, before they are read. `onImported` runs after each successful file.
 */
export function useSourceImport(status: StatusStore, onImported: (outcome: Extract<ImportOutcome, { ok: true }>) => void): SourceImportState {
  const [started, setProgress] = useState<ImportStatus | null>(null)
  const announced = useSyncExternalStore(status.subscribe, () => status.get().imports)
  const progress = started && announced.running && announced.fileName === started.fileName ? { ...started, done: announced.done, total: announced.total, unit: announced.unit } : started
  const [outcomes, setOutcomes] = useState<ImportOutcome[]>([])
  const imported = useRef(onImported)
  imported.current = onImported
  const running = useRef(false)

  const importFiles = useCallback(async (files: File[], updateSourceId?: string) => {
    if (running.current || files.length === 0) return
    running.current = true
    setOutcomes([])
    try {
      for (const [index, file] of files.entries()) {
        setProgress({ running: true, fileName: file.name, fileIndex: index + 1, fileCount: files.length })
        const outcome = await importOne(file, updateSourceId)
        setOutcomes((list) => [...list, outcome])
        if (outcome.ok) imported.current(outcome)
      }
    } finally {
      running.current = false
      setProgress(null)
    }
  }, [])

  return {
    progress,
    outcomes,
    importFiles,
    show: useCallback((list: ImportOutcome[]) => setOutcomes(list), []),
    dismiss: useCallback(() => setOutcomes([]), [])
  }
}

async function importOne(file: File, updateSourceId?: string): Promise<ImportOutcome> {
  const fail = (error: string): ImportOutcome => ({ fileName: file.name, ok: false, error })
  if (!isImportable(file.name)) return fail(`${file.name}: Pilcrow cannot import this type of file (it reads Markdown, plain text, saved web pages and PDFs).`)
  if (file.size > IMPORT_SIZE_LIMIT_BYTES) return fail(`${file.name}: the file is ${formatBytes(file.size)}, over the ${formatBytes(IMPORT_SIZE_LIMIT_BYTES)} limit for imports.`)
  try {
    return await api.importSource({ fileName: file.name, base64: await fileToBase64(file), ...(updateSourceId ? { updateSourceId } : {}) })
  } catch (error) {
    return fail(`${file.name}: ${(error as Error).message}`)
  }
}
