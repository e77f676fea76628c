/**
 * Delivery delays (SPEC §6): hours whose queued mail took too long — the 95th percentile of
 * queue-to-delivery delay above 15 minutes, because a password-reset mail must arrive within
 * minutes. Hours are the hours the mail was queued in, so the incident says which sends were late.
 */
import type { DelayHourRow } from '../store/hourly';
import type { IncidentSettings } from '../policy/settings';
import { both, count, duration, moment } from './words';
import { HOUR, spansOf, type Detected } from './types';

export function detectDelays(rows: readonly DelayHourRow[], settings: IncidentSettings['delay'], timeZone: string): Detected[] {
  const byHour = new Map(rows.map((r) => [r.hour, r]));
  const slow = rows.filter((r) => r.messages >= settings.minMessages && r.p95 > settings.p95Seconds).map((r) => r.hour);
  return spansOf(slow).map((span) => {
    const hours = span.hours.map((h) => byHour.get(h)!);
    const messages = hours.reduce((n, h) => n + h.messages, 0);
    const worst = Math.max(...hours.map((h) => h.p95));
    const max = Math.max(...hours.map((h) => h.max));
    const start = span.from * HOUR;
    const end = (span.to + 1) * HOUR;
    const series = [];
    for (let h = span.from - 12; h <= span.to + 12; h++) {
      const r = byHour.get(h);
      series.push({ time: new Date(h * HOUR).toISOString(), value: r ? Math.round(r.p95) : 0, volume: r?.messages ?? 0 });
    }
    return {
      kind: 'delay' as const,
      start,
      end,
      scope: {},
      metrics: { p95Seconds: Math.round(worst), maxSeconds: Math.round(max), messages, limitSeconds: settings.p95Seconds },
      series,
      exampleTypes: ['delivered' as const],
      summary: both((lang) =>
        lang === 'fr'
          ? `Les e-mails mis en file entre ${moment(lang, start, timeZone)} et ${moment(lang, end, timeZone)} ont mis jusqu’à ${duration(lang, max)} à partir (95ᵉ centile ${duration(lang, worst)} sur ${count(lang, messages)} e-mails ; limite ${duration(lang, settings.p95Seconds)}).`
          : `Mail queued between ${moment(lang, start, timeZone)} and ${moment(lang, end, timeZone)} took up to ${duration(lang, max)} to leave (95th percentile ${duration(lang, worst)} over ${count(lang, messages)} messages; limit ${duration(lang, settings.p95Seconds)}).`,
      ),
    };
  });
}
