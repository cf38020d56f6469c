import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { lexicalTextCache } from './scripts/lexical-text-cache'
import { pdfjsAssets } from './scripts/pdfjs-assets'

export default defineConfig({
  main: {
    build: {
      // bundled into the main-process chunks: loading ~400 small package files (zod, ajv, yaml…) one
      // by one took 280 of the ~700 ms `pilcrow serve` needed to answer here (160 ms bundled)
      externalizeDeps: { exclude: ['zod', 'yaml', 'conf', 'marked', 'minisearch', 'stemmer', 'approx-string-match'] },
      rolldownOptions: {
        input: {
          // The Electron main process.
          index: resolve(__dirname, 'src/main/electron/index.ts'),
          // The `pilcrow` command line (plain Node: never imports electron).
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          // Full rebuilds of the search index, on a worker thread (see app-paths.ts: searchWorkerPath).
          'search-worker': resolve(__dirname, 'src/main/core/search/build-worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload cannot be ESM and cannot require node_modules: one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    // typing at the end of a long note without copying its whole text per keystroke (see the file);
    // pdf.js' character maps, fonts and decoders shipped with the page view
    plugins: [react(), lexicalTextCache(), pdfjsAssets()],
    build: {
      // No inline scripts or eval: the CSP forbids them.
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      // electron-vite leaves the renderer unminified; a third of the bytes parse and compile faster at start
      minify: true
    }
  }
})
