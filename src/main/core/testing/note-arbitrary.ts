import fc from 'fast-check'

/**
 * Note content as other tools, other versions and accidents might write it, for fuzz tests:
 * known and unknown node types, right and wrong fields, nodes where they may not stand, and
 * values that are not nodes at all. Shared by the core's, the editor's and the end-to-end fuzz tests.
 */
export const noteNodeArbitrary: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('text'), text: fc.oneof(fc.string({ maxLength: 12 }), fc.integer()), format: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.string()) }, { requiredKeys: ['type'] }),
    fc.record(
      {
        type: fc.constantFrom('paragraph', 'quote', 'heading', 'listitem', 'list', 'link', 'code', 'root'),
        tag: fc.constantFrom('h1', 'h9', 'x y'),
        listType: fc.constantFrom('bullet', 'nope'),
        url: fc.oneof(fc.string(), fc.integer()),
        children: fc.oneof(fc.array(tie('node'), { maxLength: 4 }), fc.constant(null))
      },
      { requiredKeys: ['type'] }
    ),
    fc.record(
      {
        type: fc.constantFrom('table', 'image', 'mention', 'paragraph-link', 'linebreak', 'tab', 'horizontalrule', ''),
        anchor: fc.oneof(fc.constant(null), fc.record({ sourceId: fc.string(), blockId: fc.string(), paragraph: fc.oneof(fc.integer(), fc.string()), quote: fc.record({ exact: fc.string(), prefix: fc.string(), suffix: fc.string() }) })),
        sourceTitle: fc.oneof(fc.string(), fc.integer()),
        children: fc.array(tie('node'), { maxLength: 3 }),
        extra: fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null))
      },
      { requiredKeys: ['type'] }
    ),
    fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant(null), fc.constant([]))
  )
})).node

/** A note's top-level children, as they would be read from a JSON file. */
export const noteChildrenArbitrary: fc.Arbitrary<unknown[]> = fc.array(noteNodeArbitrary, { minLength: 1, maxLength: 6 }).map((children) => JSON.parse(JSON.stringify(children)) as unknown[])
