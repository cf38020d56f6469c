// first: its calls to the server leave before React and the app's code are evaluated (~150 ms)
import { embeddedStartup } from './app/startup'
import { startTransition, StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { api } from './api/client'
import { App } from './app/App'
import { ErrorBoundary } from './app/ErrorBoundary'
import '@fontsource-variable/source-serif-4/opsz.css'
import '@fontsource-variable/source-serif-4/opsz-italic.css'
import '@fontsource-variable/inter/index.css'
import './styles/base.css'
import './styles/app.css'
import './styles/reader.css'
import './styles/pages.css'
import './styles/editor.css'

// With the first screen's data in the page (browser mode), rendered at once: the article is in
// this render. Without it, a transition: the render yields every few milliseconds, so the startup
// calls' answers (app/startup.ts) are handled, and the article's source asked for, while it runs.
const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      {/* the last line of defence against a white window: and the note open then is not reopened at start */}
      <ErrorBoundary what="Pilcrow's window" resetKey={null} onError={() => void api.updateSettings({ lastNoteId: null }).catch(() => undefined)}>
        <App />
      </ErrorBoundary>
    </StrictMode>
  )
if (embeddedStartup()) render()
else startTransition(render)
