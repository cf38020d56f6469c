import { z } from 'zod'
import type { SerializedEditorState } from './notes'

/** Lexical's serialized state: checked for shape here; Lexical checks the nodes when it loads it. */
export const editorStateSchema = z
  .object({ root: z.looseObject({ type: z.literal('root'), children: z.array(z.unknown()) }) })
  .loose() as unknown as z.ZodType<SerializedEditorState>
