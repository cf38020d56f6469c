import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Plugin } from 'vite'

/** pdf.js' data files the page view loads from the app (never the network): character maps, standard fonts, image decoders, with their licences. */
const FOLDERS = ['cmaps', 'standard_fonts', 'wasm']

/** Copies them into the renderer's build as `pdfjs/<folder>/<file>` (see `reader/pages/pdf-document.ts`). */
export function pdfjsAssets(): Plugin {
  return {
    name: 'pilcrow-pdfjs-assets',
    apply: 'build',
    generateBundle() {
      const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))
      for (const folder of FOLDERS) {
        for (const name of readdirSync(join(root, folder))) this.emitFile({ type: 'asset', fileName: `pdfjs/${folder}/${name}`, source: readFileSync(join(root, folder, name)) })
      }
    }
  }
}
