/**
 * Throttling windows (SPEC §6, seed 000): runs of hours where one sending platform's rate is
 * held at one value — a cap — well under the usual rate of those hours, while mail kept coming
 * (the backlog leaves at a higher rate the moment the cap is lifted). Nights, weekends and
 * holidays are low too, but they follow the day's shape: their rate moves from hour to hour,
 * it is not held, and nothing waits to leave after them.
 */
import { localOffsetOfHour } from '../store/local-day';
import type { SourceHourRow } from '../store/hourly';
import type { IncidentSettings } from '../policy/settings';
import { both, count, moment, percent, day } from './words';
import { HOUR, median, quantile, type Detected } from './types';

const SENT = new Set(['delivered', 'soft_bounce', 'hard_bounce']);

interface Piece {
  from: number;
  to: number;
  value: number;
}

/** The usual rate of each hour: the median of the same local hour on the same kind of day. */
function baselineOf(start: number, sent: number[], timeZone: string): number[] {
  const offsetOf = localOffsetOfHour(timeZone);
  const keys = sent.map((_, i) => {
    // the local clock: UTC fields of the instant moved by the zone's offset
    const local = new Date((start + i) * HOUR + offsetOf(start + i));
    const weekday = local.getUTCDay();
    return `${weekday === 0 || weekday === 6 ? 'weekend' : 'weekday'} ${String(local.getUTCHours()).padStart(2, '0')}`;
  });
  const byKey = new Map<string, number[]>();
  keys.forEach((k, i) => (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(sent[i]));
  const medians = new Map([...byKey.entries()].map(([k, v]) => [k, median(v)]));
  return keys.map((k) => medians.get(k) ?? 0);
}

/** Stretches of at least `minRun` hours whose rate stays within the tolerance of one value. */
function heldPieces(sent: number[], s: IncidentSettings['throttling']): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < sent.length) {
    if (sent[i] < s.minCapPerHour) {
      i++;
      continue;
    }
    let lo = sent[i];
    let hi = sent[i];
    let j = i;
    while (j + 1 < sent.length) {
      const v = sent[j + 1];
      const nlo = Math.min(lo, v);
      const nhi = Math.max(hi, v);
      if (nhi - nlo > Math.max(s.capTolerance * nhi, 0)) break;
      lo = nlo;
      hi = nhi;
      j++;
    }
    if (j - i + 1 >= s.minRunHours) {
      pieces.push({ from: i, to: j, value: median(sent.slice(i, j + 1)) });
      i = j + 1;
    } else i++;
  }
  return pieces;
}

export interface ComplaintRise {
  start: number;
  end: number;
  rate: number;
  complaints: number;
  delivered: number;
}

export function detectThrottling(
  rows: readonly SourceHourRow[],
  settings: IncidentSettings['throttling'],
  timeZone: string,
  complaintRises: readonly ComplaintRise[],
): Detected[] {
  const bySource = new Map<string, Map<number, number>>();
  for (const r of rows) {
    if (!SENT.has(r.type)) continue;
    const m = bySource.get(r.source) ?? bySource.set(r.source, new Map()).get(r.source)!;
    m.set(r.hour, (m.get(r.hour) ?? 0) + r.count);
  }
  const found: Array<Detected & { held: number }> = [];
  for (const [source, hours] of bySource) {
    const keys = [...hours.keys()];
    const first = Math.min(...keys);
    const last = Math.max(...keys);
    if (last - first + 1 < settings.minHeldHours) continue;
    const sent = Array.from({ length: last - first + 1 }, (_, i) => hours.get(first + i) ?? 0);
    const baseline = baselineOf(first, sent, timeZone);
    // pieces at one value, close enough together, are one window: the nights when the backlog emptied
    const clusters: Piece[][] = [];
    for (const piece of heldPieces(sent, settings)) {
      const home = clusters.find((c) => {
        const tail = c[c.length - 1];
        return Math.abs(piece.value - tail.value) <= settings.capTolerance * Math.max(piece.value, tail.value) && piece.from - tail.to - 1 <= settings.mergeGapHours;
      });
      if (home) home.push(piece);
      else clusters.push([piece]);
    }
    for (const cluster of clusters) {
      const held = cluster.reduce((n, p) => n + p.to - p.from + 1, 0);
      if (held < settings.minHeldHours) continue;
      let from = cluster[0].from;
      let to = cluster[cluster.length - 1].to;
      const heldValues = cluster.flatMap((p) => sent.slice(p.from, p.to + 1));
      const cap = Math.round(median(heldValues));
      // the first and last hours at the cap may stand alone (the limit began on a quiet hour):
      // take them in when they touch the window and nothing in between went over the cap
      const atCap = (v: number) => Math.abs(v - cap) <= settings.capTolerance * cap;
      for (let k = from - 1; k >= 0 && from - k <= settings.minRunHours && sent[k] <= cap * (1 + settings.capTolerance); k--) if (atCap(sent[k])) from = k;
      for (let k = to + 1; k < sent.length && k - to <= settings.minRunHours && sent[k] <= cap * (1 + settings.capTolerance); k++) if (atCap(sent[k])) to = k;
      const usual = quantile(baseline.slice(from, to + 1), 0.9);
      if (usual <= 0 || cap > settings.maxCapShareOfUsual * usual) continue;
      // demand continued: the backlog left faster the moment the cap was lifted
      const after = Math.max(sent[to + 1] ?? 0, sent[to + 2] ?? 0);
      // an export that ends while the cap holds cannot show the drain: the held hours must speak alone
      const endsWithData = to >= sent.length - 1;
      if (after < settings.drainFactor * cap && !endsWithData) continue;
      const start = (first + from) * HOUR;
      const end = (first + to + 1) * HOUR;
      const windowSent = sent.slice(from, to + 1).reduce((a, b) => a + b, 0);
      const rise = complaintRises
        .filter((c) => c.end <= start + HOUR && c.end >= start - settings.complaintLookbackHours * HOUR)
        .sort((a, b) => b.end - a.end)[0];
      const seriesFrom = Math.max(0, from - 24);
      const seriesTo = Math.min(sent.length - 1, to + 24);
      const series = [];
      for (let i = seriesFrom; i <= seriesTo; i++) series.push({ time: new Date((first + i) * HOUR).toISOString(), value: sent[i], volume: Math.round(baseline[i]) });
      found.push({
        kind: 'throttling',
        start,
        end,
        scope: {},
        held,
        metrics: {
          capPerHour: cap,
          usualPerHour: Math.round(usual),
          heldHours: held,
          hours: to - from + 1,
          messagesSent: windowSent,
          drainedPerHourAfter: endsWithData ? null : after,
          source,
          complaintRiseDay: rise ? new Date(rise.start).toISOString().slice(0, 10) : null,
          complaintRiseRate: rise ? rise.rate : null,
          complaintRiseComplaints: rise ? rise.complaints : null,
          complaintRiseDelivered: rise ? rise.delivered : null,
        },
        series,
        exampleTypes: ['delivered'],
        summary: both((lang) => {
          const window = `${moment(lang, start, timeZone)} – ${moment(lang, end, timeZone)}`;
          const riseText = rise
            ? lang === 'fr'
              ? `, après un pic de plaintes le ${day(lang, rise.start, timeZone)} (${percent(lang, rise.rate)}, ${count(lang, rise.complaints)} pour ${count(lang, rise.delivered)} délivrés)`
              : `, after a complaint spike on ${day(lang, rise.start, timeZone)} (${percent(lang, rise.rate)}, ${count(lang, rise.complaints)} of ${count(lang, rise.delivered)} delivered)`
            : '';
          return lang === 'fr'
            ? `Envoi bridé à ${count(lang, cap)} messages/heure (${window}) au lieu de ${count(lang, usual)}/heure d’habitude aux heures chargées${endsWithData ? ' ; toujours bridé à la fin des données' : ` ; ${count(lang, after)} envoyés dans l’heure qui a suivi`}${riseText}.`
            : `Sending held at ${count(lang, cap)} messages/hour (${window}) instead of the usual ${count(lang, usual)}/hour at busy hours${endsWithData ? '; still held when the data ends' : `; ${count(lang, after)} sent in the hour after`}${riseText}.`;
        }),
      });
    }
  }
  // one window seen by two sources (an MTA in front of the ESP) is one incident
  found.sort((a, b) => b.held - a.held);
  const kept: Detected[] = [];
  for (const f of found) {
    if (kept.some((k) => f.start < k.end && k.start < f.end)) continue;
    const { held: _held, ...incident } = f;
    void _held;
    kept.push(incident);
  }
  return kept.sort((a, b) => a.start - b.start);
}
