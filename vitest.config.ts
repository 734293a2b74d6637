import { defineConfig } from 'vitest/config';

/** The app's own venues, registered in every test process (test/setup/venues.ts). */
const setupFiles = ['test/setup/venues.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', setupFiles, include: ['test/unit/**/*.test.{ts,tsx}'], testTimeout: 20_000 } },
      { test: { name: 'integration', setupFiles, include: ['test/integration/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000, fileParallelism: false } },
      { test: { name: 'security', setupFiles, include: ['test/security/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000, fileParallelism: false } },
      { test: { name: 'e2e', setupFiles, include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000, fileParallelism: false } },
      // The desktop app: the built main bundle under a stand-in for the `electron` module, its preload and renderer in Chromium.
      { test: { name: 'electron', setupFiles, include: ['test/electron/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 90_000, fileParallelism: false } },
      { test: { name: 'keychain', setupFiles, include: ['test/keychain/**/*.test.ts'], testTimeout: 60_000, fileParallelism: false } },
    ],
  },
});
