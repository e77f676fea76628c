import { describe, expect, it } from 'vitest';
import { localDayOfHour, localOffsetOfHour } from '../../core/store/local-day';

const HOUR = 3_600_000;

/** Intl itself, hour by hour: what the daily series must agree with (one formatter a zone: making one costs a hundred formats). */
const intlFormats = new Map<string, Intl.DateTimeFormat>();
function intlDay(timeZone: string, hour: number): string {
  let format = intlFormats.get(timeZone);
  if (!format) intlFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(hour * HOUR);
}

describe('the local day of a UTC hour', () => {
  it.each(['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'])(
    'is the day Intl gives, every hour of two years across summer-time changes (%s)',
    (zone) => {
      const dayOf = localDayOfHour(zone);
      const first = Date.UTC(2020, 11, 20) / HOUR;
      const wrong: string[] = [];
      for (let h = first; h < first + 2 * 366 * 24; h++) {
        if (dayOf(h) !== intlDay(zone, h)) wrong.push(new Date(h * HOUR).toISOString());
      }
      expect(wrong).toEqual([]);
    },
  );
});

describe('the local clock of a UTC hour', () => {
  it.each(['Europe/Paris', 'America/New_York', 'Asia/Kolkata'])('gives the weekday and hour Intl gives, across summer-time changes (%s)', (zone) => {
    const offsetOf = localOffsetOfHour(zone);
    const intl = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', weekday: 'short', hourCycle: 'h23' });
    const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const first = Date.UTC(2021, 2, 20) / HOUR;
    const wrong: string[] = [];
    for (let h = first; h < first + 240 * 24; h += 1) {
      const local = new Date(h * HOUR + offsetOf(h));
      const ours = `${days[local.getUTCDay()]} ${String(local.getUTCHours()).padStart(2, '0')}`;
      const parts = intl.formatToParts(h * HOUR);
      const theirs = `${parts.find((p) => p.type === 'weekday')?.value} ${parts.find((p) => p.type === 'hour')?.value}`;
      if (ours !== theirs) wrong.push(`${new Date(h * HOUR).toISOString()}: ${ours} ≠ ${theirs}`);
    }
    expect(wrong).toEqual([]);
  });
});
