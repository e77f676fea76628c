/**
 * The counts the charts and the incidents read (core/store/hourly-tables.ts) must always be what
 * the events say: after an import, a removal, a reclassify, and when a workspace opens without
 * them (written before they existed, or by hand).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../core/engine';
import { createEngine } from '../../core/engine';
import { FIXTURES, tempDir, withEngine } from '../helpers';

const FILES = [join(FIXTURES, 'mailjet', 'events.csv'), join(FIXTURES, 'postfix', 'mixed.log')];

/** Each table as stored, and as computed again from the events now. */
async function tables(engine: Engine): Promise<Array<{ stored: unknown[]; expected: unknown[] }>> {
  const db = engine.db;
  const pairs: Array<[string, string]> = [
    [
      `SELECT import_id, h, type, n, first, last FROM hourly_counts`,
      `SELECT import_id, epoch_ms(time) // 3600000 AS h, type, count(*) AS n, min(time) AS first, max(time) AS last FROM events GROUP BY ALL`,
    ],
    [
      `SELECT import_id, h, domain, type, category, n FROM domain_counts`,
      `SELECT import_id, epoch_ms(time) // 3600000 AS h, domain, type, category, count(*) AS n FROM events
       WHERE type IN ('delivered', 'deferred', 'soft_bounce', 'hard_bounce', 'blocked') GROUP BY ALL`,
    ],
    [`SELECT import_id, campaign, type, n FROM campaign_counts`, `SELECT import_id, campaign, type, count(*) AS n FROM events WHERE campaign IS NOT NULL GROUP BY ALL`],
    [
      `SELECT import_id, h, delay, n FROM delay_counts`,
      `SELECT import_id, floor((epoch_ms(time) - delay_s * 1000) / 3600000)::BIGINT AS h, delay_s AS delay, count(*) AS n FROM events
       WHERE type = 'delivered' AND delay_s IS NOT NULL GROUP BY ALL`,
    ],
  ];
  const out = [];
  for (const [stored, expected] of pairs) {
    const sorted = async (sql: string) => (await db.all(`SELECT * FROM (${sql}) ORDER BY ALL`)).map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? Number(v) : v)));
    out.push({ stored: await sorted(stored), expected: await sorted(expected) });
  }
  return out;
}

async function expectInStep(engine: Engine): Promise<void> {
  for (const t of await tables(engine)) expect(t.stored).toEqual(t.expected);
}

describe('the counts kept beside the events', () => {
  it('follow the events through imports, a removal and a reclassify', async () => {
    await withEngine(async (engine) => {
      const summary = await engine.importFiles({ paths: FILES });
      expect(summary.files.every((f) => f.ok)).toBe(true);
      const all = await tables(engine);
      expect(all.every((t) => t.stored.length > 0)).toBe(true); // the postfix log has delays, the export campaigns
      await expectInStep(engine);

      await engine.db.run(`UPDATE events SET category = 'user_unknown' WHERE type = 'hard_bounce'`);
      const moved = await engine.reclassify({});
      expect(moved.changed).toBeGreaterThan(0);
      await expectInStep(engine);

      await engine.removeImport({ id: summary.files[0].importId! });
      await expectInStep(engine);
    });
  });

  it('give the overview the same figures as the events themselves', async () => {
    await withEngine(async (engine) => {
      await engine.importFiles({ paths: FILES });
      const counted = await engine.overview({ bucket: 'hour' });
      // a bound inside an hour reads the events themselves
      const read = await engine.overview({ bucket: 'hour', from: '2000-01-01T00:00:00.001Z' });
      expect(counted).toEqual(read);
    });
  });

  it('are filled again when a workspace opens without them', async () => {
    const dir = tempDir();
    try {
      const dbPath = join(dir.path, 'w.duckdb');
      let engine = await createEngine({ dbPath });
      await engine.importFiles({ paths: FILES });
      for (const table of ['hourly_counts', 'domain_counts', 'campaign_counts', 'delay_counts']) await engine.db.run(`DELETE FROM ${table}`);
      await engine.close();
      engine = await createEngine({ dbPath });
      await expectInStep(engine);
      await engine.close();
    } finally {
      dir.remove();
    }
  });
});
