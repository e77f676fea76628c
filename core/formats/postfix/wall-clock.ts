/**
 * Wall-clock times without a zone (classic syslog, Exim mainlog, French `dd/mm/yyyy hh:mm`
 * reports) turned into UTC instants through Intl, so that daylight-saving changes are right.
 * Conversions are cached per local minute: a log of a million lines costs a few thousand
 * Intl calls, never a Date object per line.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC, in milliseconds, at the instant `utcMs`. */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  const parts = formatter(timeZone).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The UTC instant (ms) of a wall-clock time in `timeZone`. A time that occurs twice (the hour
 * repeated when clocks go back) is the first occurrence; a time that does not exist (skipped
 * when clocks go forward) is read with the offset in force before the change.
 */
export function wallClockToUtc(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second = 0,
  ms = 0,
): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Try the offsets in force a day either side: the right one maps back to the same wall clock.
  const before = zoneOffsetMs(timeZone, naive - 86_400_000);
  const after = zoneOffsetMs(timeZone, naive + 86_400_000);
  const candidates = before === after ? [before] : [before, after];
  let earliest: number | null = null;
  for (const offset of candidates) {
    const utc = naive - offset;
    if (zoneOffsetMs(timeZone, utc) === offset && (earliest === null || utc < earliest)) earliest = utc;
  }
  if (earliest !== null) return earliest;
  const exact = zoneOffsetMs(timeZone, naive);
  return naive - (zoneOffsetMs(timeZone, naive - exact) === exact ? exact : before);
}

/** A cache of wall-clock minute -> UTC ms, for one zone. */
export class MinuteClock {
  private readonly cache = new Map<number, number>();

  constructor(readonly timeZone: string) {
    // fail early on an unknown zone
    formatter(timeZone);
  }

  /** UTC ms of a wall-clock time; `month` 1-12. */
  utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms = 0): number {
    const key = (((year * 13 + month) * 32 + day) * 24 + hour) * 60 + minute;
    let base = this.cache.get(key);
    if (base === undefined) {
      base = wallClockToUtc(this.timeZone, year, month, day, hour, minute, 0, 0);
      if (this.cache.size > 200_000) this.cache.clear();
      this.cache.set(key, base);
    }
    return base + second * 1000 + ms;
  }
}

/** Whether `timeZone` is a zone Intl knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Two-digit number at `i` of `s` (no allocation); NaN when not digits. */
export function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return NaN;
  return a * 10 + b;
}

export function digits4(s: string, i: number): number {
  const hi = digits2(s, i);
  const lo = digits2(s, i + 2);
  return hi * 100 + lo;
}
