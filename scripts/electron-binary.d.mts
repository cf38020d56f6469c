/** The installed Electron binary's path, or null when it has not been downloaded. */
export function installedElectronBinary(): string | null
/** Tries the `electron` package's own download once, quietly; returns the binary or null. */
export function downloadElectronBinary(): string | null
