/**
 * The store's aggregates, kept beside the events (issue 15: incidents and the chart series over
 * 10,000,000 events in ≤ 2 s once imported). Every incident detector and the overview's series
 * read these few thousand rows instead of scanning the events table again and again:
 *
 * - `hourly_counts`: events per import, epoch hour and type, with their first and last time;
 * - `domain_counts`: attempts (delivered, deferred, bounced, blocked) per import, epoch hour,
 *   receiving domain, type and category;
 * - `campaign_counts`: events per import, campaign and type, with their first and last time;
 * - `delay_counts`: deliveries that carry a queue delay, per import, hour queued and delay.
 *
 * Each row names its import, so the tables follow the events exactly: written in the import's
 * transaction (addImportToAggregates), removed with it (removeImportFromAggregates), rebuilt for
 * the categories a reclassify moved (rebuildCategoryCounts), and checked on open against the
 * events each import holds (repairAggregates), which also fills them for a workspace written
 * before they existed.
 */
import type { Database } from './database';

const HOUR_MS = 3_600_000;

export const AGGREGATE_TABLES_SQL = [
  `CREATE TABLE hourly_counts (
    import_id INTEGER NOT NULL,
    h BIGINT NOT NULL,
    type VARCHAR NOT NULL,
    n BIGINT NOT NULL,
    first TIMESTAMPTZ NOT NULL,
    last TIMESTAMPTZ NOT NULL
  )`,
  `CREATE TABLE domain_counts (
    import_id INTEGER NOT NULL,
    h BIGINT NOT NULL,
    domain VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    category VARCHAR,
    n BIGINT NOT NULL
  )`,
  `CREATE TABLE campaign_counts (
    import_id INTEGER NOT NULL,
    campaign VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    n BIGINT NOT NULL,
    first TIMESTAMPTZ NOT NULL,
    last TIMESTAMPTZ NOT NULL
  )`,
  `CREATE TABLE delay_counts (
    import_id INTEGER NOT NULL,
    h BIGINT NOT NULL,
    delay DOUBLE NOT NULL,
    n BIGINT NOT NULL
  )`,
];

/** `WHERE …` on the events: one import, or every import. */
const scope = (importId: number | null) => (importId === null ? '' : `WHERE import_id = ${Number(importId)}`);

/** The types whose counts per domain the detectors and the reasons by domain read. */
export const ATTEMPT_TYPES_SQL = `'delivered', 'deferred', 'soft_bounce', 'hard_bounce', 'blocked'`;

function hourlySql(importId: number | null): string {
  return `INSERT INTO hourly_counts
    SELECT import_id, epoch_ms(time) // ${HOUR_MS} AS h, type, count(*), min(time), max(time)
    FROM events ${scope(importId)} GROUP BY ALL`;
}

function domainSql(importId: number | null): string {
  const where = `${importId === null ? 'WHERE' : `${scope(importId)} AND`} type IN (${ATTEMPT_TYPES_SQL})`;
  return `INSERT INTO domain_counts
    SELECT import_id, epoch_ms(time) // ${HOUR_MS} AS h, domain, type, category, count(*) FROM events ${where} GROUP BY ALL`;
}

function campaignSql(importId: number | null): string {
  const where = importId === null ? 'WHERE campaign IS NOT NULL' : `${scope(importId)} AND campaign IS NOT NULL`;
  return `INSERT INTO campaign_counts
    SELECT import_id, campaign, type, count(*), min(time), max(time) FROM events ${where} GROUP BY ALL`;
}

function delaySql(importId: number | null): string {
  const where = `${importId === null ? 'WHERE' : `${scope(importId)} AND`} type = 'delivered' AND delay_s IS NOT NULL`;
  // the hour queued is the delivery's time less its delay: kept per delay value, so that the
  // percentiles over these rows are exactly those over the events
  return `INSERT INTO delay_counts
    SELECT import_id, floor(queued / ${HOUR_MS})::BIGINT, delay, count(*)
    FROM (SELECT import_id, epoch_ms(time) - delay_s * 1000 AS queued, delay_s AS delay FROM events ${where})
    GROUP BY ALL`;
}

/** The new import's events into the aggregates; call inside the import's transaction, after its events are in. */
export async function addImportToAggregates(db: Database, importId: number): Promise<void> {
  await db.run(hourlySql(importId));
  await db.run(domainSql(importId));
  await db.run(campaignSql(importId));
  await db.run(delaySql(importId));
}

/** Every import's counts at once, from the events: a read-only dataset's views get their counts when opened. */
export async function fillAggregates(db: Database): Promise<void> {
  for (const sql of [hourlySql(null), domainSql(null), campaignSql(null), delaySql(null)]) await db.run(sql);
}

/** The import's rows out of the aggregates; call inside the transaction that removes its events. */
export async function removeImportFromAggregates(db: Database, importId: number): Promise<void> {
  for (const table of ['hourly_counts', 'domain_counts', 'campaign_counts', 'delay_counts']) await db.run(`DELETE FROM ${table} WHERE import_id = $1`, [importId]);
}

/** After a reclassify moved categories: the counts per domain again (the others hold no category). */
export async function rebuildCategoryCounts(db: Database): Promise<void> {
  await db.run(`DELETE FROM domain_counts`);
  await db.run(domainSql(null));
}

/**
 * On open: the aggregates of each import must add up to the events it holds. An import whose
 * counts differ (a workspace from before the aggregates, a crash between two statements of a
 * file written by hand) gets its rows again; rows of an import that is gone are dropped.
 * `eventsPerImport` is what the recovery's own scan found.
 */
export async function repairAggregates(db: Database, eventsPerImport: ReadonlyMap<number, number>): Promise<number[]> {
  const counted = await db.all<{ import_id: number; n: bigint }>(`SELECT import_id, sum(n)::BIGINT AS n FROM hourly_counts GROUP BY import_id`);
  const have = new Map(counted.map((r) => [r.import_id, Number(r.n)]));
  const wrong = new Set<number>();
  for (const [id, n] of eventsPerImport) if (n > 0 && have.get(id) !== n) wrong.add(id);
  for (const id of have.keys()) if (!eventsPerImport.has(id) || eventsPerImport.get(id) === 0) wrong.add(id);
  if (wrong.size === 0) return [];
  await db.transaction(async () => {
    for (const id of wrong) {
      await removeImportFromAggregates(db, id);
      if ((eventsPerImport.get(id) ?? 0) > 0) await addImportToAggregates(db, id);
    }
  });
  return [...wrong];
}
