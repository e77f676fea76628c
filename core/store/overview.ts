/**
 * The overview's figures, computed by DuckDB over the whole store. Rates always come with the
 * volume behind them (SPEC §11.9): a "message" is one final outcome — delivered, bounced or
 * blocked — so deferrals that are retried are not counted twice.
 */
import type { ComplaintRatePoint, Overview, OverviewRequest, ReasonByDomain, VolumePoint } from '../contract';
import type { EventType } from '../model/event';
import type { Database } from './database';
import { isoTime } from './staging';

export const FINAL_OUTCOMES = ['delivered', 'soft_bounce', 'hard_bounce', 'blocked'] as const;

/** seed 003 / Google and Yahoo bulk-sender rules; seed 002 for hard bounces per campaign */
export const THRESHOLDS = { complaintWarning: 0.001, complaintLimit: 0.003, hardBounceLimit: 0.01 };

const finalList = FINAL_OUTCOMES.map((t) => `'${t}'`).join(', ');

export async function computeOverview(db: Database, request: OverviewRequest): Promise<Overview> {
  const where: string[] = [];
  const params: string[] = [];
  if (request.from) {
    params.push(request.from);
    where.push(`time >= $${params.length}::TIMESTAMPTZ`);
  }
  if (request.to) {
    params.push(request.to);
    where.push(`time < $${params.length}::TIMESTAMPTZ`);
  }
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const and = where.length > 0 ? `AND ${where.join(' AND ')}` : '';

  const counts = await db.all<{ type: EventType; n: bigint }>(
    `SELECT type, count(*) AS n FROM events ${filter} GROUP BY type`,
    params,
  );
  const by = new Map(counts.map((c) => [c.type, Number(c.n)]));
  const n = (t: EventType) => by.get(t) ?? 0;
  const messages = FINAL_OUTCOMES.reduce((sum, t) => sum + n(t), 0);
  const span = await db.one<{ first: string | null; last: string | null; hours: number | null }>(
    `SELECT ${isoTime('min(time)')} AS first, ${isoTime('max(time)')} AS last,
            date_diff('hour', min(time), max(time)) AS hours FROM events ${filter}`,
    params,
  );
  const bucket = request.bucket ?? ((span?.hours ?? 0) > 24 * 14 ? 'day' : 'hour');

  const volumeRows = await db.all<{ t: string; type: EventType; n: bigint }>(
    `SELECT ${isoTime(`date_trunc('${bucket}', time)`)} AS t, type, count(*) AS n
     FROM events ${filter} GROUP BY 1, 2 ORDER BY 1`,
    params,
  );
  const volume: VolumePoint[] = [];
  for (const row of volumeRows) {
    let point = volume[volume.length - 1];
    if (!point || point.time !== row.t) {
      point = { time: row.t, counts: {} };
      volume.push(point);
    }
    point.counts[row.type] = Number(row.n);
  }

  const reasons = await db.all<{ domain: string; category: string; type: EventType; n: bigint }>(
    `SELECT domain, coalesce(category, 'unknown') AS category, type, count(*) AS n FROM events
     WHERE type IN ('deferred', 'soft_bounce', 'hard_bounce', 'blocked') ${and}
     GROUP BY ALL ORDER BY n DESC LIMIT 200`,
    params,
  );
  const reasonsByDomain: ReasonByDomain[] = reasons.map((r) => ({
    domain: r.domain,
    category: r.category,
    type: r.type,
    count: Number(r.n),
  }));

  const daily = await db.all<{ day: string; messages: bigint; delivered: bigint; complaints: bigint }>(
    `SELECT strftime(date_trunc('day', time), '%Y-%m-%d') AS day,
            count(*) FILTER (WHERE type IN (${finalList})) AS messages,
            count(*) FILTER (WHERE type = 'delivered') AS delivered,
            count(*) FILTER (WHERE type = 'complaint') AS complaints
     FROM events ${filter} GROUP BY 1 ORDER BY 1`,
    params,
  );
  const complaintRate: ComplaintRatePoint[] = daily.map((d) => ({
    day: d.day,
    messages: Number(d.messages),
    complaints: Number(d.complaints),
    // Complaints are measured against delivered mail, as Google and Yahoo do.
    rate: Number(d.delivered) > 0 ? Number(d.complaints) / Number(d.delivered) : 0,
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
