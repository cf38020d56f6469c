// `npm start`: build, then open the desktop app; where Electron's binary cannot be had, say so in
// one line and start browser mode instead.
import { spawn, spawnSync } from 'node:child_process'
import { downloadElectronBinary, installedElectronBinary } from './electron-binary.mjs'

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
if (spawnSync(npx, ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) {
  console.error('pilcrow: the build failed (see above).')
  process.exit(1)
}

const electronPath = installedElectronBinary() ?? downloadElectronBinary()

const run = (command, args) => {
  const child = spawn(command, args, { stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 0))
}

if (electronPath) {
  run(electronPath, ['.', ...process.argv.slice(2)])
} else {
  console.log("Electron's binary is not installed on this machine, so Pilcrow starts in browser mode instead.")
  run(process.execPath, ['bin/pilcrow.js', 'serve', ...process.argv.slice(2)])
}
