/**
 * The local calendar day ("2021-01-17") of a UTC epoch hour in a time zone, for the daily series
 * of the overview and of the incidents. Intl's formatter costs about 20 µs a call, and a year
 * holds 8,760 hours: the zone's offset is read twice per UTC day instead, and only a day whose
 * offset moves (a change to or from summer time) is read hour by hour.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The zone's offset (ms to add to UTC) at the start of each UTC epoch hour. */
export function localOffsetOfHour(timeZone: string): (hour: number) => number {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const offsetAt = (t: number): number => {
    const p: Record<string, number> = {};
    for (const part of format.formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - t;
  };
  /** the UTC day's offset when it holds all day, else null */
  const steady = new Map<number, number | null>();
  return (hour) => {
    const t = hour * HOUR;
    const utcDay = Math.floor(t / DAY);
    let offset = steady.get(utcDay);
    if (offset === undefined) {
      const first = offsetAt(utcDay * DAY);
      offset = first === offsetAt(utcDay * DAY + 23 * HOUR) ? first : null;
      steady.set(utcDay, offset);
    }
    return offset ?? offsetAt(t);
  };
}

export function localDayOfHour(timeZone: string): (hour: number) => string {
  const offsetOf = localOffsetOfHour(timeZone);
  const known = new Map<number, string>();
  return (hour) => {
    let day = known.get(hour);
    if (day === undefined) known.set(hour, (day = new Date(hour * HOUR + offsetOf(hour)).toISOString().slice(0, 10)));
    return day;
  };
}
