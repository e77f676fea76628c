/**
 * The aggregates the incident detectors read (SPEC §6): counts per hour, per receiving domain,
 * per campaign, and delay percentiles, computed by DuckDB over the whole store and returned as
 * plain rows. Hours are epoch hours (ms / 3,600,000), grouped on the integer as overview.ts does.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { EventType } from '../model/event';
import type { Database } from './database';
import { isoTime } from './sql';

const HOUR_MS = 3_600_000;

export interface SourceHourRow {
  hour: number;
  /** the format of the import: one sending platform's rate is read apart from another's */
  source: string;
  type: EventType;
  count: number;
}

/** Events per hour, type and source format (delivered, bounces, deferrals, complaints, blocks). */
export async function hourlyBySource(db: Database): Promise<SourceHourRow[]> {
  const rows = await db.all<{ h: bigint; source: string; type: EventType; n: bigint }>(
    `SELECT g.h, i.format AS source, g.type, sum(g.n)::BIGINT AS n FROM hourly_counts g JOIN imports i ON i.id = g.import_id
     WHERE g.type IN ('delivered', 'soft_bounce', 'hard_bounce', 'deferred', 'complaint', 'blocked') GROUP BY ALL`,
  );
  return rows.map((r) => ({ hour: Number(r.h), source: r.source, type: r.type, count: Number(r.n) }));
}

export interface DomainHourRow {
  hour: number;
  domain: string;
  /** delivered + deferred + soft + hard: every answer the domain gave that hour */
  attempts: number;
  deferred: number;
  hardBounces: number;
  /** deferrals and hard bounces by category; filled for the hours that may be an incident */
  byCategory: Array<{ type: EventType; category: string; count: number }>;
}

export interface DomainDayRow {
  domain: string;
  /** UTC day, as an epoch day */
  day: number;
  attempts: number;
  deferred: number;
  hardBounces: number;
}

export interface DomainHourThresholds {
  minAttempts: number;
  minDeferred: number;
  minDeferralRate: number;
  minBounces: number;
  minBounceRate: number;
  /** hours either side of a candidate hour returned too, for the series around it */
  around: number;
}

/**
 * Attempts per receiving domain and hour, computed in DuckDB; only the hours that pass the
 * volume and rate floors of a deferral surge or a provider block come back (with their
 * categories), plus the hours around them and each domain's daily totals (its usual rates). A
 * year of a hundred thousand domains stays in the store; the detectors get a few hundred rows.
 */
export async function domainHours(db: Database, t: DomainHourThresholds): Promise<{ hours: DomainHourRow[]; days: DomainDayRow[] }> {
  // one after another on the single connection; temporary tables live in this session only
  await db.all(
    `CREATE OR REPLACE TEMP TABLE rebond_domain_hours AS
     SELECT h, domain, sum(n)::BIGINT AS n, coalesce(sum(n) FILTER (type = 'deferred'), 0)::BIGINT AS d,
       coalesce(sum(n) FILTER (type = 'hard_bounce'), 0)::BIGINT AS hb
     FROM domain_counts WHERE type IN ('delivered', 'deferred', 'soft_bounce', 'hard_bounce') GROUP BY ALL`,
  );
  await db.all(
    `CREATE OR REPLACE TEMP TABLE rebond_domain_candidates AS
     SELECT DISTINCT h, domain FROM rebond_domain_hours
     WHERE (n >= $1 AND d >= $2 AND d >= $3 * n) OR (hb >= $4 AND hb >= $5 * n)`,
    [t.minAttempts, t.minDeferred, t.minDeferralRate, t.minBounces, t.minBounceRate],
  );
  const hours = await db.all<{ h: bigint; domain: string; n: bigint; d: bigint; hb: bigint }>(
    `SELECT DISTINCT x.h, x.domain, x.n, x.d, x.hb FROM rebond_domain_hours x
     JOIN rebond_domain_candidates c ON x.domain = c.domain AND x.h BETWEEN c.h - $1 AND c.h + $1`,
    [t.around],
  );
  const categories = await db.all<{ h: bigint; domain: string; type: EventType; category: string; n: bigint }>(
    `SELECT e.h, e.domain, e.type, coalesce(e.category, 'unknown') AS category, sum(e.n)::BIGINT AS n
     FROM domain_counts e SEMI JOIN rebond_domain_candidates c ON e.domain = c.domain AND e.h = c.h
     WHERE e.type IN ('deferred', 'hard_bounce') GROUP BY ALL`,
  );
  const days = await db.all<{ domain: string; day: bigint; n: bigint; d: bigint; hb: bigint }>(
    `SELECT domain, h // 24 AS day, sum(n)::BIGINT AS n, sum(d)::BIGINT AS d, sum(hb)::BIGINT AS hb FROM rebond_domain_hours
     WHERE domain IN (SELECT domain FROM rebond_domain_candidates) GROUP BY ALL`,
  );
  await db.all(`DROP TABLE IF EXISTS rebond_domain_candidates`);
  await db.all(`DROP TABLE IF EXISTS rebond_domain_hours`);
  const key = (h: number, domain: string) => `${h} ${domain}`;
  const byKey = new Map<string, DomainHourRow>();
  for (const r of hours) {
    const row: DomainHourRow = { hour: Number(r.h), domain: r.domain, attempts: Number(r.n), deferred: Number(r.d), hardBounces: Number(r.hb), byCategory: [] };
    byKey.set(key(row.hour, row.domain), row);
  }
  for (const c of categories) byKey.get(key(Number(c.h), c.domain))?.byCategory.push({ type: c.type, category: c.category, count: Number(c.n) });
  return {
    hours: [...byKey.values()],
    days: days.map((r) => ({ domain: r.domain, day: Number(r.day), attempts: Number(r.n), deferred: Number(r.d), hardBounces: Number(r.hb) })),
  };
}

export interface CampaignRow {
  campaign: string;
  /** delivered + soft + hard bounces: what was sent */
  sent: number;
  delivered: number;
  hardBounces: number;
  complaints: number;
  first: string;
  last: string;
}

export async function campaignTotals(db: Database): Promise<CampaignRow[]> {
  const outcome = `type IN ('delivered', 'soft_bounce', 'hard_bounce')`;
  const rows = await db.all<{ campaign: string; sent: bigint; delivered: bigint; hard: bigint; complaints: bigint; first: string; last: string }>(
    `SELECT campaign, coalesce(sum(n) FILTER (${outcome}), 0)::BIGINT AS sent, coalesce(sum(n) FILTER (type = 'delivered'), 0)::BIGINT AS delivered,
       coalesce(sum(n) FILTER (type = 'hard_bounce'), 0)::BIGINT AS hard, coalesce(sum(n) FILTER (type = 'complaint'), 0)::BIGINT AS complaints,
       ${isoTime(`min(first) FILTER (${outcome})`)} AS first, ${isoTime(`max(last) FILTER (${outcome})`)} AS last
     FROM campaign_counts WHERE type IN ('delivered', 'soft_bounce', 'hard_bounce', 'complaint')
     GROUP BY campaign HAVING sum(n) FILTER (${outcome}) > 0`,
  );
  return rows.map((r) => ({
    campaign: r.campaign,
    sent: Number(r.sent),
    delivered: Number(r.delivered),
    hardBounces: Number(r.hard),
    complaints: Number(r.complaints),
    first: r.first,
    last: r.last,
  }));
}

export interface Window {
  domain?: string | null;
  campaign?: string | null;
  start: string;
  end: string;
}

/** `(domain = … AND time in …) OR …` with its parameters, numbered from `first`. */
function windowFilter(windows: readonly Window[], first = 1): { sql: string; params: DuckDBValue[] } {
  const params: DuckDBValue[] = [];
  const parts = windows.map((w) => {
    const terms: string[] = [];
    params.push(w.start, w.end);
    terms.push(`time >= $${first + params.length - 2}::TIMESTAMPTZ`, `time < $${first + params.length - 1}::TIMESTAMPTZ`);
    if (w.domain) params.push(w.domain), terms.push(`domain = $${first + params.length - 1}`);
    if (w.campaign) params.push(w.campaign), terms.push(`campaign = $${first + params.length - 1}`);
    return `(${terms.join(' AND ')})`;
  });
  return { sql: parts.length > 0 ? parts.join(' OR ') : 'false', params };
}

/** Hard bounces per campaign that fall inside the given windows (a provider's block). */
export async function campaignHardBouncesIn(db: Database, windows: readonly Window[]): Promise<Map<string, number>> {
  if (windows.length === 0) return new Map();
  const filter = windowFilter(windows);
  const rows = await db.all<{ campaign: string; n: bigint }>(
    `SELECT campaign, count(*) AS n FROM events WHERE type = 'hard_bounce' AND campaign IS NOT NULL AND (${filter.sql}) GROUP BY campaign`,
    filter.params,
  );
  return new Map(rows.map((r) => [r.campaign, Number(r.n)]));
}

export interface DelayHourRow {
  /** the hour the mail was queued (or requested) in */
  hour: number;
  messages: number;
  p50: number;
  p95: number;
  max: number;
}

/**
 * Queue-to-delivery delay per hour the mail entered the queue: Postfix `delay=`, PowerMTA
 * `timeQueued` (delay_s), or request → delivery where a source has both (same message id).
 */
export async function hourlyDelays(db: Database): Promise<DelayHourRow[]> {
  const requested = await db.one<{ n: bigint }>(`SELECT count(*) AS n FROM (SELECT 1 FROM hourly_counts WHERE type = 'requested' LIMIT 1)`);
  // request → delivery joins two events of one message: read from the events, only when a source has requests
  const fromRequests =
    requested && Number(requested.n) > 0
      ? `UNION ALL
         SELECT floor(epoch_ms(r.t) / ${HOUR_MS})::BIGINT AS h, (epoch_ms(d.time) - epoch_ms(r.t)) / 1000.0 AS delay, 1 AS n
         FROM events d JOIN (SELECT message_id, min(time) AS t FROM events WHERE type = 'requested' AND message_id IS NOT NULL GROUP BY 1) r
           ON r.message_id = d.message_id
         WHERE d.type = 'delivered' AND d.delay_s IS NULL AND d.time >= r.t`
      : '';
  // The delays come counted per value (store/hourly-tables.ts): each value repeated its count
  // gives quantile_cont the very rows it had over the events (a window over the counts sorted
  // them and took eight times longer).
  const rows = await db.all<{ h: bigint; n: bigint; p50: number; p95: number; max: number }>(
    `WITH c AS (SELECT h, delay, n FROM delay_counts ${fromRequests})
     SELECT h, count(*) AS n, quantile_cont(delay, 0.5) AS p50, quantile_cont(delay, 0.95) AS p95, max(delay) AS max
     FROM (SELECT h, delay FROM c, range(c.n)) GROUP BY h`,
  );
  return rows.map((r) => ({ hour: Number(r.h), messages: Number(r.n), p50: Number(r.p50), p95: Number(r.p95), max: Number(r.max) }));
}

export interface RecentDeliveryRow {
  index: number;
  bounced: number;
  /** of those addresses, the ones delivered within the look-back before the window */
  deliveredBefore: number;
}

/** For each window: the addresses that hard-bounced in it, and how many had been delivered just before. */
export async function recentlyDelivered(db: Database, windows: readonly Window[], lookbackDays: number): Promise<RecentDeliveryRow[]> {
  if (windows.length === 0) return [];
  const params: DuckDBValue[] = [Math.max(0, lookbackDays)];
  const values = windows.map((w, i) => {
    params.push(i, w.domain ?? '', w.start, w.end);
    const n = params.length;
    return `($${n - 3}::INTEGER, $${n - 2}::VARCHAR, $${n - 1}::TIMESTAMPTZ, $${n}::TIMESTAMPTZ)`;
  });
  const rows = await db.all<{ idx: number; bounced: bigint; delivered: bigint }>(
    `WITH c(idx, domain, s, e) AS (VALUES ${values.join(', ')}),
     b AS (SELECT DISTINCT c.idx, ev.address, c.s FROM events ev JOIN c ON ev.domain = c.domain AND ev.time >= c.s AND ev.time < c.e
           WHERE ev.type = 'hard_bounce'),
     d AS (SELECT DISTINCT b.idx, b.address FROM b JOIN events ev ON ev.address = b.address
           WHERE ev.type = 'delivered' AND ev.time < b.s AND ev.time >= b.s - to_days($1::INTEGER))
     SELECT b.idx, count(*) AS bounced, (SELECT count(*) FROM d WHERE d.idx = b.idx) AS delivered FROM b GROUP BY b.idx`,
    params,
  );
  return rows.map((r) => ({ index: Number(r.idx), bounced: Number(r.bounced), deliveredBefore: Number(r.delivered) }));
}

export interface ExampleRow {
  time: string;
  address: string;
  type: EventType;
  category: string | null;
  smtpCode: number | null;
  enhancedCode: string | null;
  diagnostic: string | null;
  campaign: string | null;
}

/** A few events of one incident, with their server texts: its evidence. */
export async function exampleEvents(db: Database, window: Window, types: readonly EventType[], limit = 3, slowestFirst = false): Promise<ExampleRow[]> {
  const filter = windowFilter([window], 1);
  const typeParams = types.map((_, i) => `$${filter.params.length + i + 1}`);
  const rows = await db.all<{ t: string; address: string; type: EventType; category: string | null; smtp_code: number | null; enhanced_code: string | null; diagnostic: string | null; campaign: string | null }>(
    `SELECT ${isoTime('time')} AS t, address, type, category, smtp_code, enhanced_code, diagnostic, campaign FROM events
     WHERE (${filter.sql}) AND type IN (${typeParams.join(', ')})
     ORDER BY ${slowestFirst ? 'delay_s DESC NULLS LAST, ' : ''}(diagnostic IS NULL), time LIMIT ${Math.max(1, Math.min(limit, 20))}`,
    [...filter.params, ...types],
  );
  return rows.map((r) => ({
    time: r.t,
    address: r.address,
    type: r.type,
    category: r.category,
    smtpCode: r.smtp_code,
    enhancedCode: r.enhanced_code,
    diagnostic: r.diagnostic,
    campaign: r.campaign,
  }));
}

export interface TouchedRow {
  key: string;
  events: number;
}

/** The addresses and campaigns an incident touched (its window, its domain or campaign), most events first. */
export async function touchedBy(
  db: Database,
  window: Window,
  types: readonly EventType[],
  limit: number,
): Promise<{ addresses: TouchedRow[]; campaigns: TouchedRow[]; addressCount: number }> {
  const filter = windowFilter([window], 1);
  const typeParams = types.map((_, i) => `$${filter.params.length + i + 1}`);
  const where = `(${filter.sql}) AND type IN (${typeParams.join(', ')})`;
  const params = [...filter.params, ...types];
  const cap = Math.max(1, Math.min(limit, 1000));
  const addresses = await db.all<{ k: string; n: bigint }>(
    `SELECT address AS k, count(*) AS n FROM events WHERE ${where} GROUP BY 1 ORDER BY n DESC, k LIMIT ${cap}`,
    params,
  );
  const campaigns = await db.all<{ k: string; n: bigint }>(
    `SELECT campaign AS k, count(*) AS n FROM events WHERE ${where} AND campaign IS NOT NULL GROUP BY 1 ORDER BY n DESC, k LIMIT ${cap}`,
    params,
  );
  const total = await db.one<{ n: bigint }>(`SELECT count(DISTINCT address) AS n FROM events WHERE ${where}`, params);
  return {
    addresses: addresses.map((r) => ({ key: r.k, events: Number(r.n) })),
    campaigns: campaigns.map((r) => ({ key: r.k, events: Number(r.n) })),
    addressCount: Number(total?.n ?? 0),
  };
}

export interface DomainFailureRow {
  hour: number;
  domain: string;
  category: string;
  type: EventType;
  count: number;
}

/**
 * Failures by receiving domain × reason × hour (SPEC §11.7): what an agent asks first — a typo
 * domain, or a provider blocking us? One domain (or every domain) within a window.
 */
export async function domainFailures(db: Database, request: { from?: string; to?: string; domain?: string; limit: number }): Promise<DomainFailureRow[]> {
  const where = [`type IN ('deferred', 'soft_bounce', 'hard_bounce', 'blocked')`];
  const params: DuckDBValue[] = [];
  if (request.from) params.push(request.from), where.push(`time >= $${params.length}::TIMESTAMPTZ`);
  if (request.to) params.push(request.to), where.push(`time < $${params.length}::TIMESTAMPTZ`);
  if (request.domain) params.push(request.domain), where.push(`domain = $${params.length}`);
  const rows = await db.all<{ h: bigint; domain: string; category: string; type: EventType; n: bigint }>(
    `SELECT epoch_ms(time) // ${HOUR_MS} AS h, domain, coalesce(category, 'unknown') AS category, type, count(*) AS n
     FROM events WHERE ${where.join(' AND ')} GROUP BY ALL ORDER BY h, n DESC LIMIT ${Math.max(1, Math.min(request.limit, 20_000))}`,
    params,
  );
  return rows.map((r) => ({ hour: Number(r.h), domain: r.domain, category: r.category, type: r.type, count: Number(r.n) }));
}

/** The receiving domains with the most failures, for the per-domain view's choice. */
export async function failingDomains(db: Database, request: { from?: string; to?: string; limit: number }): Promise<Array<{ domain: string; count: number }>> {
  const where = [`type IN ('deferred', 'soft_bounce', 'hard_bounce', 'blocked')`];
  const params: DuckDBValue[] = [];
  if (request.from) params.push(request.from), where.push(`time >= $${params.length}::TIMESTAMPTZ`);
  if (request.to) params.push(request.to), where.push(`time < $${params.length}::TIMESTAMPTZ`);
  const rows = await db.all<{ domain: string; n: bigint }>(
    `SELECT domain, count(*) AS n FROM events WHERE ${where.join(' AND ')} GROUP BY 1 ORDER BY n DESC, domain LIMIT ${Math.max(1, Math.min(request.limit, 500))}`,
    params,
  );
  return rows.map((r) => ({ domain: r.domain, count: Number(r.n) }));
}
