/**
 * A log's rows reach DuckDB in chunks while the file is still being read (core/store/staging.ts):
 * however the rows are cut into chunks and buckets, the workspace must hold exactly the events a
 * single piece would have stored, with their lines, in address-key order, the rejected rows
 * named by their line, and a re-import must find every event already there.
 */
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../core/classify';
import { postfixImporter } from '../../core/formats/postfix/postfix';
import { readLineBatches } from '../../core/files/lines';
import { readSample } from '../../core/files/sample';
import { Stage, type StageTotals } from '../../core/store/staging';
import { writePostfixLog } from '../../bench/postfix-bench';
import { tempDir, withEngine, withEnv } from '../helpers';

/** A generated Postfix log with two recipients that are not addresses, one early and one late. */
async function logWithBadRows(dir: string): Promise<string> {
  const path = join(dir, 'mail.log');
  await writePostfixLog(path, 6_000);
  const lines = readFileSync(path, 'utf8').split('\n');
  const bad = (qid: string) =>
    `Jan 17 09:00:00 mx1 postfix/smtp[3001]: ${qid}: to=<no-at-sign>, relay=none, delay=1, delays=0/0/0/1, dsn=5.1.3, status=bounced (bad address syntax)`;
  lines.splice(40, 0, bad('BAD1'));
  lines.splice(5_000, 0, bad('BAD2'));
  writeFileSync(path, lines.join('\n'));
  return path;
}

type Db = Parameters<Parameters<typeof withEngine>[0]>[0]['db'];

/** The row a log importer hands the stage for a delivery to person{i}, at line i + 1. */
function deliveredRow(i: number, time: Date, diagnostic: string | null) {
  return {
    time,
    address: `person${i}@example.org`,
    type: 'delivered' as const,
    smtpCode: 250,
    enhancedCode: null,
    diagnostic,
    messageId: `m${i}`,
    campaign: null,
    sender: null,
    relay: null,
    delaySeconds: null,
    hint: null,
    line: i + 1,
  };
}

/** Imports `path` through a Stage of the given chunk and bucket sizes, as import-file does. */
async function importWith(db: Db, path: string, importId: number, rowsPerBucket: number, rowsPerChunk: number): Promise<StageTotals> {
  const stage = new Stage(db, path, undefined, rowsPerBucket, rowsPerChunk);
  try {
    await stage.begin();
    await postfixImporter.stage({
      file: path,
      sample: await readSample(path),
      options: { timeZone: 'Europe/Paris', year: 2024 },
      stage,
      reject: (e) => stage.reject(e),
      skip: () => undefined,
      progress: () => undefined,
      tally: () => undefined,
    });
    await stage.prepare(classify);
    return await db.transaction(() => stage.commit(importId));
  } finally {
    await stage.discard();
  }
}

async function storedEvents(db: Db): Promise<string[]> {
  const rows = await db.all(`SELECT * EXCLUDE (import_id) FROM events ORDER BY ALL`);
  return rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}

async function inKeyOrder(db: Db): Promise<boolean> {
  const row = await db.one<{ ordered: boolean }>(
    `SELECT bool_and(address_key >= coalesce(previous, 0)) AS ordered
     FROM (SELECT address_key, lag(address_key) OVER (ORDER BY rowid) AS previous FROM events)`,
  );
  return row!.ordered;
}

describe('a log staged in chunks', () => {
  it('stores the same events, lines and rejections however it is cut into chunks and buckets', async () => {
    const dir = tempDir('rebond-chunks-');
    try {
      const path = await logWithBadRows(dir.path);
      // one piece (the rows never reach a chunk's size), then chunks in one bucket, chunks read
      // bucket by bucket by their keys, and chunks split into many bucket folders
      const layouts = [
        { rowsPerBucket: 500_000, rowsPerChunk: 1e9 },
        { rowsPerBucket: 500_000, rowsPerChunk: 97 },
        { rowsPerBucket: 300, rowsPerChunk: 97 },
        { rowsPerBucket: 40, rowsPerChunk: 97 },
      ];
      const results: Array<{ totals: StageTotals; events: string[] }> = [];
      for (const layout of layouts) {
        await withEngine(async (engine) => {
          const totals = await importWith(engine.db, path, 1, layout.rowsPerBucket, layout.rowsPerChunk);
          expect(await inKeyOrder(engine.db)).toBe(true);
          results.push({ totals, events: await storedEvents(engine.db) });
          const again = await importWith(engine.db, path, 2, layout.rowsPerBucket, layout.rowsPerChunk);
          expect(again).toMatchObject({ stored: 0, duplicates: totals.stored });
        });
      }
      const [whole, ...cut] = results;
      expect(whole.totals.stored).toBeGreaterThan(800);
      expect(whole.totals.rejected).toBe(2);
      // the two recipients that are not addresses, by the lines they are on in the file
      expect(whole.totals.errors.map((e) => e.line)).toEqual([41, 5_001]);
      expect(whole.totals.errors[0].message).toContain('no-at-sign');
      for (const other of cut) {
        expect(other.totals).toEqual(whole.totals);
        expect(other.events).toEqual(whole.events);
      }
    } finally {
      dir.remove();
    }
  });

  it('writes each event time as the ISO text of its instant, whatever its milliseconds or year', async () => {
    const times = [
      Date.UTC(2024, 0, 17, 8, 0, 0, 0),
      Date.UTC(2024, 0, 17, 8, 0, 7, 5),
      Date.UTC(2024, 0, 17, 8, 0, 59, 50),
      Date.UTC(2024, 0, 17, 8, 1, 0, 999),
      Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      Date.UTC(2024, 1, 29, 23, 59, 30, 500),
    ];
    await withEngine(async (engine) => {
      const stage = new Stage(engine.db, 'times.log', undefined, 500_000, 2);
      try {
        await stage.begin();
        times.forEach((ms, i) => stage.add(deliveredRow(i, new Date(ms), null)));
        await stage.prepare(classify);
        await engine.db.transaction(() => stage.commit(1));
      } finally {
        await stage.discard();
      }
      const rows = await engine.db.all<{ line: bigint; ms: bigint }>(`SELECT line, epoch_ms(time) AS ms FROM events ORDER BY line`);
      expect(rows.map((r) => Number(r.ms))).toEqual(times);
    });
  });
});

describe('a log whose reading fails half-way', () => {
  it('leaves no chunk behind and the workspace as it was, chunks sent or being normalised', async () => {
    await withEngine(async (engine) => {
      const row = (i: number) => deliveredRow(i, new Date(Date.UTC(2024, 0, 17, 8, 0, i)), '250 2.0.0 Ok');
      const failed = new Stage(engine.db, 'cut.log', undefined, 500_000, 10);
      await failed.begin();
      for (let i = 0; i < 95; i++) failed.add(row(i));
      // the format threw here (a damaged .gz): import-file discards the stage, never prepares it
      await failed.discard();
      const chunkFolders = readdirSync(engine.db.spillFolder).filter((name) => name.startsWith('chunks-'));
      expect(chunkFolders).toEqual([]);
      expect(Number((await engine.db.one<{ n: bigint }>('SELECT count(*) AS n FROM events'))!.n)).toBe(0);

      // and the next import stores its events
      const next = new Stage(engine.db, 'next.log', undefined, 500_000, 10);
      try {
        await next.begin();
        for (let i = 0; i < 25; i++) next.add(row(i));
        await next.prepare(classify);
        expect(await engine.db.transaction(() => next.commit(1))).toMatchObject({ stored: 25, duplicates: 0 });
      } finally {
        await next.discard();
      }
    });
  });
});

describe('the cores while a log is parsed', () => {
  const threadsNow = async (db: Db) => Number((await db.one<{ t: bigint }>(`SELECT current_setting('threads') AS t`))!.t);

  it('leaves the parser a core while chunks are normalised, and gives every thread back after, or after a failure', async () => {
    // the suite runs with one thread (vitest.config.ts): this workspace gets three
    await withEnv('REBOND_THREADS', '3', () =>
      withEngine(async (engine) => {
        const row = (i: number) => deliveredRow(i, new Date(Date.UTC(2024, 0, 17, 8, 0, i)), '250 2.0.0 Ok');
        expect(await threadsNow(engine.db)).toBe(3);
        const stage = new Stage(engine.db, 'cores.log', undefined, 500_000, 10);
        try {
          await stage.begin();
          for (let i = 0; i < 25; i++) stage.add(row(i));
          // the two chunks sent so far are normalised one statement after the other, with one
          // thread fewer from the first (asked for as the first chunk was sent)
          await expect.poll(() => threadsNow(engine.db)).toBe(2);
          await stage.prepare(classify);
          expect(await threadsNow(engine.db)).toBe(3);
          expect(await engine.db.transaction(() => stage.commit(1))).toMatchObject({ stored: 25 });
        } finally {
          await stage.discard();
        }
        const failed = new Stage(engine.db, 'cut.log', undefined, 500_000, 10);
        await failed.begin();
        for (let i = 0; i < 25; i++) failed.add(row(i));
        await failed.discard();
        expect(await threadsNow(engine.db)).toBe(3);
      }),
    );
  });
});

describe('a log read in pieces', () => {
  it('gives every line whole, across pieces, in UTF-8 and windows-1252, with CR, LF and CRLF ends', async () => {
    const dir = tempDir('rebond-lines-');
    try {
      // more than one 4 MB piece: ASCII pieces, then accents and an emoji that straddle where pieces end
      const ascii = Array.from({ length: 60_000 }, (_, i) => `Jan 17 08:00:00 mx1 postfix/qmgr[999]: Q${i}: removed`);
      const accented = Array.from({ length: 60_000 }, (_, i) => `ligne ${i} : réponse « refusée » ${i % 7 === 0 ? '📬' : 'é'}`);
      const lines = [...ascii, ...accented];
      const text = lines.map((l, i) => l + (i % 5 === 0 ? '\r\n' : i % 11 === 0 ? '\r' : '\n')).join('');
      const utf8 = join(dir.path, 'utf8.log');
      writeFileSync(utf8, text);
      appendFileSync(utf8, 'last line without an end');
      let bytes = 0;
      const read: string[] = [];
      for await (const batch of readLineBatches(utf8, { gzip: false, onBytes: (b) => (bytes = b) })) read.push(...batch);
      expect(read).toEqual([...lines, 'last line without an end']);
      expect(bytes).toBe(readFileSync(utf8).length);

      const cp1252 = join(dir.path, 'cp1252.log');
      const latin = accented.map((l) => l.replace('📬', 'é'));
      // é, « and » are the same bytes in windows-1252 and latin1 (E9, AB, BB)
      writeFileSync(cp1252, Buffer.from([...ascii, ...latin].join('\n'), 'latin1'));
      const read1252: string[] = [];
      for await (const batch of readLineBatches(cp1252, { gzip: false, encoding: 'windows-1252' })) read1252.push(...batch);
      expect(read1252).toEqual([...ascii, ...latin]);
    } finally {
      dir.remove();
    }
  });
});
