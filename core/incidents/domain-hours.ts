/**
 * Per receiving domain and hour: attempts, deferrals and hard bounces with their categories,
 * and the domain's usual rates — its other days, so that a surge does not raise its own bar.
 */
import type { DomainDayRow, DomainHourRow } from '../store/hourly';
import { DAY } from './types';

export interface DomainHour {
  hour: number;
  /** delivered + deferred + soft + hard: every answer the domain gave */
  attempts: number;
  deferred: number;
  hardBounces: number;
  deferredBy: Map<string, number>;
  hardBy: Map<string, number>;
}

export interface DomainHours {
  domain: string;
  hours: Map<number, DomainHour>;
  /** the domain's rate on the days other than the given one */
  usualDeferralRate(day: number): number;
  usualHardBounceRate(day: number): number;
}

export function domainHours(rows: readonly DomainHourRow[], dayRows: readonly DomainDayRow[]): DomainHours[] {
  const domains = new Map<string, Map<number, DomainHour>>();
  for (const r of rows) {
    const hours = domains.get(r.domain) ?? domains.set(r.domain, new Map()).get(r.domain)!;
    const h: DomainHour = { hour: r.hour, attempts: r.attempts, deferred: r.deferred, hardBounces: r.hardBounces, deferredBy: new Map(), hardBy: new Map() };
    for (const c of r.byCategory) {
      const by = c.type === 'deferred' ? h.deferredBy : h.hardBy;
      by.set(c.category, (by.get(c.category) ?? 0) + c.count);
    }
    hours.set(r.hour, h);
  }
  const daysOf = new Map<string, Map<number, { attempts: number; deferred: number; hard: number }>>();
  for (const d of dayRows) {
    const m = daysOf.get(d.domain) ?? daysOf.set(d.domain, new Map()).get(d.domain)!;
    m.set(d.day * DAY, { attempts: d.attempts, deferred: d.deferred, hard: d.hardBounces });
  }
  return [...domains.entries()].map(([domain, hours]) => {
    const perDay = daysOf.get(domain) ?? new Map<number, { attempts: number; deferred: number; hard: number }>();
    const total = { attempts: 0, deferred: 0, hard: 0 };
    for (const t of perDay.values()) {
      total.attempts += t.attempts;
      total.deferred += t.deferred;
      total.hard += t.hard;
    }
    const others = (day: number, pick: 'deferred' | 'hard') => {
      const own = perDay.get(day) ?? { attempts: 0, deferred: 0, hard: 0 };
      const attempts = total.attempts - own.attempts;
      return attempts > 0 ? (total[pick] - own[pick]) / attempts : 0;
    };
    return { domain, hours, usualDeferralRate: (day) => others(day, 'deferred'), usualHardBounceRate: (day) => others(day, 'hard') };
  });
}

export function dominant(counts: Map<string, number>): { name: string; count: number } {
  let best = { name: 'unknown', count: 0 };
  for (const [name, n] of counts) if (n > best.count || (n === best.count && name < best.name)) best = { name, count: n };
  return best;
}

/** The hourly series of one domain around a window: the rate and the attempts behind it. */
export function domainSeries(d: DomainHours, from: number, to: number, rate: (h: DomainHour) => number) {
  const out = [];
  for (let hour = from - 12; hour <= to + 12; hour++) {
    const h = d.hours.get(hour);
    out.push({ time: new Date(hour * 3_600_000).toISOString(), value: h && h.attempts > 0 ? Number(rate(h).toPrecision(3)) : 0, volume: h?.attempts ?? 0 });
  }
  return out;
}
