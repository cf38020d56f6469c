/**
 * The renderer's Content Security Policy. The same string is in `src/renderer/index.html` (a unit
 * test keeps them equal) and is sent as a header by browser mode. No inline or eval'd script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "object-src 'none'"
].join('; ')
