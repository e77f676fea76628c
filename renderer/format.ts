/** Numbers, rates and dates as a support agent reads them, in the UI language and time zone. */
import type { Lang } from '../core/contract';

const locale = (lang: Lang) => (lang === 'fr' ? 'fr-FR' : 'en-GB');

export function formatCount(lang: Lang, n: number): string {
  return new Intl.NumberFormat(locale(lang)).format(n);
}

/** 0.003 → "0.3 %" (SPEC §11.9: rates with their units) */
export function formatRate(lang: Lang, fraction: number): string {
  const digits = fraction !== 0 && Math.abs(fraction) < 0.01 ? 2 : 1;
  return new Intl.NumberFormat(locale(lang), {
    style: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  }).format(fraction);
}

function safeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

export function formatDateTime(lang: Lang, iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: safeZone(timeZone),
  }).format(date);
}

export function formatDate(lang: Lang, iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeZone: safeZone(timeZone) }).format(date);
}

/** a short axis label for a bucket start */
export function formatBucket(lang: Lang, ms: number, bucket: 'hour' | 'day', timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions =
    bucket === 'hour'
      ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: safeZone(timeZone) }
      : { day: 'numeric', month: 'short', timeZone: safeZone(timeZone) };
  return new Intl.DateTimeFormat(locale(lang), options).format(new Date(ms));
}

export function formatBytes(lang: Lang, bytes: number): string {
  const units = lang === 'fr' ? ['o', 'Ko', 'Mo', 'Go'] : ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale(lang), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
