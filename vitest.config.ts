import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], testTimeout: 20_000 } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000, fileParallelism: false } },
      { test: { name: 'security', include: ['test/security/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000, fileParallelism: false } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000, fileParallelism: false } },
      // The desktop app: the built main bundle under a stand-in for the `electron` module, its preload and renderer in Chromium.
      { test: { name: 'electron', include: ['test/electron/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 90_000, fileParallelism: false } },
      { test: { name: 'keychain', include: ['test/keychain/**/*.test.ts'], testTimeout: 60_000, fileParallelism: false } },
    ],
  },
});
