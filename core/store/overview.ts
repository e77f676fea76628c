/**
 * The rows behind the overview, counted by DuckDB over the whole store (core/overview/ builds the
 * screen's answer from them). A "message" is one final outcome — delivered, bounced or blocked —
 * so deferrals that are retried are not counted twice.
 */
import type { EventType } from '../model/event';
import type { Database } from './database';
import { isoTime } from './sql';

export const FINAL_OUTCOMES = ['delivered', 'soft_bounce', 'hard_bounce', 'blocked'] as const;

export const HOUR_MS = 3_600_000;

const finalList = FINAL_OUTCOMES.map((t) => `'${t}'`).join(', ');

/** A span of event times: `from` included, `to` excluded, either open. */
export interface TimeRange {
  from?: string;
  to?: string;
}

/**
 * The range as SQL. Whole hours (or no bound) read the counts kept per hour
 * (store/hourly-tables.ts): a few thousand rows for a year of mail, where the events are millions.
 * A bound inside an hour reads the events themselves.
 */
function rangeFilter(range: TimeRange): { counted: boolean; conditions: string[]; params: Array<string | number> } {
  const whole = (iso?: string) => iso === undefined || Date.parse(iso) % HOUR_MS === 0;
  const counted = whole(range.from) && whole(range.to);
  const conditions: string[] = [];
  const params: Array<string | number> = [];
  if (range.from) {
    params.push(counted ? Date.parse(range.from) / HOUR_MS : range.from);
    conditions.push(counted ? `h >= $${params.length}` : `time >= $${params.length}::TIMESTAMPTZ`);
  }
  if (range.to) {
    params.push(counted ? Date.parse(range.to) / HOUR_MS : range.to);
    conditions.push(counted ? `h < $${params.length}` : `time < $${params.length}::TIMESTAMPTZ`);
  }
  return { counted, conditions, params };
}

export interface HourlyCount {
  /** hours since the epoch (UTC) */
  hour: number;
  type: EventType;
  count: number;
}

/**
 * Events per hour and type: every time series in one pass (a few thousand rows for a year of
 * mail). Hours are counted on the epoch, which DuckDB groups ~5× faster than date_trunc on a
 * TIMESTAMPTZ; the store's session is UTC, so days are whole groups of 24 hours (e-mail events
 * are never before 1970, where integer division would round the other way).
 */
export async function hourlyCountsByType(db: Database, range: TimeRange): Promise<HourlyCount[]> {
  const { counted, conditions, params } = rangeFilter(range);
  const filter = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const rows = await db.all<{ h: bigint; type: EventType; n: bigint }>(
    counted
      ? `SELECT h, type, sum(n)::BIGINT AS n FROM hourly_counts ${filter} GROUP BY ALL`
      : `SELECT epoch_ms(time) // ${HOUR_MS} AS h, type, count(*) AS n FROM events ${filter} GROUP BY ALL`,
    params,
  );
  return rows.map((r) => ({ hour: Number(r.h), type: r.type, count: Number(r.n) }));
}

/** The first and last event times in the range, ISO-8601 UTC. */
export async function eventSpan(db: Database, range: TimeRange): Promise<{ first: string | null; last: string | null }> {
  const { counted, conditions, params } = rangeFilter(range);
  const filter = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const span = await db.one<{ first: string | null; last: string | null }>(
    counted
      ? `SELECT ${isoTime('min(first)')} AS first, ${isoTime('max(last)')} AS last FROM hourly_counts ${filter}`
      : `SELECT ${isoTime('min(time)')} AS first, ${isoTime('max(time)')} AS last FROM events ${filter}`,
    params,
  );
  return { first: span?.first ?? null, last: span?.last ?? null };
}

export interface ReasonCount {
  domain: string;
  category: string;
  type: EventType;
  count: number;
}

/** Failures by receiving domain, reason and type, the most frequent first (at most `limit`). */
export async function reasonCounts(db: Database, range: TimeRange, limit = 200): Promise<ReasonCount[]> {
  const { counted, conditions, params } = rangeFilter(range);
  const and = conditions.length > 0 ? `AND ${conditions.join(' AND ')}` : '';
  const rows = await db.all<{ domain: string; category: string; type: EventType; n: bigint }>(
    `SELECT domain, coalesce(category, 'unknown') AS category, type, ${counted ? 'sum(n)::BIGINT' : 'count(*)'} AS n FROM ${counted ? 'domain_counts' : 'events'}
     WHERE type IN ('deferred', 'soft_bounce', 'hard_bounce', 'blocked') ${and}
     GROUP BY ALL ORDER BY n DESC, domain, category, type LIMIT ${Math.trunc(limit)}`,
    params,
  );
  return rows.map((r) => ({ domain: r.domain, category: r.category, type: r.type, count: Number(r.n) }));
}

/** The median number of messages per campaign, or null when no event names a campaign. */
export async function medianCampaignSize(db: Database): Promise<number | null> {
  const row = await db.one<{ size: number | null }>(
    `SELECT median(n)::INTEGER AS size FROM (
       SELECT count(*) AS n FROM events WHERE campaign IS NOT NULL AND type IN (${finalList}) GROUP BY campaign)`,
  );
  return row?.size ?? null;
}
