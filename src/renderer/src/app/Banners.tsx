import type { ReactNode } from 'react'
import type { Banner } from '../stores/banners-store'

export type { Banner }

/** Messages that need the user's eye (warnings at start, conflicts, failures), each dismissable. */
export function Banners({ banners, onDismiss }: { banners: Banner[]; onDismiss(index: number): void }): ReactNode {
  return (
    <div className="banners">
      {banners.map((banner, i) => (
        <div key={i} className={`banner banner-${banner.kind}`} role="alert">
          <span>{banner.text}</span>
          <button type="button" className="link-button" onClick={() => onDismiss(i)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      ))}
    </div>
  )
}
