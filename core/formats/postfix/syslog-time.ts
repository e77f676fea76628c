/**
 * Syslog timestamps: the classic `Mon DD HH:MM:SS` form (no year, no zone) and RFC 3339
 * (`2026-05-16T16:13:26.396352+02:00`, or without a zone). Parsed by character codes, with
 * per-minute caching of the zone conversion: no Date object and no regular expression per line.
 */
import { digits2, digits4, MinuteClock } from './wall-clock';


export interface ParsedStamp {
  /** UTC milliseconds */
  ms: number;
  /** index just after the timestamp (at the space before the host) */
  end: number;
}

/** The month (1-12) named by the first three characters, without allocating; 0 if none. */
export function monthAt(line: string): number {
  const a = line.charCodeAt(0);
  const b = line.charCodeAt(1);
  const c = line.charCodeAt(2);
  switch (a) {
    case 74: // J
      if (b === 97 && c === 110) return 1; // Jan
      if (b === 117 && c === 110) return 6; // Jun
      if (b === 117 && c === 108) return 7; // Jul
      return 0;
    case 70: // F
      return b === 101 && c === 98 ? 2 : 0;
    case 77: // M
      if (b === 97 && c === 114) return 3; // Mar
      if (b === 97 && c === 121) return 5; // May
      return 0;
    case 65: // A
      if (b === 112 && c === 114) return 4; // Apr
      if (b === 117 && c === 103) return 8; // Aug
      return 0;
    case 83: // S
      return b === 101 && c === 112 ? 9 : 0;
    case 79: // O
      return b === 99 && c === 116 ? 10 : 0;
    case 78: // N
      return b === 111 && c === 118 ? 11 : 0;
    case 68: // D
      return b === 101 && c === 99 ? 12 : 0;
    default:
      return 0;
  }
}

/** Month and day of a classic syslog line, or null. */
export function classicMonthDay(line: string): { month: number; day: number } | null {
  const month = monthAt(line);
  if (month === 0 || line.charCodeAt(3) !== 32) return null;
  let p = 4;
  if (line.charCodeAt(p) === 32) p++;
  let day = line.charCodeAt(p) - 48;
  if (day < 0 || day > 9) return null;
  p++;
  const d2 = line.charCodeAt(p) - 48;
  if (d2 >= 0 && d2 <= 9) {
    day = day * 10 + d2;
    p++;
  }
  if (day < 1 || day > 31) return null;
  return { month, day };
}

/**
 * Reads timestamps of one file in order, tracking the year of classic lines: it starts at
 * `firstYear` and moves on when the months go backwards (December → January). A straggling
 * December line just after the change keeps the previous year.
 */
export class SyslogClock {
  private readonly clock: MinuteClock;
  private year: number;
  private lastMonth = 0;

  constructor(
    readonly timeZone: string,
    firstYear: number,
  ) {
    this.clock = new MinuteClock(timeZone);
    this.year = firstYear;
  }

  get currentYear(): number {
    return this.year;
  }

  /** The timestamp at the start of `line`, or null when the line does not start with one. */
  parse(line: string, out: ParsedStamp): boolean {
    const c0 = line.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57) return this.parseIso(line, out);
    return this.parseClassic(line, out);
  }

  private parseClassic(line: string, out: ParsedStamp): boolean {
    const month = monthAt(line);
    if (month === 0 || line.charCodeAt(3) !== 32) return false;
    let p = 4;
    if (line.charCodeAt(p) === 32) p++;
    let day = line.charCodeAt(p) - 48;
    if (day < 0 || day > 9) return false;
    p++;
    const d2 = line.charCodeAt(p) - 48;
    if (d2 >= 0 && d2 <= 9) {
      day = day * 10 + d2;
      p++;
    }
    if (line.charCodeAt(p) !== 32 || day < 1 || day > 31) return false;
    p++;
    const hour = digits2(line, p);
    const minute = digits2(line, p + 3);
    const second = digits2(line, p + 6);
    if (line.charCodeAt(p + 2) !== 58 || line.charCodeAt(p + 5) !== 58) return false;
    if (!(hour <= 23 && minute <= 59 && second <= 60)) return false;
    p += 8;
    let ms = 0;
    if (line.charCodeAt(p) === 46) {
      // fractional seconds (some rsyslog templates)
      let q = p + 1;
      let scale = 100;
      while (q < line.length) {
        const d = line.charCodeAt(q) - 48;
        if (d < 0 || d > 9) break;
        ms += d * scale;
        scale /= 10;
        q++;
      }
      ms = Math.floor(ms);
      p = q;
    }
    let year = this.year;
    if (this.lastMonth === 0) {
      this.lastMonth = month;
    } else if (month < this.lastMonth - 6) {
      // December → January: a new year
      this.year++;
      year = this.year;
      this.lastMonth = month;
    } else if (month > this.lastMonth + 6) {
      // a late line of the previous year, just after the change
      year = this.year - 1;
    } else {
      this.lastMonth = month;
    }
    out.ms = this.clock.utc(year, month, day, hour, minute, second, ms);
    out.end = p;
    return true;
  }

  private parseIso(line: string, out: ParsedStamp): boolean {
    const year = digits4(line, 0);
    const month = digits2(line, 5);
    const day = digits2(line, 8);
    const sep = line.charCodeAt(10);
    if (line.charCodeAt(4) !== 45 || line.charCodeAt(7) !== 45 || (sep !== 84 && sep !== 32)) return false;
    const hour = digits2(line, 11);
    const minute = digits2(line, 14);
    const second = digits2(line, 17);
    if (line.charCodeAt(13) !== 58 || line.charCodeAt(16) !== 58) return false;
    if (!(year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60)) {
      return false;
    }
    let p = 19;
    let ms = 0;
    if (line.charCodeAt(p) === 46 || line.charCodeAt(p) === 44) {
      let q = p + 1;
      let scale = 100;
      while (q < line.length) {
        const d = line.charCodeAt(q) - 48;
        if (d < 0 || d > 9) break;
        ms += d * scale;
        scale /= 10;
        q++;
      }
      ms = Math.floor(ms);
      p = q;
    }
    const z = line.charCodeAt(p);
    if (z === 90 /* Z */) {
      out.ms = Date.UTC(year, month - 1, day, hour, minute, second, ms);
      out.end = p + 1;
      return true;
    }
    if (z === 43 || z === 45) {
      const oh = digits2(line, p + 1);
      const colon = line.charCodeAt(p + 3) === 58 ? 1 : 0;
      const om = digits2(line, p + 3 + colon);
      if (Number.isNaN(oh) || Number.isNaN(om)) return false;
      const offset = (z === 43 ? 1 : -1) * (oh * 60 + om) * 60_000;
      out.ms = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset;
      out.end = p + 5 + colon;
      return true;
    }
    // no zone written: the import's zone
    out.ms = this.clock.utc(year, month, day, hour, minute, second, ms);
    out.end = p;
    return true;
  }
}
