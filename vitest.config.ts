import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'test/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one file at a time on two cores (cores − 1), though most of the slow
    // files wait on another process (Chromium, `rebond serve`, an import being killed): two at
    // once keep both cores busy (this machine and CI have two). Three passed too, but left the
    // 120,000-event incident tests at their 60 s limit on a loaded machine.
    maxWorkers: 2,
    // the browser tests wait for the app to settle; CI's two cores run other test files beside them
    expect: { poll: { timeout: 10_000 } },
  },
});
