/**
 * Nothing doubled, nothing dropped: an event's 64-bit key and a reply's hash only find
 * candidates; the fields themselves decide. DuckDB's hash() of several columns collided on a
 * 10,000,000-event export (two different bounces stored four times), so these tests force
 * collisions on purpose and check that every real event is stored exactly once.
 */
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../core/classify';
import { Stage } from '../../core/store/staging';
import { withEngine } from '../helpers';

const HEADER = 'event,time,MessageID,email,hard_bounce,error_related_to,error,comment';
const bounce = (id: number, address: string) =>
  `bounce,1610877901,${id},${address},true,recipient,user unknown,"550 5.1.1 <${address}>: Recipient address rejected: User unknown"`;

describe('exact keys', () => {
  it('stores an event whose key collides with a stored one, and still knows a true duplicate', async () => {
    await withEngine(async (engine, dir) => {
      const first = join(dir, 'first.csv');
      const second = join(dir, 'second.csv');
      writeFileSync(first, `${HEADER}\n${bounce(1, 'cbernard801@sfr.fr')}\n`);
      writeFileSync(second, `${HEADER}\n${bounce(2, 'mbernard601@sfr.fr')}\n`);
      expect((await engine.importFiles({ paths: [first] })).files[0].stored).toBe(1);
      // forge the collision: the stored event takes the key the second file's event will have
      const probe = join(dir, 'probe.csv');
      writeFileSync(probe, `${HEADER}\n${bounce(2, 'mbernard601@sfr.fr')}\n`);
      const other = await withEngine(async (e) => {
        await e.importFiles({ paths: [probe] });
        return (await e.db.one<{ key: bigint }>(`SELECT key FROM events`))!.key;
      });
      await engine.db.run(`UPDATE events SET key = $1`, [other]);

      const result = (await engine.importFiles({ paths: [second] })).files[0];
      expect(result).toMatchObject({ ok: true, stored: 1, duplicates: 0 });
      const again = (await engine.importFiles({ paths: [second] })).files[0];
      expect(again).toMatchObject({ stored: 0, duplicates: 1 });
      const rows = await engine.db.all<{ address: string }>(`SELECT address FROM events ORDER BY address`);
      expect(rows.map((r) => r.address)).toEqual(['cbernard801@sfr.fr', 'mbernard601@sfr.fr']);
    });
  });

  it('gives each of two replies whose hashes collide its own verdict, once', async () => {
    await withEngine(async (engine) => {
      const stage = new Stage(engine.db, 'forged.csv');
      await stage.begin();
      const row = (address: string, diagnostic: string, line: number) => ({
        time: new Date('2021-01-17T10:00:00Z'),
        address,
        type: 'hard_bounce' as const,
        smtpCode: 550,
        enhancedCode: diagnostic.includes('5.7.1') ? '5.7.1' : '5.1.1',
        diagnostic,
        messageId: String(line),
        campaign: null,
        sender: null,
        relay: null,
        delaySeconds: null,
        hint: null,
        line,
      });
      stage.add(row('cbernard801@sfr.fr', '550 5.1.1 <cbernard801@sfr.fr>: Recipient address rejected: User unknown', 2));
      stage.add(row('marie@hotmail.fr', '550 5.7.1 Unfortunately, messages from [1.2.3.4] weren\'t sent. Please contact your Internet service provider since part of their network is on our block list (S3150).', 3));
      await stage.prepare(classify);
      // both replies now share one hash, on both sides of the join (the prepared rows are
      // Parquet files in the spill folder: core/store/staging.ts)
      const prepared = readdirSync(engine.db.spillFolder, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.parquet'));
      expect(prepared.length).toBeGreaterThan(0);
      for (const file of prepared.map((f) => join(engine.db.spillFolder, f))) {
        await engine.db.run(
          `COPY (SELECT * REPLACE (CASE WHEN ckey IS NOT NULL THEN 42::UBIGINT END AS ckey) FROM read_parquet($1)) TO $2 (FORMAT parquet)`,
          [file, `${file}.forged`],
        );
        renameSync(`${file}.forged`, file);
      }
      await engine.db.run(`UPDATE classified SET ckey = 42`);
      const totals = await engine.db.transaction(() => stage.commit(1));
      await stage.discard();
      expect(totals).toMatchObject({ stored: 2, duplicates: 0 });
      const rows = await engine.db.all<{ address: string; category: string }>(`SELECT address, category FROM events ORDER BY address`);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({ address: 'cbernard801@sfr.fr', category: 'user_unknown' });
      expect(rows[1].address).toBe('marie@hotmail.fr');
      expect(rows[1].category).not.toBe('user_unknown');
    });
  });

  it('stores every one of 20,000 near-identical bounces once, and none again on a re-import', async () => {
    await withEngine(async (engine, dir) => {
      const path = join(dir, 'near.csv');
      const lines = [HEADER];
      for (let i = 0; i < 20_000; i++) {
        // texts that differ in one or two characters, as the collision on the 10M export did
        const address = `${String.fromCharCode(97 + (i % 26))}bernard${Math.floor(i / 26)}@sfr.fr`;
        lines.push(bounce(i, address));
      }
      writeFileSync(path, lines.join('\n') + '\n');
      const first = (await engine.importFiles({ paths: [path] })).files[0];
      expect(first).toMatchObject({ ok: true, stored: 20_000, duplicates: 0, rejected: 0 });
      const again = (await engine.importFiles({ paths: [path] })).files[0];
      expect(again).toMatchObject({ stored: 0, duplicates: 20_000 });
      const counts = await engine.db.one<{ n: bigint; distinct_events: bigint; unclassified: bigint }>(
        `SELECT count(*) AS n, count(DISTINCT (address, message_id)) AS distinct_events,
                count(*) FILTER (category IS NULL) AS unclassified FROM events`,
      );
      expect(Number(counts!.n)).toBe(20_000);
      expect(Number(counts!.distinct_events)).toBe(20_000);
      expect(Number(counts!.unclassified)).toBe(0);
      // reclassify joins verdicts back the same exact way: nothing doubled, nothing lost
      const re = await engine.reclassify({});
      expect(re.events).toBe(20_000);
    });
  });
});
