// first: its calls to the server leave before React and the app's code are evaluated (~150 ms)
import './app/startup'
import { startTransition, StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import '@fontsource-variable/source-serif-4/opsz.css'
import '@fontsource-variable/source-serif-4/opsz-italic.css'
import '@fontsource-variable/inter/index.css'
import './styles/base.css'
import './styles/app.css'
import './styles/reader.css'
import './styles/editor.css'

// a transition: the first render yields every few milliseconds, so the answers to the startup
// calls (see app/startup.ts) are handled, and the article's source asked for, while it runs
startTransition(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>
  )
)
