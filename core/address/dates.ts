/**
 * Dates, times and durations in the reader's language and time zone, spelled as the
 * explanation spells them (core/policy/explain.ts: the months’ table).
 * A report has thousands of dates: Intl is asked once per hour of UTC for the zone's offset
 * (zones change offset on the hour or half hour, never within a 15-minute step), and the fields
 * are then read from the shifted instant.
 */
import type { Lang } from '../contract';
import { EXPLANATION_TEXTS } from '../policy';

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();
const QUARTER = 15 * 60_000;

/** The zone's offset from UTC at `ms`, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const bucket = Math.floor(ms / QUARTER);
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  let offset = zone.get(bucket);
  if (offset === undefined) {
    let f = offsetFormatters.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      offsetFormatters.set(timeZone, f);
    }
    const at = bucket * QUARTER;
    const p: Record<string, number> = {};
    for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const local = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
    offset = local - at;
    if (zone.size > 100_000) zone.clear();
    zone.set(bucket, offset);
  }
  return offset;
}

function localFields(iso: string, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number } | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const local = new Date(ms + offsetAt(ms, timeZone));
  return { y: local.getUTCFullYear(), mo: local.getUTCMonth() + 1, d: local.getUTCDate(), h: local.getUTCHours(), mi: local.getUTCMinutes() };
}

const two = (n: number) => String(n).padStart(2, '0');

/** "19 janv. 2021" (fr) or "19 Jan 2021" (en), the calendar day in `timeZone`. */
export function formatDay(iso: string, lang: Lang, timeZone = 'UTC'): string {
  const f = localFields(iso, timeZone);
  return f ? dayOf(f, lang) : iso;
}

function dayOf(f: { y: number; mo: number; d: number }, lang: Lang): string {
  const months = EXPLANATION_TEXTS[lang].months;
  return months ? `${f.d} ${months[f.mo - 1]} ${f.y}` : `${two(f.d)}/${two(f.mo)}/${f.y}`;
}

/** "19 janv. 2021, 17:20" (fr) or "19 Jan 2021, 17:20" (en), in `timeZone`. */
export function formatDateTime(iso: string, lang: Lang, timeZone: string): string {
  const f = localFields(iso, timeZone);
  if (!f) return iso;
  const time = `${two(f.h)}:${two(f.mi)}`;
  // as the app shows it (Intl's medium style): "19 janv. 2021, 17:20"
  return `${dayOf(f, lang)}, ${time}`;
}

/** "45 s", "12 min", "6 h 05 min", "3 days" / "3 jours". */
export function formatDuration(seconds: number, lang: Lang): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest ? `${hours} h ${two(rest)} min` : `${hours} h`;
  }
  const days = Math.round(hours / 24);
  return lang === 'fr' ? `${days} jours` : `${days} days`;
}
