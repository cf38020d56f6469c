// Runs before the first paint (a blocking script in <head>, allowed by the CSP as 'self'): applies
// the theme the app last used, so a dark theme never flashes light at start. The app keeps
// the value current (src/renderer/src/app/useTheme.ts).
try {
  var theme = localStorage.getItem('pilcrow-theme')
  if (theme === 'light' || theme === 'dark' || theme === 'system') document.documentElement.dataset.theme = theme
} catch (e) {
  // storage unavailable: the CSS follows the system theme
}
