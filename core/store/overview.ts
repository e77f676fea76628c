/**
 * The overview's figures, computed by DuckDB over the whole store. Rates always come with the
 * volume behind them (SPEC §11.9): a "message" is one final outcome — delivered, bounced or
 * blocked — so deferrals that are retried are not counted twice.
 */
import type { ComplaintRatePoint, Overview, OverviewRequest, ReasonByDomain, VolumePoint } from '../contract';
import type { EventType } from '../model/event';
import type { Database } from './database';
import { isoTime } from './staging';
import { localDayOfHour } from './local-day';

export const FINAL_OUTCOMES = ['delivered', 'soft_bounce', 'hard_bounce', 'blocked'] as const;

/** seed 003 / Google and Yahoo bulk-sender rules; seed 002 for hard bounces per campaign */
export const THRESHOLDS = { complaintWarning: 0.001, complaintLimit: 0.003, hardBounceLimit: 0.01 };

const HOUR_MS = 3_600_000;

const finalList = FINAL_OUTCOMES.map((t) => `'${t}'`).join(', ');

/**
 * Each UTC hour's local calendar day, in the workspace's time zone: an agent in Paris reads
 * "complaints on 3 March" as Paris days (store/local-day.ts).
 */
const localDayOf = localDayOfHour;

export async function computeOverview(
  db: Database,
  request: OverviewRequest,
  timeZone = 'UTC',
): Promise<Overview> {
  // Whole hours (or no bound) read the counts kept per hour (store/hourly-tables.ts): a few
  // thousand rows for a year of mail, where the events are millions. A bound inside an hour
  // reads the events themselves.
  const whole = (iso?: string) => iso === undefined || Date.parse(iso) % HOUR_MS === 0;
  const counted = whole(request.from) && whole(request.to);
  const where: string[] = [];
  const params: Array<string | number> = [];
  if (request.from) {
    params.push(counted ? Date.parse(request.from) / HOUR_MS : request.from);
    where.push(counted ? `h >= $${params.length}` : `time >= $${params.length}::TIMESTAMPTZ`);
  }
  if (request.to) {
    params.push(counted ? Date.parse(request.to) / HOUR_MS : request.to);
    where.push(counted ? `h < $${params.length}` : `time < $${params.length}::TIMESTAMPTZ`);
  }
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const and = where.length > 0 ? `AND ${where.join(' AND ')}` : '';
  const from = counted ? 'domain_counts' : 'events';
  const count = counted ? 'sum(n)::BIGINT' : 'count(*)';

  // One pass gives every time series: events per hour and type (a few thousand rows for a year
  // of mail). Hours are counted on the epoch, which DuckDB groups ~5× faster than date_trunc on a
  // TIMESTAMPTZ; the store's session is UTC, so days are whole groups of 24 hours (e-mail events
  // are never before 1970, where integer division would round the other way).
  const hourly = await db.all<{ h: bigint; type: EventType; n: bigint }>(
    counted
      ? `SELECT h, type, ${count} AS n FROM hourly_counts ${filter} GROUP BY ALL`
      : `SELECT epoch_ms(time) // ${HOUR_MS} AS h, type, count(*) AS n FROM events ${filter} GROUP BY ALL`,
    params,
  );
  const by = new Map<EventType, number>();
  let firstHour = Number.POSITIVE_INFINITY;
  let lastHour = Number.NEGATIVE_INFINITY;
  for (const row of hourly) {
    const h = Number(row.h);
    by.set(row.type, (by.get(row.type) ?? 0) + Number(row.n));
    if (h < firstHour) firstHour = h;
    if (h > lastHour) lastHour = h;
  }
  const n = (t: EventType) => by.get(t) ?? 0;
  const messages = FINAL_OUTCOMES.reduce((sum, t) => sum + n(t), 0);
  const span = await db.one<{ first: string | null; last: string | null }>(
    counted
      ? `SELECT ${isoTime('min(first)')} AS first, ${isoTime('max(last)')} AS last FROM hourly_counts ${filter}`
      : `SELECT ${isoTime('min(time)')} AS first, ${isoTime('max(time)')} AS last FROM events ${filter}`,
    params,
  );
  const spanHours = hourly.length > 0 ? lastHour - firstHour : 0;
  const bucket = request.bucket ?? (spanHours > 24 * 14 ? 'day' : 'hour');

  // Rows come per UTC hour; a day bucket gathers the hours of one local day, and is placed at
  // the first hour that holds any event.
  const dayOf = localDayOf(timeZone);
  const volumeByKey = new Map<string, { start: number; counts: Partial<Record<EventType, number>> }>();
  const daily = new Map<string, { start: number; messages: number; delivered: number; complaints: number }>();
  const isFinal = new Set<string>(FINAL_OUTCOMES);
  const days = new Map<number, string>();
  for (const row of hourly) {
    const h = Number(row.h);
    const count = Number(row.n);
    let day = days.get(h);
    if (day === undefined) days.set(h, (day = dayOf(h)));
    const key = bucket === 'day' ? day : String(h);
    const point = volumeByKey.get(key) ?? { start: h, counts: {} };
    point.start = Math.min(point.start, h);
    point.counts[row.type] = (point.counts[row.type] ?? 0) + count;
    volumeByKey.set(key, point);
    const totals = daily.get(day) ?? { start: h, messages: 0, delivered: 0, complaints: 0 };
    totals.start = Math.min(totals.start, h);
    if (isFinal.has(row.type)) totals.messages += count;
    if (row.type === 'delivered') totals.delivered += count;
    if (row.type === 'complaint') totals.complaints += count;
    daily.set(day, totals);
  }
  const volume: VolumePoint[] = [...volumeByKey.values()]
    .sort((a, b) => a.start - b.start)
    .map(({ start, counts }) => ({ time: new Date(start * HOUR_MS).toISOString(), counts }));

  const reasons = await db.all<{ domain: string; category: string; type: EventType; n: bigint }>(
    `SELECT domain, coalesce(category, 'unknown') AS category, type, ${count} AS n FROM ${from}
     WHERE type IN ('deferred', 'soft_bounce', 'hard_bounce', 'blocked') ${and}
     GROUP BY ALL ORDER BY n DESC, domain, category, type LIMIT 200`,
    params,
  );
  const reasonsByDomain: ReasonByDomain[] = reasons.map((r) => ({
    domain: r.domain,
    category: r.category,
    type: r.type,
    count: Number(r.n),
  }));

  const complaintRate: ComplaintRatePoint[] = [...daily.entries()]
    .sort((a, b) => a[1].start - b[1].start)
    .map(([day, d]) => ({
      day,
      messages: d.messages,
      complaints: d.complaints,
      // Complaints are measured against delivered mail, as Google and Yahoo do.
      rate: d.delivered > 0 ? d.complaints / d.delivered : 0,
    }));

  return {
    headline: {
      messages,
      delivered: n('delivered'),
      deferred: n('deferred'),
      softBounces: n('soft_bounce'),
      hardBounces: n('hard_bounce'),
      blocked: n('blocked'),
      complaints: n('complaint'),
      unsubscribes: n('unsubscribe'),
      deliveredRate: messages > 0 ? n('delivered') / messages : 0,
      hardBounceRate: messages > 0 ? n('hard_bounce') / messages : 0,
      complaintRate: n('delivered') > 0 ? n('complaint') / n('delivered') : 0,
    },
    firstEventTime: span?.first ?? null,
    lastEventTime: span?.last ?? null,
    bucket,
    volume,
    reasonsByDomain,
    complaintRate,
    thresholds: THRESHOLDS,
  };
}

/** The median number of messages per campaign, or null when no event names a campaign. */
export async function medianCampaignSize(db: Database): Promise<number | null> {
  const row = await db.one<{ size: number | null }>(
    `SELECT median(n)::INTEGER AS size FROM (
       SELECT count(*) AS n FROM events WHERE campaign IS NOT NULL AND type IN (${finalList}) GROUP BY campaign)`,
  );
  return row?.size ?? null;
}
