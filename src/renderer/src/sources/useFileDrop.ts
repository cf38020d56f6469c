import { useEffect, useRef, useState } from 'react'

/**
 * Files dragged from the desktop onto the window: `dragging` while they hover (to show where to
 * drop), `onFiles` when dropped. Drags of text or paragraphs inside the page are left alone.
 */
export function useFileDrop(onFiles: (files: File[]) => void): boolean {
  const [dragging, setDragging] = useState(false)
  const onFilesRef = useRef(onFiles)
  onFilesRef.current = onFiles
  useEffect(() => {
    let depth = 0
    const carriesFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes('Files') ?? false
    const enter = (e: DragEvent): void => {
      if (!carriesFiles(e)) return
      depth++
      setDragging(true)
    }
    const over = (e: DragEvent): void => {
      if (!carriesFiles(e)) return
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const leave = (e: DragEvent): void => {
      if (!carriesFiles(e)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragging(false)
    }
    const drop = (e: DragEvent): void => {
      if (!carriesFiles(e)) return
      e.preventDefault()
      e.stopPropagation()
      depth = 0
      setDragging(false)
      onFilesRef.current([...(e.dataTransfer?.files ?? [])])
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop, true)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop, true)
    }
  }, [onFilesRef])
  return dragging
}

