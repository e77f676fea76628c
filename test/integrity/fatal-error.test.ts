/**
 * An engine that outlives DuckDB: a FATAL error invalidates a DuckDB instance until it is
 * restarted, and the app answered 500 to everything after one malformed file. The file that did
 * it is kept away from the reader that crashed; and whatever still raises a FATAL error, the
 * engine reopens its workspace and goes on, with nothing committed lost.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Database } from '../../core/store/database';
import { FIXTURES, tempDir, withEngine } from '../helpers';

const FATAL = join(FIXTURES, 'integrity', 'fatal-for-duckdb.csv');
const MIXED = join(FIXTURES, 'integrity', 'mixed-line-ends.csv');
const EVENTS = join(FIXTURES, 'mailjet', 'events.csv');

/** DuckDB's strict read of the fatal file, a few columns of it, as Rebond's one-pass read ran it before. */
const CRASHING_READ = `CREATE TEMP TABLE good AS SELECT c0, c1, c4, c11, c20, c22 FROM read_csv($1, header = false, skip = 1, auto_detect = false,
  columns = {${Array.from({ length: 23 }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ')}},
  delim = ',', quote = '"', escape = '"', strict_mode = true, ignore_errors = false)`;

const NO_DATABASE_TEXT = /FATAL|INTERNAL|invalidated|Error:|vector of size|strict_mode|state machine/;

describe('a FATAL DuckDB error', () => {
  it('is what DuckDB still does with that file, and the database recovers from it with every commit kept', async () => {
    const dir = tempDir();
    try {
      const db = await Database.open(join(dir.path, 'w.duckdb'));
      await db.run(`INSERT INTO imports VALUES (1, 'a', 'a', 'mailjet', 'h', now(), 0, 0, 0, 0, NULL, NULL, '[]')`);
      await expect(db.run(CRASHING_READ, [FATAL])).rejects.toThrow(/INTERNAL Error: Attempted to access index 11/);
      await expect(db.all(`SELECT count(*) FROM imports`)).rejects.toThrow(/invalidated/);
      expect(await db.recover()).toBe(true);
      expect(await db.one<{ n: bigint }>(`SELECT count(*) AS n FROM imports`)).toEqual({ n: 1n });
      expect(await db.recover()).toBe(false); // a healthy database is left alone
      await db.close();
    } finally {
      dir.remove();
    }
  });

  it('leaves the engine serving: the next call reopens the workspace, imports and lookups answer', async () => {
    await withEngine(async (engine) => {
      const before = (await engine.importFiles({ paths: [EVENTS] })).files[0];
      // the workspace dies under the engine, as it did on that file before the byte check
      await engine.db.run(CRASHING_READ, [FATAL]).catch(() => undefined);
      expect(engine.db.broken).toBe(true);
      const { files } = await engine.importFiles({ paths: [MIXED], displayNames: ['mixed.csv'] });
      expect(files[0]).toMatchObject({ ok: true, stored: 4 });
      expect((await engine.address({ address: 'a@b.fr' })).events).toHaveLength(1);
      const imports = await engine.listImports({});
      expect(imports.map((i) => i.stored)).toEqual([before.stored, 4]);
    });
  });

  it('met inside an import fails that file in plain words, and the next file is stored', async () => {
    await withEngine(async (engine) => {
      // a file that breaks the database once its import has begun (DuckDB's FATAL errors
      // have no other reliable trigger: the known one is kept away by the byte check)
      const stage = engine.db.run.bind(engine.db);
      let armed = true;
      engine.db.run = async (sql, params) => {
        if (armed && sql.includes('CREATE OR REPLACE TEMP TABLE stage')) {
          armed = false;
          await stage(CRASHING_READ, [FATAL]);
        }
        return stage(sql, params);
      };
      const { files } = await engine.importFiles({ paths: [EVENTS, MIXED], displayNames: ['export-janvier.csv', 'mixed.csv'] });
      expect(files[0].ok).toBe(false);
      expect(files[0].error).toMatch(/^export-janvier\.csv could not be imported: the database stopped on an internal error/);
      expect(files[0].error).not.toMatch(NO_DATABASE_TEXT);
      expect(files[1]).toMatchObject({ ok: true, stored: 4 });
      expect((await engine.address({ address: 'c@b.fr' })).events).toHaveLength(1);
    });
  });

  it('is never reached with the file that caused it: its bad line is named, the engine goes on', async () => {
    await withEngine(async (engine) => {
      const { files } = await engine.importFiles({ paths: [FATAL, EVENTS], displayNames: ['fatal.csv', 'events.csv'] });
      expect(files[0].ok).toBe(false);
      expect(files[0].error).toBe('fatal.csv: no event could be read as Mailjet event export; 1 line rejected (line 2: invalid characters (not UTF-8)).');
      expect(files[1].ok).toBe(true);
    });
  });
});

describe('line ends of every kind in one file', () => {
  it('are each a line end: the good rows are stored at their lines, the bad one is named in plain words', async () => {
    await withEngine(async (engine) => {
      const result = (await engine.importFiles({ paths: [MIXED], displayNames: ['mixed.csv'] })).files[0];
      expect(result).toMatchObject({ ok: true, stored: 4, rejected: 1 });
      expect(result.errors).toEqual([{ line: 5, message: 'unreadable date "notatime"', problem: { code: 'line.date', params: { value: 'notatime' } } }]);
      for (const message of result.errors.map((e) => e.message)) expect(message).not.toMatch(NO_DATABASE_TEXT);
      const lines = await engine.db.all<{ address: string; line: bigint }>(`SELECT address, line FROM events ORDER BY line`);
      expect(lines.map((l) => [l.address, Number(l.line)])).toEqual([
        ['a@b.fr', 2], ['c@b.fr', 3], ['d@b.fr', 4], ['f@b.fr', 6],
      ]);
    });
  });
});
