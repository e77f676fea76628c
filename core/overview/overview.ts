/**
 * The overview screen's answer (SPEC §7, §11.9), built from the store's hourly rows: the headline
 * figures, the volume series at the hour or day grain, the failures by domain and reason, and the
 * daily complaint rate. Rates always come with the volume behind them; the thresholds drawn on the
 * charts are the policy's (core/policy/settings.ts), so the chart and the detectors agree.
 */
import type { ComplaintRatePoint, Overview, OverviewRequest, VolumePoint } from '../contract';
import type { EventType } from '../model/event';
import type { IncidentSettings } from '../policy/settings';
import type { Database } from '../store/database';
import { localDayOfHour } from '../store/local-day';
import { eventSpan, FINAL_OUTCOMES, HOUR_MS, hourlyCountsByType, reasonCounts } from '../store/overview';

/** The lines drawn on the charts: complaint warning and limit, and the hard-bounce limit. */
export function overviewThresholds(settings: IncidentSettings): Overview['thresholds'] {
  return {
    complaintWarning: settings.complaints.warningRate,
    complaintLimit: settings.complaints.limitRate,
    hardBounceLimit: settings.bounces.campaignHardBounceRate,
  };
}

export async function computeOverview(
  db: Database,
  request: OverviewRequest,
  timeZone: string,
  settings: IncidentSettings,
): Promise<Overview> {
  const range = { from: request.from, to: request.to };
  const hourly = await hourlyCountsByType(db, range);
  const by = new Map<EventType, number>();
  let firstHour = Number.POSITIVE_INFINITY;
  let lastHour = Number.NEGATIVE_INFINITY;
  for (const row of hourly) {
    by.set(row.type, (by.get(row.type) ?? 0) + row.count);
    if (row.hour < firstHour) firstHour = row.hour;
    if (row.hour > lastHour) lastHour = row.hour;
  }
  const n = (t: EventType) => by.get(t) ?? 0;
  const messages = FINAL_OUTCOMES.reduce((sum, t) => sum + n(t), 0);
  const span = await eventSpan(db, range);
  const spanHours = hourly.length > 0 ? lastHour - firstHour : 0;
  const bucket = request.bucket ?? (spanHours > 24 * 14 ? 'day' : 'hour');

  // Rows come per UTC hour; a day bucket gathers the hours of one local day, and is placed at
  // the first hour that holds any event.
  // each UTC hour's local calendar day: an agent in Paris reads "complaints on 3 March" as Paris days
  const dayOf = localDayOfHour(timeZone);
  const volumeByKey = new Map<string, { start: number; counts: Partial<Record<EventType, number>> }>();
  const daily = new Map<string, { start: number; messages: number; delivered: number; complaints: number }>();
  const isFinal = new Set<string>(FINAL_OUTCOMES);
  const days = new Map<number, string>();
  for (const { hour: h, type, count } of hourly) {
    let day = days.get(h);
    if (day === undefined) days.set(h, (day = dayOf(h)));
    const key = bucket === 'day' ? day : String(h);
    const point = volumeByKey.get(key) ?? { start: h, counts: {} };
    point.start = Math.min(point.start, h);
    point.counts[type] = (point.counts[type] ?? 0) + count;
    volumeByKey.set(key, point);
    const totals = daily.get(day) ?? { start: h, messages: 0, delivered: 0, complaints: 0 };
    totals.start = Math.min(totals.start, h);
    if (isFinal.has(type)) totals.messages += count;
    if (type === 'delivered') totals.delivered += count;
    if (type === 'complaint') totals.complaints += count;
    daily.set(day, totals);
  }
  const volume: VolumePoint[] = [...volumeByKey.values()]
    .sort((a, b) => a.start - b.start)
    .map(({ start, counts }) => ({ time: new Date(start * HOUR_MS).toISOString(), counts }));

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
    firstEventTime: span.first,
    lastEventTime: span.last,
    bucket,
    volume,
    reasonsByDomain: await reasonCounts(db, range),
    complaintRate,
    thresholds: overviewThresholds(settings),
  };
}
