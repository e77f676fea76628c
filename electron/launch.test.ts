import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const launcher = fileURLToPath(new URL('./launch.mjs', import.meta.url));

describe('npm start', () => {
  it('says how to use Rebond in the browser when Electron is missing', () => {
    const run = spawnSync(process.execPath, [launcher], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/electron-dist' },
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Electron is not installed (its binary could not be downloaded)');
    expect(run.stderr).toContain('npm run serve');
  });
});
