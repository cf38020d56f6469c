import { main } from './main'

// Entry point of the `pilcrow` command (see bin/pilcrow.js).
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('pilcrow: unexpected error:', error)
    process.exit(1)
  }
)
