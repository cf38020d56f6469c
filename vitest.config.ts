import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // Electron cannot load in plain Node here; main-process tests mock it (see src/main/electron/*.test.ts).
    pool: 'forks'
  }
})
