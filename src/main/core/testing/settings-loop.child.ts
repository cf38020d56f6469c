// Child process for the crash test: changes the settings again and again through conf (as
// browser mode keeps them) until killed, printing each version once it is stored.
import Conf from 'conf'
import { join } from 'node:path'
import { CONF_OPTIONS, openConfSettings } from '../conf-settings'

const [dir, startAt] = process.argv.slice(2)
const store = openConfSettings(() => new Conf({ ...CONF_OPTIONS, cwd: dir!, configName: 'settings', projectName: 'pilcrow' }), join(dir!, 'settings.json'))
for (let version = Number(startAt); ; version++) {
  store.update({ lastNoteId: `n-v${version}`, editorFontSize: 10 + (version % 20) })
  process.stdout.write(`${version}\n`)
  await new Promise((resolve) => setImmediate(resolve))
}
