/** Numbers, rates and dates as a support agent reads them, in the UI language and time zone. */
import type { Lang } from '../core/contract';

const locale = (lang: Lang) => (lang === 'fr' ? 'fr-FR' : 'en-GB');

/**
 * Formatters are kept, by language, zone and options: making one costs about a hundred times
 * what formatting with it does, and a chart's table or an events table formats thousands of cells.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function numberFormat(lang: Lang, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${lang} ${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale(lang), options)));
  return format;
}
function dateFormat(localeName: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${localeName} ${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(localeName, options)));
  return format;
}

export function formatCount(lang: Lang, n: number): string {
  return numberFormat(lang).format(n);
}

/** 0.003 → "0.3 %" (SPEC §11.9: rates with their units) */
export function formatRate(lang: Lang, fraction: number): string {
  const digits = fraction !== 0 && Math.abs(fraction) < 0.01 ? 2 : 1;
  return numberFormat(lang, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: digits }).format(fraction);
}

const zones = new Map<string, string | undefined>();
function safeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  if (!zones.has(timeZone)) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      zones.set(timeZone, timeZone);
    } catch {
      zones.set(timeZone, undefined);
    }
  }
  return zones.get(timeZone);
}

export function formatDateTime(lang: Lang, iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: safeZone(timeZone) }).format(date);
}

export function formatDate(lang: Lang, iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(locale(lang), { dateStyle: 'medium', timeZone: safeZone(timeZone) }).format(date);
}

/** a short axis label for a bucket start */
export function formatBucket(lang: Lang, ms: number, bucket: 'hour' | 'day', timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions =
    bucket === 'hour'
      ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: safeZone(timeZone) }
      : { day: 'numeric', month: 'short', timeZone: safeZone(timeZone) };
  return dateFormat(locale(lang), options).format(new Date(ms));
}

/**
 * The last second of a calendar day (yyyy-mm-dd) in the workspace's time zone, as an instant:
 * "the status on 25 Jan" is the status at the end of that day where the agent works.
 */
export function endOfDay(day: string, timeZone?: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, 23, 59, 59);
  const zone = safeZone(timeZone);
  if (!zone || Number.isNaN(wall)) return new Date(wall).toISOString();
  // the zone's offset at that wall time (read twice: the offset may change that day)
  const offsetAt = (ms: number) => {
    const p: Record<string, number> = {};
    const f = dateFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    for (const part of f.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second) - ms;
  };
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant).toISOString();
}

export function formatBytes(lang: Lang, bytes: number): string {
  const units = lang === 'fr' ? ['o', 'Ko', 'Mo', 'Go'] : ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${numberFormat(lang, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
