/** Whether the keyboard is a Mac's: shortcuts say ⌘ and ⌥ there, Ctrl and Alt elsewhere. */
export const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform)
