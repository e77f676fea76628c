/**
 * A kill at any moment of an import — reading, classifying, inserting, or inside the commit —
 * leaves a workspace that reopens with exactly the imports it lists: no event without its import,
 * no import missing events, and the file imports again whole. (Killed 10–30 ms after the last
 * step, 1,000,000 events were once left under an import id the imports table did not hold.)
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../core/demo/generate';
import { createEngine } from '../../core/engine';
import { Database } from '../../core/store/database';
import { FIXTURES, ROOT, tempDir } from '../helpers';

const EVENTS = 20_000;
/**
 * [the step whose end REBOND_PROFILE reports, ms after it] — 14 moments: two in each step, and
 * eight inside and around the commit, where the one loss ever seen happened (10–30 ms after it)
 */
const MOMENTS: Array<[string, number]> = [
  ['stage', 0], ['stage', 120],
  ['classify', 0], ['classify', 100],
  ['insert', 0], ['insert', 20],
  ['done', 0], ['done', 5], ['done', 10], ['done', 15], ['done', 20], ['done', 30], ['done', 60], ['done', 100],
];

let dir: { path: string; remove: () => void };
let exportFile: string;
let base: string;
let baseEvents: number;
/** the export's events, as a clean import stores them */
let fileEvents: number;

beforeAll(async () => {
  dir = tempDir('rebond-kill-');
  // the demo's Mailjet export (`rebond demo`'s own generator, without a process for it)
  exportFile = (await generateDemo({ out: join(dir.path, 'demo'), events: EVENTS, seed: 1 })).files.find((f) => f.endsWith('mailjet-events.csv'))!;
  // the workspace already holds an import when the next one is killed
  base = join(dir.path, 'base.duckdb');
  const engine = await createEngine({ dbPath: base });
  baseEvents = (await engine.importFiles({ paths: [join(FIXTURES, 'mailjet', 'events.csv')] })).files[0].stored;
  await engine.close();
  const clean = await createEngine({ dbPath: join(dir.path, 'clean.duckdb') });
  fileEvents = (await clean.importFiles({ paths: [exportFile] })).files[0].stored;
  await clean.close();
  expect(fileEvents).toBeGreaterThan(EVENTS * 0.9);
});
afterAll(() => dir.remove());

/** Starts `rebond import` on a copy of the base workspace and kills it `ms` after step `step` ends. */
function killDuringImport(workspace: string, step: string, ms: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'rebond.mjs'), 'import', '--db', workspace, exportFile], {
      env: { ...process.env, REBOND_PROFILE: '1', TZ: 'UTC' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let killed = false;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!killed && stderr.includes(`[import] ${step}:`)) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), ms);
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL' ? 'killed' : 'finished'));
  });
}

describe('an import killed at any moment', () => {
  it.each(MOMENTS)('after the end of "%s" + %i ms, the workspace reopens with exactly its listed imports', async (step, ms) => {
    const workspace = join(dir.path, `killed-${step}-${ms}.duckdb`);
    copyFileSync(base, workspace);
    await killDuringImport(workspace, step, ms);

    const db = await Database.open(workspace);
    try {
      const orphans = await db.one<{ n: bigint }>(
        `SELECT count(*) AS n FROM events WHERE import_id NOT IN (SELECT id FROM imports)`,
      );
      expect(Number(orphans!.n)).toBe(0);
      const mismatched = await db.all(
        `SELECT i.id FROM imports i LEFT JOIN (SELECT import_id, count(*) AS n FROM events GROUP BY import_id) e
         ON e.import_id = i.id WHERE coalesce(e.n, 0) <> i.stored`,
      );
      expect(mismatched).toEqual([]);
    } finally {
      await db.close();
    }
    // and the file imports again: nothing left behind passes for a duplicate
    const engine = await createEngine({ dbPath: workspace });
    try {
      await engine.importFiles({ paths: [exportFile] });
      const imports = await engine.listImports({});
      const total = await engine.db.one<{ n: bigint }>(`SELECT count(*) AS n FROM events`);
      expect(Number(total!.n)).toBe(baseEvents + fileEvents);
      expect(imports.reduce((sum, i) => sum + i.stored, 0)).toBe(baseEvents + fileEvents);
    } finally {
      await engine.close();
    }
    // DuckDB's old spill folder beside the workspace is never left behind
    expect(existsSync(`${workspace}.tmp`)).toBe(false);
  });

  it('is repaired on open when DuckDB kept events whose import it did not keep (seen at 1,000,000 events)', async () => {
    const workspace = join(dir.path, 'orphaned.duckdb');
    copyFileSync(base, workspace);
    // what a kill 10–20 ms after the last step of a 1,000,000-event import left, three times out
    // of three: the events of import 7 on disk, no row for import 7; and import 1 missing events
    const raw = await Database.open(workspace);
    await raw.run(`INSERT INTO events SELECT * REPLACE (7 AS import_id, key + 1 AS key) FROM events`);
    await raw.run(`DELETE FROM events WHERE import_id = 1 AND rowid IN (SELECT min(rowid) FROM events WHERE import_id = 1)`);
    await raw.close();

    const engine = await createEngine({ dbPath: workspace });
    try {
      expect(engine.db.repairs.map((r) => [r.kind, r.importId, r.events])).toEqual([
        ['incomplete_import', 1, baseEvents - 1],
        ['unlisted_events', 7, baseEvents],
      ].sort((a, b) => Number(a[1]) - Number(b[1])));
      // the app asks for them to tell the person (the Import screen's notice)
      expect(await engine.workspaceRepairs({})).toEqual(engine.db.repairs);
      expect(await engine.listImports({})).toEqual([]);
      expect(await engine.db.one(`SELECT count(*) AS n FROM events`)).toEqual({ n: 0n });
      // the file imports again whole
      expect((await engine.importFiles({ paths: [join(FIXTURES, 'mailjet', 'events.csv')] })).files[0].stored).toBe(baseEvents);
    } finally {
      await engine.close();
    }
    // and a healthy workspace opens with nothing to repair
    const again = await createEngine({ dbPath: workspace });
    expect(again.db.repairs).toEqual([]);
    await again.close();
  });

  it('leaves no spill folder of a process that is gone', () => {
    const stale = readdirSync(tmpdir()).filter((name) => {
      const pid = /^rebond-spill-(\d+)-/.exec(name)?.[1];
      if (!pid) return false;
      try {
        process.kill(Number(pid), 0);
        return false;
      } catch {
        return true;
      }
    });
    expect(stale).toEqual([]);
  });
});
