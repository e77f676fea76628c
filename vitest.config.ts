import { defineConfig } from 'vitest/config';

const ALL = ['core/**/*.test.ts', 'test/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx'];
/**
 * Files that replace a module (vi.mock of electron, node:fs/promises) or the process's time zone
 * for a while: each runs in a fresh worker, so that what it replaces never reaches another file.
 */
const ISOLATED = ['electron/**/*.test.ts', 'core/host/server.test.ts', 'test/workspace/engine.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one file at a time on two cores (cores − 1), though most of the slow
    // files wait on another process (Chromium, `rebond serve`, an import being killed): two at
    // once keep both cores busy (this machine and CI have two). Three passed too, but left the
    // 120,000-event incident tests at their 60 s limit on a loaded machine.
    maxWorkers: 2,
    // each of the two files' workspaces gets one DuckDB thread (core/store/database.ts), and so do
    // the `rebond` processes the tests start: two files on two cores already fill the machine
    env: { REBOND_THREADS: '1' },
    // the browser tests wait for the app to settle; CI's two cores run other test files beside them.
    // Each poll asks Chromium to find the element again (by role: the whole page is walked): every
    // 200 ms instead of vitest's 50, the browser files used 7–9 s less processor time of 147–164 s
    // (two runs each), and took no longer
    expect: { poll: { timeout: 10_000, interval: 200 } },
    projects: [
      {
        extends: true,
        // the other files share their workers' loaded modules (DuckDB's binding, the engine, the
        // classifier's compiled table): loading them once per file was about 40 % of a file's time
        test: { name: 'shared', include: ALL, exclude: ISOLATED, isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
});
