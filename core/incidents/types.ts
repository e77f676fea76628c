/**
 * What a detector finds (SPEC §6): one incident with its window, what it concerns, the figures
 * behind it (rates with their volumes, SPEC §11.9), the hourly series around it and what to
 * query for its example events. Times are epoch milliseconds until the shell formats them.
 */
import type { EventType } from '../model/event';
import type { IncidentKind, IncidentMetrics, IncidentSeriesPoint } from '../contract';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Detected {
  kind: IncidentKind;
  start: number;
  end: number;
  scope: { domain?: string; campaign?: string };
  metrics: IncidentMetrics;
  series: IncidentSeriesPoint[];
  /** the events shown as its evidence: these types inside the window (and scope) */
  exampleTypes: EventType[];
  summary: { fr: string; en: string };
}

/** Adjacent hours (or hours at most `gap` apart) gathered into spans. */
export function spansOf(hours: readonly number[], gap = 0): Array<{ from: number; to: number; hours: number[] }> {
  const sorted = [...new Set(hours)].sort((a, b) => a - b);
  const spans: Array<{ from: number; to: number; hours: number[] }> = [];
  for (const h of sorted) {
    const last = spans[spans.length - 1];
    if (last && h - last.to <= gap + 1) {
      last.to = h;
      last.hours.push(h);
    } else spans.push({ from: h, to: h, hours: [h] });
  }
  return spans;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** A fraction rounded for reading: 0.0316 stays 0.0316, not 0.031578… */
export function roundRate(rate: number): number {
  return Number(rate.toPrecision(3));
}

/** UTC day (ms) of an epoch hour */
export function dayOfHour(hour: number): number {
  return Math.floor((hour * HOUR) / DAY) * DAY;
}
