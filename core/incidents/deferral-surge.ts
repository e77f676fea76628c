/**
 * Deferral surges (SPEC §6, seed 003): hours where one receiving domain deferred far more of our
 * attempts than it usually does, with the dominant reason — greylisting at orange.fr resolves
 * itself; "too many errors from your ip" at free.fr is our reputation. Adjacent hours are one surge.
 */
import type { IncidentSettings } from '../policy/settings';
import { both, category, count, moment, percent } from './words';
import { domainSeries, dominant, type DomainHours } from './domain-hours';
import { dayOfHour, HOUR, roundRate, spansOf, type Detected } from './types';

export function detectDeferralSurges(domains: readonly DomainHours[], settings: IncidentSettings['deferrals'], timeZone: string): Detected[] {
  const out: Detected[] = [];
  for (const d of domains) {
    const surging: number[] = [];
    for (const h of d.hours.values()) {
      if (h.attempts < settings.minAttempts || h.deferred < settings.minDeferred) continue;
      const rate = h.deferred / h.attempts;
      if (rate >= settings.minRate && rate >= settings.ratioToUsual * d.usualDeferralRate(dayOfHour(h.hour))) surging.push(h.hour);
    }
    for (const span of spansOf(surging)) {
      const hours = span.hours.map((x) => d.hours.get(x)!);
      const attempts = hours.reduce((n, h) => n + h.attempts, 0);
      const deferred = hours.reduce((n, h) => n + h.deferred, 0);
      const by = new Map<string, number>();
      for (const h of hours) for (const [c, n] of h.deferredBy) by.set(c, (by.get(c) ?? 0) + n);
      const top = dominant(by);
      const rate = deferred / attempts;
      const usual = d.usualDeferralRate(dayOfHour(span.from));
      const start = span.from * HOUR;
      const end = (span.to + 1) * HOUR;
      out.push({
        kind: 'deferral_surge',
        start,
        end,
        scope: { domain: d.domain },
        metrics: { deferred, attempts, rate: roundRate(rate), usualRate: roundRate(usual), dominantCategory: top.name, dominantShare: roundRate(top.count / deferred) },
        series: domainSeries(d, span.from, span.to, (h) => h.deferred / h.attempts),
        exampleTypes: ['deferred'],
        summary: both((lang) =>
          lang === 'fr'
            ? `${d.domain} a différé ${percent(lang, rate)} de nos tentatives (${moment(lang, start, timeZone)} – ${moment(lang, end, timeZone)} : ${count(lang, deferred)} sur ${count(lang, attempts)} ; d’habitude ${percent(lang, usual)}), surtout pour ${category(lang, top.name)} (${percent(lang, top.count / deferred)}).`
            : `${d.domain} deferred ${percent(lang, rate)} of our attempts (${moment(lang, start, timeZone)} – ${moment(lang, end, timeZone)}: ${count(lang, deferred)} of ${count(lang, attempts)}; usually ${percent(lang, usual)}), mostly ${category(lang, top.name)} (${percent(lang, top.count / deferred)}).`,
        ),
      });
    }
  }
  return out;
}
