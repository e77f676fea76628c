/** Shared by the tests: temporary workspaces, the `rebond` command (in this process, or as a process), fixtures. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
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

/** Runs `work` with the environment variable `name` set to `value`, then puts back what it was. */
export async function withEnv<T>(name: string, value: string, work: () => Promise<T>): Promise<T> {
  const before = process.env[name];
  process.env[name] = value;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}

/**
 * Runs `rebond ARGS` in this process: core/cli.ts's main(), the function bin/rebond.mjs calls,
 * with its output captured — what a user reads and the exit code they get, without the second
 * or so a new process costs. The machine's zone is `timeZone` (UTC by default) during the run.
 * Use runCli where the process itself is the behaviour (bin/rebond.mjs, signals, a kill).
 */
export async function rebond(args: string[], options: { input?: string; timeZone?: string } = {}): Promise<CliResult> {
  const { main } = await import('../core/cli');
  let stdout = '';
  let stderr = '';
  // Node applies a new TZ at once
  return withEnv('TZ', options.timeZone ?? 'UTC', async () => {
    const code = await main(args, {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      stdin: Readable.from([options.input ?? '']),
      stderrIsTTY: false,
    });
    return { code, stdout, stderr };
  });
}

/** Runs the built `rebond` command as a process, exactly as a user would (`npm run build` first), by default in UTC. */
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
