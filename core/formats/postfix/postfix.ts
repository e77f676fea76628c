/**
 * Postfix syslog (SPEC §2.3, FORMATS.md): classic `Mon DD HH:MM:SS host postfix/smtp[pid]: …`
 * and RFC 3339 timestamps, Solaris `[ID n mail.info]`, `postfix-INSTANCE/…` and
 * `postfix/submission/smtpd` names. One event per `to=` result; qmgr `status=expired` lines
 * expire the recipients their queue id still had deferred.
 */
import { open, stat } from 'node:fs/promises';
import type { FormatImporter, StageContext } from '../importer';
import { lineError } from '../line-error';
import { readLineBatches } from '../../files/lines';
import type { FileSample } from '../../files/sample';
import { PostfixParser } from './parse';
import { classicMonthDay, SyslogClock } from './syslog-time';

const STAMP = String.raw`(?:[A-Z][a-z]{2} [ 0-9]?\d \d\d:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?)`;
/** a syslog line from a Postfix daemon */
const POSTFIX_LINE = new RegExp(`^${STAMP} \\S+ [^\\s\\[:]*postfix[^\\s\\[:]*\\[\\d+\\]: `);
/** a delivery result */
const DELIVERY = /\]: (?:\[ID \d+ [\w.]+\] )?[0-9A-Za-z]+: to=.*, status=/;

export const postfixImporter: FormatImporter = {
  id: 'postfix',
  label: 'Postfix mail log (syslog)',

  detect(sample: FileSample): number {
    const lines = sample.lines.filter((l) => l.trim().length > 0).slice(0, 500);
    if (lines.length === 0) return 0;
    let postfix = 0;
    let deliveries = 0;
    for (const line of lines) {
      if (!POSTFIX_LINE.test(line)) continue;
      postfix++;
      if (DELIVERY.test(line)) deliveries++;
    }
    if (postfix === 0) return 0;
    if (deliveries > 0) return 0.95;
    // a syslog with Postfix lines among others' lines
    return postfix / lines.length >= 0.2 ? 0.85 : 0.6;
  },

  async stage(context: StageContext): Promise<void> {
    const { sample, options } = context;
    const year = options.year ?? (await inferFirstYear(context.file, sample, options.timeZone));
    const parser = new PostfixParser(new SyslogClock(options.timeZone, year), {
      row: (row) => context.stage.add(row),
      reject: (line, found) => context.reject(lineError(line, found)),
    });
    let lineNumber = 0;
    for await (const batch of readLineBatches(context.file, {
      gzip: sample.gzip,
      encoding: sample.encoding,
      onBytes: context.progress,
    })) {
      for (let i = 0; i < batch.length; i++) parser.line(batch[i], ++lineNumber);
    }
    if (parser.counts.skipped > 0) context.skip(parser.counts.skipped);
    const { lines, context: used, otherPrograms, blank } = parser.counts;
    context.tally({ total: lines, context: used, otherPrograms, blank, programs: [...parser.programs.values()] });
  },
};

/**
 * The year of a classic syslog file's first line. The last line was written no later than
 * the file's modification time: that gives the last line's year, and a first line later in
 * the calendar than the last one (December … January) belongs to the year before.
 */
export async function inferFirstYear(file: string, sample: FileSample, timeZone: string): Promise<number> {
  const info = await stat(file);
  const m = localDate(info.mtime, timeZone);
  const first = firstMonthDay(sample.lines);
  if (!first) return m.year;
  const last = sample.gzip ? null : await lastMonthDay(file, info.size);
  const after = (a: { month: number; day: number }, b: { month: number; day: number }) =>
    a.month > b.month || (a.month === b.month && a.day > b.day);
  if (!last) return after(first, m) ? m.year - 1 : m.year;
  const lastYear = after(last, m) ? m.year - 1 : m.year;
  return after(first, last) ? lastYear - 1 : lastYear;
}

function localDate(date: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(
    date,
  );
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

function firstMonthDay(lines: string[]): { month: number; day: number } | null {
  for (const line of lines) {
    const md = classicMonthDay(line);
    if (md) return md;
  }
  return null;
}

/** Month and day of the last classic line, from the file's last 64 KB. */
async function lastMonthDay(file: string, size: number): Promise<{ month: number; day: number } | null> {
  const length = Math.min(size, 64 * 1024);
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, size - length);
    const lines = buffer.subarray(0, bytesRead).toString('utf8').split('\n');
    for (let i = lines.length - 1; i >= 0; i--) {
      const md = classicMonthDay(lines[i]);
      if (md) return md;
    }
    return null;
  } finally {
    await handle.close();
  }
}
