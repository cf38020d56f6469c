import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      // bundled into the main-process chunks: loading hundreds of small package files (zod, ajv,
      // yaml…) one by one was a third of the time `pilcrow serve` took to answer
      externalizeDeps: { exclude: ['zod', 'yaml', 'conf', 'marked', 'minisearch', 'stemmer', 'approx-string-match', 'fflate'] },
      rolldownOptions: {
        input: {
          // The Electron main process.
          index: resolve(__dirname, 'src/main/electron/index.ts'),
          // The `pilcrow` command line (plain Node: never imports electron).
          cli: resolve(__dirname, 'src/main/cli/index.ts')
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
    plugins: [react()],
    build: {
      // No inline scripts or eval: the CSP forbids them.
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      // electron-vite leaves the renderer unminified; a third of the bytes parse and compile faster at start
      minify: true
    }
  }
})
