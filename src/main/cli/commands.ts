/** One CLI command: its usage line, a one-line summary, and what it does. */
export interface CliCommand {
  name: string
  usage: string
  summary: string
  run(args: string[]): Promise<number>
}
