/** The workspace file: versioned schema, migrations, and refusal of files from a newer Rebond. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { Database } from '../../core/store/database';
import { SCHEMA_VERSION } from '../../core/store/migrations';
import { tempDir, withEnv } from '../helpers';

describe('workspace database', () => {
  it('creates a new workspace at the current schema version, and reopens it unchanged', async () => {
    const dir = tempDir();
    try {
      const path = join(dir.path, 'w.duckdb');
      const db = await Database.open(path);
      expect(await db.schemaVersion()).toBe(SCHEMA_VERSION);
      await db.close();
      const again = await Database.open(path);
      expect(await again.schemaVersion()).toBe(SCHEMA_VERSION);
      const versions = await again.all<{ n: bigint }>('SELECT count(*) AS n FROM schema_version');
      expect(Number(versions[0].n)).toBe(SCHEMA_VERSION);
      await again.close();
    } finally {
      dir.remove();
    }
  });

  it('refuses a workspace written by a newer Rebond and does not touch it', async () => {
    const dir = tempDir();
    try {
      const path = join(dir.path, 'future.duckdb');
      const instance = await DuckDBInstance.create(path);
      const connection = await instance.connect();
      await connection.run('CREATE TABLE schema_version (version INTEGER NOT NULL, migrated_at TIMESTAMPTZ NOT NULL)');
      await connection.run(`INSERT INTO schema_version VALUES (${SCHEMA_VERSION + 1}, now())`);
      await connection.run('CREATE TABLE events_v99 (x INTEGER)');
      await connection.run('CHECKPOINT');
      connection.closeSync();
      instance.closeSync();
      const before = readFileSync(path);

      await expect(Database.open(path)).rejects.toThrow(/written by a newer Rebond \(schema version \d+; this one knows up to \d+\)\. It was not changed/);
      expect(readFileSync(path).equals(before)).toBe(true);
    } finally {
      dir.remove();
    }
  });

  it('uses the threads REBOND_THREADS asks for, and refuses a value that is not a number of threads', async () => {
    const dir = tempDir();
    try {
      const path = join(dir.path, 'threads.duckdb');
      await withEnv('REBOND_THREADS', '3', async () => {
        const db = await Database.open(path);
        expect(await db.one(`SELECT current_setting('threads')::INTEGER AS n`)).toEqual({ n: 3 });
        await db.close();
      });
      await withEnv('REBOND_THREADS', 'two', () =>
        expect(Database.open(path)).rejects.toThrow('REBOND_THREADS must be a whole number of threads from 1 to 1024, not "two".'),
      );
      // refused before anything was written, and not left locked: it opens once the setting is mended
      const again = await Database.open(path);
      await again.close();
    } finally {
      dir.remove();
    }
  });

  it('plans one statement without the common-subexpression optimizer, and gives it back to the next, even after a failure', async () => {
    const db = await Database.open(':memory:');
    try {
      const disabled = async () => (await db.one<{ v: string }>(`SELECT current_setting('disabled_optimizers') AS v`))!.v;
      // the statement itself is planned with the optimizer off
      await db.runWithoutCommonSubexpressions(`CREATE TABLE seen AS SELECT current_setting('disabled_optimizers') AS v`);
      expect(await db.one(`SELECT v FROM seen`)).toEqual({ v: 'common_subexpressions' });
      expect(await disabled()).toBe('');
      await db.run(`CREATE TABLE t AS SELECT range AS n FROM range(3)`);
      expect(await db.runWithoutCommonSubexpressions(`INSERT INTO t SELECT n + 3 FROM t`)).toBe(3);
      await expect(db.runWithoutCommonSubexpressions(`INSERT INTO t SELECT 'not a number'`)).rejects.toThrow();
      expect(await disabled()).toBe('');
      expect(await db.one(`SELECT count(*)::INTEGER AS n FROM t`)).toEqual({ n: 6 });
    } finally {
      await db.close();
    }
  });
});
