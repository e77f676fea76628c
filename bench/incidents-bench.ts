/**
 * Issue 15's scale target: the incidents plus the chart series over 10,000,000 events in ≤ 2 s
 * once imported. The events are written straight into a workspace by DuckDB (an import of 10
 * million rows would take minutes and is measured elsewhere): a year of traffic over 200,000
 * addresses at a dozen domains, with deferrals, bounces, complaints and delays. The engine
 * computes the incidents once per state of the store (the first call after an import: timed
 * apart), then the overview's calls — the incidents and the chart series — are timed as the app
 * makes them.
 *
 *   npx tsx bench/incidents-bench.ts [events]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine } from '../core/engine';
import { addImportToAggregates } from '../core/store/hourly-tables';

export interface IncidentsBenchResult {
  events: number;
  incidents: number;
  writeSeconds: number;
  /** the counts per hour, campaign and delay an import writes beside its events (store/hourly-tables.ts) */
  aggregateSeconds: number;
  /** computing every incident of the store: what the first call after an import pays */
  computeSeconds: number;
  /** the same, in CPU seconds of the process (DuckDB's threads included): steadier than the clock on a shared machine */
  computeCpuSeconds: number;
  /** the first call after the import with the chart series: what the overview waits for once imported */
  firstOverviewSeconds: number;
  /** once imported: the incidents and the whole period's chart series, as the overview asks them */
  overviewSeconds: number;
  /** once imported: the incidents and a fortnight by the hour (a zoom) */
  zoomSeconds: number;
}

const DOMAINS = ['gmail.com', 'orange.fr', 'free.fr', 'hotmail.fr', 'sfr.fr', 'laposte.net', 'yahoo.fr', 'wanadoo.fr', 'icloud.com', 'asso-quartier.fr', 'ferme-bio.org', 'mairie-exemple.fr'];

export async function benchIncidents(events = 10_000_000): Promise<IncidentsBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'rebond-incidents-bench-'));
  const dbPath = join(dir, 'w.duckdb');
  try {
    let engine = await createEngine({ dbPath });
    const t0 = performance.now();
    const domains = `[${DOMAINS.map((d) => `'${d}'`).join(', ')}]`;
    await engine.db.run(`INSERT INTO imports VALUES (1, 'bench.csv', 'bench.csv', 'mailjet', 'bench', now(), ${events}, 0, 0, 0, NULL, NULL, NULL)`);
    // one row per event: a type by a hash bucket, hours spread over a year with a daily shape
    await engine.db.run(
      `INSERT INTO events
       SELECT hash(i) AS key,
         TIMESTAMPTZ '2021-01-01 00:00:00+00' + to_seconds((i * 3.1536e7 / ${events})::BIGINT) AS time,
         'user' || (i % 200000) || '@' || ${domains}[1 + (i % 200000) % ${DOMAINS.length}] AS address,
         ${domains}[1 + (i % 200000) % ${DOMAINS.length}] AS domain,
         CASE WHEN b < 7000 THEN 'delivered' WHEN b < 8600 THEN 'open' WHEN b < 9300 THEN 'deferred' WHEN b < 9500 THEN 'soft_bounce'
              WHEN b < 9530 THEN 'hard_bounce' WHEN b < 9600 THEN 'blocked' WHEN b < 9601 THEN 'complaint' WHEN b < 9700 THEN 'unsubscribe' ELSE 'click' END AS type,
         CASE WHEN b >= 8600 AND b < 9300 THEN 'greylisted' WHEN b >= 9300 AND b < 9500 THEN 'mailbox_full' WHEN b >= 9500 AND b < 9530 THEN 'user_unknown' ELSE NULL END AS category,
         NULL, NULL, b >= 9300 AND b < 9530, NULL, NULL, NULL, NULL, 'bench-' || i,
         'campagne-' || (i // 50000), NULL, NULL,
         CASE WHEN b < 7000 AND i % 10 = 0 THEN (i % 600)::DOUBLE ELSE NULL END AS delay_s,
         NULL, 1, i,
         hash('user' || (i % 200000) || '@' || ${domains}[1 + (i % 200000) % ${DOMAINS.length}]) AS address_key,
         NULL AS subject
       FROM (SELECT i, (hash(i * 7) % 10000)::INTEGER AS b FROM range(${events}) t(i))`,
    );
    const writeSeconds = (performance.now() - t0) / 1000;
    // what an import's commit adds for its events (without it, opening the workspace would)
    const ta = performance.now();
    await engine.db.transaction(() => addImportToAggregates(engine.db, 1));
    const aggregateSeconds = (performance.now() - ta) / 1000;
    await engine.close();

    engine = await createEngine({ dbPath });
    await engine.setSettings({ timeZone: 'Europe/Paris' });
    // the first call after the store changed computes every incident (then kept until it changes again)
    const t1 = performance.now();
    const cpu = process.cpuUsage();
    const incidents = await engine.incidents({});
    const used = process.cpuUsage(cpu);
    const t2 = performance.now();
    // then the overview as the app asks it: incidents and the chart series
    await engine.incidents({ lang: 'en' });
    await engine.overview({});
    const t3 = performance.now();
    const firstOverviewSeconds = (t3 - t1) / 1000;
    await engine.incidents({ lang: 'en' });
    await engine.overview({ bucket: 'hour', from: '2021-06-01T00:00:00Z', to: '2021-06-15T00:00:00Z' });
    const t4 = performance.now();
    await engine.close();
    return {
      events,
      incidents: incidents.length,
      writeSeconds,
      aggregateSeconds,
      computeSeconds: (t2 - t1) / 1000,
      computeCpuSeconds: (used.user + used.system) / 1e6,
      firstOverviewSeconds,
      overviewSeconds: (t3 - t2) / 1000,
      zoomSeconds: (t4 - t3) / 1000,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const events = Number(process.argv[2] ?? 10_000_000);
  const r = await benchIncidents(events);
  console.log(
    `${r.events.toLocaleString('en')} events: counts written at import ${r.aggregateSeconds.toFixed(2)} s; incidents computed in ${r.computeSeconds.toFixed(2)} s (${r.computeCpuSeconds.toFixed(2)} s CPU; first call after the import), with the chart series ${r.firstOverviewSeconds.toFixed(2)} s; ` +
      `then incidents + chart series ${r.overviewSeconds.toFixed(2)} s (target ≤ 2 s), zoomed ${r.zoomSeconds.toFixed(2)} s; ${r.incidents} incidents`,
  );
  console.log(JSON.stringify(r));
}
