/**
 * Provider blocks (SPEC §6, §11.2): many hard bounces at one receiving domain within an hour or
 * two, far above that domain's usual rate, at addresses that were delivered shortly before —
 * one provider refusing us, not hundreds of mailboxes that died the same hour, whatever the
 * texts say (even "550 5.1.1 user unknown"). Two steps: the bursts from the hourly counts, then
 * the store says which of the bounced addresses had just been delivered.
 */
import type { IncidentSettings } from '../policy/settings';
import type { RecentDeliveryRow, Window } from '../store/hourly';
import { both, category, count, day, moment, percent } from './words';
import { domainSeries, dominant, type DomainHours } from './domain-hours';
import { dayOfHour, HOUR, roundRate, spansOf, type Detected } from './types';

export interface BlockCandidate {
  domain: string;
  from: number;
  to: number;
  hardBounces: number;
  attempts: number;
  usualRate: number;
  dominantCategory: string;
  series: Detected['series'];
}

export function blockCandidates(domains: readonly DomainHours[], settings: IncidentSettings['providerBlock']): BlockCandidate[] {
  const out: BlockCandidate[] = [];
  for (const d of domains) {
    const bursting: number[] = [];
    for (const h of d.hours.values()) {
      if (h.hardBounces < settings.minBounces || h.attempts === 0) continue;
      const rate = h.hardBounces / h.attempts;
      if (rate >= settings.minRate && rate >= settings.ratioToUsual * d.usualHardBounceRate(dayOfHour(h.hour))) bursting.push(h.hour);
    }
    for (const span of spansOf(bursting)) {
      const hours = span.hours.map((x) => d.hours.get(x)!);
      const by = new Map<string, number>();
      for (const h of hours) for (const [c, n] of h.hardBy) by.set(c, (by.get(c) ?? 0) + n);
      out.push({
        domain: d.domain,
        from: span.from,
        to: span.to,
        hardBounces: hours.reduce((n, h) => n + h.hardBounces, 0),
        attempts: hours.reduce((n, h) => n + h.attempts, 0),
        usualRate: d.usualHardBounceRate(dayOfHour(span.from)),
        dominantCategory: dominant(by).name,
        series: domainSeries(d, span.from, span.to, (h) => h.hardBounces / h.attempts),
      });
    }
  }
  return out;
}

export function candidateWindows(candidates: readonly BlockCandidate[]): Window[] {
  return candidates.map((c) => ({ domain: c.domain, start: new Date(c.from * HOUR).toISOString(), end: new Date((c.to + 1) * HOUR).toISOString() }));
}

export function confirmProviderBlocks(
  candidates: readonly BlockCandidate[],
  recent: readonly RecentDeliveryRow[],
  settings: IncidentSettings['providerBlock'],
  timeZone: string,
): Detected[] {
  const out: Detected[] = [];
  candidates.forEach((c, index) => {
    const r = recent.find((x) => x.index === index);
    if (!r || r.bounced === 0) return;
    const share = r.deliveredBefore / r.bounced;
    if (share < settings.minRecentlyDeliveredShare) return;
    const start = c.from * HOUR;
    const end = (c.to + 1) * HOUR;
    const rate = c.hardBounces / c.attempts;
    const hours = c.to - c.from + 1;
    out.push({
      kind: 'provider_block',
      start,
      end,
      scope: { domain: c.domain },
      metrics: {
        hardBounces: c.hardBounces,
        attempts: c.attempts,
        rate: roundRate(rate),
        usualRate: roundRate(c.usualRate),
        addresses: r.bounced,
        deliveredBefore: r.deliveredBefore,
        deliveredBeforeShare: roundRate(share),
        lookbackDays: settings.recentDeliveryDays,
        dominantCategory: c.dominantCategory,
        countsAgainstAddress: settings.countsAgainstAddress,
      },
      series: c.series,
      exampleTypes: ['hard_bounce'],
      summary: both((lang) =>
        lang === 'fr'
          ? `${c.domain} a refusé ${count(lang, r.bounced)} adresses en ${hours} h le ${day(lang, start, timeZone)} (${moment(lang, start, timeZone)} – ${moment(lang, end, timeZone)} ; ${percent(lang, rate)} des envois, d’habitude ${percent(lang, c.usualRate)}), dont ${count(lang, r.deliveredBefore)} délivrées dans les ${settings.recentDeliveryDays} jours avant, avec « ${category(lang, c.dominantCategory)} » : un blocage de nos envois, pas des adresses mortes.`
          : `${c.domain} refused ${count(lang, r.bounced)} addresses within ${hours} h on ${day(lang, start, timeZone)} (${moment(lang, start, timeZone)} – ${moment(lang, end, timeZone)}; ${percent(lang, rate)} of sends, usually ${percent(lang, c.usualRate)}), ${count(lang, r.deliveredBefore)} of them delivered in the ${settings.recentDeliveryDays} days before, as “${category(lang, c.dominantCategory)}”: a block of our sending, not dead addresses.`,
      ),
    });
  });
  return out;
}
