/** Shared by the tests: temporary workspaces, the real CLI as a user runs it, fixtures. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createEngine, type Engine } from '../core/engine';

export const ROOT = resolve(import.meta.dirname, '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

export function tempDir(prefix = 'rebond-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function withEngine<T>(work: (engine: Engine, dir: string) => Promise<T>): Promise<T> {
  const dir = tempDir();
  const engine = await createEngine({ dbPath: join(dir.path, 'workspace.duckdb') });
  try {
    return await work(engine, dir.path);
  } finally {
    await engine.close();
    dir.remove();
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `rebond` command exactly as a user would (`npm run build` first), by default in UTC. */
export function runCli(args: string[], options: { input?: string; cwd?: string; timeZone?: string } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'rebond.mjs'), ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, LANG: 'en_US.UTF-8', TZ: options.timeZone ?? 'UTC' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export async function eventCount(engine: Engine): Promise<number> {
  const overview = await engine.overview({});
  return Object.values(overview.volume).reduce(
    (sum, point) => sum + Object.values(point.counts).reduce((a, b) => a + (b ?? 0), 0),
    0,
  );
}
