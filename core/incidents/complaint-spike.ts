/**
 * Complaint spikes (SPEC §6): the complaint rate per day — against delivered mail, as Google
 * and Yahoo count it — and per campaign, above 0.1 % (warning) and 0.3 % (their bulk-sender
 * limit), only where the volume means something (SPEC §11.9). Consecutive days are one spike.
 */
import type { CampaignRow, SourceHourRow } from '../store/hourly';
import type { IncidentSettings } from '../policy/settings';
import { localDayOfHour } from '../store/local-day';
import { both, count, day, percent } from './words';
import { DAY, HOUR, roundRate, type Detected } from './types';

const localDayOf = localDayOfHour;

/** One formatter per zone: making one costs more than the day it reads. */
const hourFormats = new Map<string, Intl.DateTimeFormat>();
function hourFormat(timeZone: string): Intl.DateTimeFormat {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    hourFormats.set(timeZone, format);
  }
  return format;
}

export interface DailyComplaints {
  key: string;
  start: number;
  end: number;
  delivered: number;
  complaints: number;
}

export function dailyComplaints(rows: readonly SourceHourRow[], timeZone: string): DailyComplaints[] {
  const dayOf = localDayOf(timeZone);
  const days = new Map<string, DailyComplaints>();
  for (const r of rows) {
    if (r.type !== 'delivered' && r.type !== 'complaint') continue;
    const key = dayOf(r.hour);
    const d = days.get(key) ?? { key, start: r.hour * HOUR, end: (r.hour + 1) * HOUR, delivered: 0, complaints: 0 };
    d.start = Math.min(d.start, r.hour * HOUR);
    d.end = Math.max(d.end, (r.hour + 1) * HOUR);
    if (r.type === 'delivered') d.delivered += r.count;
    else d.complaints += r.count;
    days.set(key, d);
  }
  // a local day runs midnight to midnight, whatever hours held events
  for (const d of days.values()) {
    d.start = startOfLocalDay(d.key, timeZone);
    d.end = startOfLocalDay(nextKey(d.key), timeZone);
  }
  return [...days.values()].sort((a, b) => a.start - b.start);
}

function nextKey(key: string): string {
  return new Date(Date.parse(`${key}T12:00:00Z`) + DAY).toISOString().slice(0, 10);
}

/** The instant a local day begins in a zone (the zone's offset read at that date). */
function startOfLocalDay(key: string, timeZone: string): number {
  const guess = Date.parse(`${key}T00:00:00Z`);
  const format = hourFormat(timeZone);
  for (let h = -14; h <= 14; h++) {
    const t = guess + h * HOUR;
    const parts = format.formatToParts(t);
    const get = (type: string) => parts.find((p) => p.type === type)?.value;
    if (`${get('year')}-${get('month')}-${get('day')}` === key && get('hour') === '00') return t;
  }
  return guess;
}

const level = (rate: number, s: IncidentSettings['complaints']) => (rate >= s.limitRate ? 'limit' : 'warning');

export function detectComplaintSpikes(
  days: readonly DailyComplaints[],
  campaigns: readonly CampaignRow[],
  settings: IncidentSettings['complaints'],
  timeZone: string,
): Detected[] {
  const spiking = days.filter((d) => d.delivered >= settings.minMessages && d.complaints >= settings.minComplaints && d.complaints / d.delivered > settings.warningRate);
  const runs: DailyComplaints[][] = [];
  for (const d of spiking) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1].end >= d.start) last.push(d);
    else runs.push([d]);
  }
  const out: Detected[] = runs.map((run) => {
    const delivered = run.reduce((n, d) => n + d.delivered, 0);
    const complaints = run.reduce((n, d) => n + d.complaints, 0);
    const rate = complaints / delivered;
    const worst = run.reduce((a, b) => (b.complaints / b.delivered > a.complaints / a.delivered ? b : a));
    const start = run[0].start;
    const end = run[run.length - 1].end;
    const around = days.filter((d) => d.end > start - 7 * DAY && d.start < end + 7 * DAY);
    return {
      kind: 'complaint_spike',
      start,
      end,
      scope: {},
      metrics: { rate: roundRate(rate), complaints, delivered, level: level(rate, settings), worstDay: worst.key, worstDayRate: roundRate(worst.complaints / worst.delivered), warningRate: settings.warningRate, limitRate: settings.limitRate },
      series: around.map((d) => ({ time: new Date(d.start).toISOString(), value: d.delivered > 0 ? roundRate(d.complaints / d.delivered) : 0, volume: d.delivered })),
      exampleTypes: ['complaint'],
      summary: both((lang) => {
        const when = run.length === 1 ? day(lang, start, timeZone) : `${day(lang, start, timeZone)} – ${day(lang, end - HOUR, timeZone)}`;
        const limit = rate >= settings.limitRate ? settings.limitRate : settings.warningRate;
        return lang === 'fr'
          ? `Taux de plaintes de ${percent(lang, rate)} (${when} : ${count(lang, complaints)} plaintes pour ${count(lang, delivered)} e-mails délivrés), au-dessus ${rate >= settings.limitRate ? 'de la limite Gmail/Yahoo' : 'du seuil d’alerte'} de ${percent(lang, limit)}.`
          : `Complaint rate ${percent(lang, rate)} (${when}: ${count(lang, complaints)} complaints for ${count(lang, delivered)} delivered), above the ${rate >= settings.limitRate ? 'Gmail/Yahoo limit' : 'warning level'} of ${percent(lang, limit)}.`;
      }),
    };
  });
  for (const c of campaigns) {
    if (c.delivered < settings.minMessages || c.complaints < settings.minComplaints) continue;
    const rate = c.complaints / c.delivered;
    if (rate <= settings.warningRate) continue;
    out.push({
      kind: 'complaint_spike',
      start: Date.parse(c.first),
      end: Date.parse(c.last) + 1000,
      scope: { campaign: c.campaign },
      metrics: { rate: roundRate(rate), complaints: c.complaints, delivered: c.delivered, level: level(rate, settings), warningRate: settings.warningRate, limitRate: settings.limitRate },
      series: [],
      exampleTypes: ['complaint'],
      summary: both((lang) =>
        lang === 'fr'
          ? `Campagne « ${c.campaign} » : ${percent(lang, rate)} de plaintes (${count(lang, c.complaints)} pour ${count(lang, c.delivered)} délivrés), au-dessus de ${percent(lang, rate >= settings.limitRate ? settings.limitRate : settings.warningRate)}.`
          : `Campaign “${c.campaign}”: ${percent(lang, rate)} complaints (${count(lang, c.complaints)} for ${count(lang, c.delivered)} delivered), above ${percent(lang, rate >= settings.limitRate ? settings.limitRate : settings.warningRate)}.`,
      ),
    });
  }
  return out;
}
