import { watch, type FSWatcher } from 'node:fs'

/** A folder to watch, and what to do with a file in it that changed. */
export interface WatchedFolder {
  dir: string
  /** Called once per burst of changes to one file (a save is a write and a rename). */
  onFile(name: string): Promise<void>
}

/** Changes to one file closer together than this are one change (a tool writing in pieces). */
const SETTLE_MS = 60

/**
 * Watches the workspace's folders for files that other programs change (a second Pilcrow, the
 * CLI, a sync tool, an editor). The services read the file again and compare it with what they
 * know, so this app's own writes, seen here too, change nothing. Never keeps the process alive.
 */
export class WorkspaceWatcher {
  private readonly watchers: FSWatcher[] = []
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private readonly running = new Set<Promise<void>>()

  constructor(private readonly folders: WatchedFolder[]) {}

  start(): void {
    for (const folder of this.folders) {
      try {
        const watcher = watch(folder.dir, { persistent: false }, (_event, name) => {
          if (name && !name.startsWith('.')) this.schedule(folder, name.toString())
        })
        // a folder removed under the app: it goes on without watching, as before this existed
        watcher.on('error', (error) => console.error(`pilcrow: stopped watching ${folder.dir}:`, error.message))
        this.watchers.push(watcher)
      } catch (error) {
        console.error(`pilcrow: cannot watch ${folder.dir} (changes made by other programs show after a restart):`, (error as Error).message)
      }
    }
  }

  private schedule(folder: WatchedFolder, name: string): void {
    const key = `${folder.dir}\0${name}`
    clearTimeout(this.timers.get(key))
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key)
        const run = folder.onFile(name).catch((error: unknown) => console.error(`pilcrow: could not read ${name} after it changed:`, error))
        this.running.add(run)
        void run.finally(() => this.running.delete(run))
      }, SETTLE_MS).unref()
    )
  }

  /** Stops watching, and waits for the reads under way. */
  async stop(): Promise<void> {
    for (const watcher of this.watchers.splice(0)) watcher.close()
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
    await Promise.all(this.running)
  }
}
