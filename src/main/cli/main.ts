import { PilcrowError } from '../../shared/errors'
import type { CliCommand } from './commands'
import { exportCommand } from './export'
import { importCommand } from './import'
import { searchCommand } from './search'
import { serveCommand } from './serve'
import { syncCommand } from './sync'
import { syncServerCommand } from './sync-server'
import { UsageError } from './usage-error'

/** Every command of `pilcrow`; later issues add search, export and import here. */
const COMMANDS: CliCommand[] = [serveCommand, searchCommand, exportCommand, importCommand, syncCommand, syncServerCommand]

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return [
    'Usage: pilcrow <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  ${c.usage.replaceAll('\n', `\n  ${' '.repeat(width)}  `)}`),
    '',
    'Options:',
    '  --help     Show this help',
    '  --version  Show the version'
  ].join('\n')
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help())
    return name === undefined ? 2 : 0
  }
  if (name === '--version') {
    console.log(`${process.env['npm_package_version'] ?? '0.1.0'} (Node ${process.versions.node})`)
    return 0
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    console.error(`pilcrow: unknown command "${name}".\n\n${help()}`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${command.summary}\n\nUsage: ${command.usage.replaceAll('\n', '\n       ')}`)
    return 0
  }
  try {
    return await command.run(rest)
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`pilcrow ${name}: ${(error as Error).message}\nUsage: ${command.usage.replaceAll('\n', '\n       ')}`)
      return 2
    }
    if (error instanceof PilcrowError) {
      console.error(`pilcrow ${name}: ${error.message}`)
      return 1
    }
    throw error
  }
}
