import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $dfs } from '@lexical/utils'
import { $getNodeByKey } from 'lexical'
import { useEffect, useState, type ReactNode } from 'react'
import { createAnchor, resolveAnchor, type ParagraphAnchor } from '../../../shared/anchors'
import { paragraphLabel, shortTitle } from '../../../shared/links'
import { useLoadedSources, useSources } from '../ui/sources-context'
import { copyCitation } from '../api/copy-citation'
import { useStores } from '../stores/app-stores'
import { ShowMore } from '../ui/ShowMore'
import { $isParagraphLinkNode, ParagraphLinkNode } from './nodes/ParagraphLinkNode'

/**
 * The panel lists this many references, and more on request. A note citing 2,000 paragraphs would
 * otherwise hold 2,000 rows under the text, and Chromium checks each (they are laid out only when
 * seen) at every frame while one types: 7 ms a key.
 */
const REFERENCES_SHOWN = 100
const REFERENCES_MORE = 300

interface Reference {
  key: string
  anchor: ParagraphAnchor
  sourceTitle: string
}

/** The note's own references: every paragraph it cites, in order; orphans can be re-attached. */
export function ReferencesPanel(): ReactNode {
  const [editor] = useLexicalComposerContext()
  const { reveal } = useSources()
  const { notes } = useStores()
  const sources = useLoadedSources()
  const [refs, setRefs] = useState<Reference[]>([])
  // in a short window the writing comes first: the list starts folded
  const [open, setOpen] = useState(() => !window.matchMedia('(max-height: 640px)').matches)
  const [limit, setLimit] = useState(REFERENCES_SHOWN)

  useEffect(() => {
    const read = (): void =>
      editor.getEditorState().read(() => {
        setRefs(
          $dfs()
            .map(({ node }) => node)
            .filter($isParagraphLinkNode)
            .map((node) => ({ key: node.getKey(), anchor: node.getAnchor(), sourceTitle: node.getSourceTitle() }))
        )
      })
    read()
    // only a chip added, removed or changed can change the references: no walk per keystroke
    return editor.registerMutationListener(ParagraphLinkNode, read, { skipInitialization: true })
  }, [editor])

  const reattach = (key: string, sourceId: string, blockId: string): void => {
    const source = sources.get(sourceId)
    if (!source) return
    editor.update(() => {
      const node = $getNodeByKey(key)
      if ($isParagraphLinkNode(node)) node.setAnchor(createAnchor(source, blockId))
    })
  }

  if (refs.length === 0) return null
  const hidden = Math.max(0, refs.length - limit)
  return (
    <section className="references" aria-label="References">
      <button type="button" className="references-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} References ({refs.length})
      </button>
      {open && (
        <ol className="references-list">
          {refs.slice(0, limit).map((ref) => {
            const source = sources.get(ref.anchor.sourceId)
            const resolved = source ? resolveAnchor(source, ref.anchor) : null
            const block = resolved?.block
            const quote = ref.anchor.quote.exact
            return (
              <li key={ref.key} className={block ? '' : 'reference-orphan'}>
                {block ? (
                  <div className="reference-row">
                    <button type="button" className="reference" onClick={() => reveal(ref.anchor.sourceId, block.id)}>
                      <span className="reference-number">{paragraphLabel(block.paragraph, block.page, block.chapter)}</span>
                      <span className="reference-source">{shortTitle(source!.meta.title, 24)}</span>
                      <span className="reference-text">{ref.anchor.range ? `“${quote}”` : clip(block.text)}</span>
                      {resolved?.status === 'changed' && <span className="chip-flag">changed</span>}
                    </button>
                    <button
                      type="button"
                      className="link-button reference-copy"
                      aria-label={`Copy citation ${paragraphLabel(block.paragraph, block.page, block.chapter)}`}
                      title="Copy this citation in your citation style (Settings → Citations)"
                      onClick={() => void copyCitation({ sourceId: ref.anchor.sourceId, blockId: block.id }, 'citation', notes.flashMessage)}
                    >
                      Copy
                    </button>
                  </div>
                ) : (
                  <div className="reference">
                    <span className="reference-number">¶{ref.anchor.paragraph ?? ''}?</span>
                    <span className="reference-source">{shortTitle(source?.meta.title ?? ref.sourceTitle, 24)}</span>
                    <span className="reference-text">
                      Unresolved — saved quote: “{quote.length > 160 ? `${quote.slice(0, 160)}…` : quote}”
                    </span>
                    {source && (
                      <select aria-label="Re-attach to paragraph" value="" onChange={(e) => reattach(ref.key, source.id, e.target.value)}>
                        <option value="" disabled>
                          Re-attach to…
                        </option>
                        {source.blocks
                          .filter((b) => b.paragraph !== null)
                          .map((b) => (
                            <option key={b.id} value={b.id}>
                              ¶{b.paragraph} {b.text.slice(0, 60)}
                            </option>
                          ))}
                      </select>
                    )}
                  </div>
                )}
              </li>
            )
          })}
        </ol>
      )}
      {open && hidden > 0 && <ShowMore more={Math.min(hidden, REFERENCES_MORE)} hidden={hidden} noun="references" onMore={() => setLimit(limit + REFERENCES_MORE)} />}
    </section>
  )
}

/** A row shows one line: a whole paragraph's text would only cost layout (500 references: 130 ms more to open the note). */
const ROW_CHARS = 240

function clip(text: string): string {
  return text.length > ROW_CHARS ? `${text.slice(0, ROW_CHARS)}…` : text
}
