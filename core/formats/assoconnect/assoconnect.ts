/**
 * AssoConnect-style campaign reports (SPEC §2.2, seed 001): `;`-separated French CSV, UTF-8 with
 * or without BOM or Windows-1252, `dd/mm/yyyy hh:mm[:ss]` dates in the import's zone, French
 * statuses; and the lists those tools export ("Emails identifiés comme invalides", a quarantine
 * list…) which become imported list entries.
 */
import { stat } from 'node:fs/promises';
import type { EventType } from '../../model/event';
import { detectDelimiter, mapHeader, squash } from '../header';
import type { FormatImporter, ListEntry, StageContext } from '../importer';
import type { FileSample } from '../../files/sample';
import { MinuteClock } from '../postfix/wall-clock';
import { ASSO_COLUMNS, ASSO_STATUSES, listStatusFromWords, type AssoField } from './columns';
import { readCsvRecords, splitRecord } from './csv';
import { lineError } from '../line-error';
import { problem } from '../../model/problems';

const EMAIL = /^<?[^\s@<>;,"]+@[^\s@<>;,"]+\.[^\s@<>;,"]+>?$/;

interface Layout {
  delimiter: string;
  /** index of the header line among the non-empty sample lines (-1: no header, data from the start) */
  headerIndex: number;
  header: string[];
  mapped: Partial<Record<AssoField, string>>;
  kind: 'report' | 'list';
  listStatus: ListEntry['status'];
}

function fieldsOf(line: string, delimiter: string): string[] {
  return splitRecord(line, delimiter) ?? line.split(delimiter).map((f) => f.trim());
}

/** Finds the header (after possible title lines) and says whether the file is a report or a list. */
export function assoLayout(sample: FileSample): Layout | null {
  const lines = sample.lines.filter((l) => l.trim().length > 0).slice(0, 200);
  if (lines.length === 0) return null;
  // a title line or two may come before the header ("Emails identifiés comme invalides")
  for (let h = 0; h < Math.min(3, lines.length); h++) {
    const delimiter = detectDelimiter(lines[h]);
    const header = fieldsOf(lines[h], delimiter);
    while (header.length > 1 && header[header.length - 1] === '') header.pop();
    const titleWords = squash(lines.slice(0, h + 1).join(' '));
    if (header.length === 1 && EMAIL.test(header[0])) {
      // a bare list of addresses, no header
      return { delimiter, headerIndex: h - 1, header: [], mapped: {}, kind: 'list', listStatus: listStatusFromWords(titleWords) ?? 'invalid' };
    }
    const mapped = mapHeader(header, ASSO_COLUMNS);
    if (!mapped.email) continue;
    if (mapped.status) {
      return { delimiter, headerIndex: h, header, mapped, kind: 'report', listStatus: 'invalid' };
    }
    // no status column: a list, if it has no other meaningful column than a date / name columns
    return { delimiter, headerIndex: h, header, mapped, kind: 'list', listStatus: listStatusFromWords(titleWords) ?? 'invalid' };
  }
  return null;
}

export const assoconnectImporter: FormatImporter = {
  id: 'assoconnect',
  label: 'AssoConnect-style campaign report or list (French CSV)',

  detect(sample: FileSample): number {
    const layout = assoLayout(sample);
    if (!layout) return 0;
    const lines = sample.lines.filter((l) => l.trim().length > 0);
    const data = lines.slice(layout.headerIndex + 1, layout.headerIndex + 101);
    if (layout.kind === 'list') {
      const emailIndex = layout.mapped.email ? layout.header.indexOf(layout.mapped.email) : 0;
      const emails = data.filter((l) => EMAIL.test(fieldsOf(l, layout.delimiter)[emailIndex] ?? '')).length;
      if (data.length === 0 || emails < data.length * 0.5) return 0;
      // a bare column of addresses, or a header that names the list; a header with columns we
      // do not know (`event,time,email`) is more likely another tool's export
      const known = layout.header.filter((h) => Object.values(layout.mapped).includes(h)).length;
      return layout.header.length <= 3 && known === layout.header.length ? 0.8 : 0.4;
    }
    const statusIndex = layout.header.indexOf(layout.mapped.status!);
    const french = data.some((l) => ASSO_STATUSES[squash(fieldsOf(l, layout.delimiter)[statusIndex] ?? '')] !== undefined);
    const frenchHeader = squash(layout.mapped.status!) !== 'status';
    if (french) return frenchHeader ? 0.96 : 0.9;
    return frenchHeader ? 0.7 : 0;
  },

  async stage(context: StageContext): Promise<void> {
    const layout = assoLayout(context.sample)!;
    const clock = new MinuteClock(context.options.timeZone);
    const index = (field: AssoField) => (layout.mapped[field] ? layout.header.indexOf(layout.mapped[field]!) : -1);
    const col = { email: index('email'), status: index('status'), date: index('date'), reason: index('reason'), rejectKind: index('rejectKind'), campaign: index('campaign') };
    if (layout.kind === 'list' && layout.header.length === 0) col.email = 0;
    const fallbackSince = layout.kind === 'list' ? (await stat(context.file)).mtime : null;
    let seen = 0;
    let skipped = 0;
    const headerSkip = layout.headerIndex + 1; // non-empty records before the data
    const lines = { total: 0, blank: 0 };
    for await (const item of readCsvRecords(context.file, {
      lines,
      gzip: context.sample.gzip,
      encoding: context.sample.encoding,
      delimiter: layout.delimiter,
      onBytes: context.progress,
      expectedFields: () => (seen >= headerSkip && layout.header.length > 1 ? layout.header.length : null),
    })) {
      if (seen++ < headerSkip) continue;
      if ('error' in item) {
        context.reject(lineError(item.line, item.error));
        continue;
      }
      const f = item.fields;
      const get = (i: number) => (i >= 0 ? (f[i] ?? '').trim() : '');
      const email = get(col.email).replace(/^<|>$/g, '');
      if (layout.kind === 'list') {
        if (email === '') {
          skipped++;
          continue;
        }
        if (!EMAIL.test(email)) {
          context.reject(lineError(item.line, problem('line.notEmail', { value: email.slice(0, 80) })));
          continue;
        }
        const rawDate = get(col.date);
        const since = rawDate ? parseFrenchDate(rawDate, clock) : fallbackSince!;
        if (since === null) {
          context.reject(lineError(item.line, problem('line.date', { value: rawDate.slice(0, 40) })));
          continue;
        }
        context.stage.addListEntry({ address: email, status: layout.listStatus, since, line: item.line });
        continue;
      }
      const status = get(col.status);
      const meaning = ASSO_STATUSES[squash(status)];
      if (meaning === 'skip') {
        skipped++;
        continue;
      }
      if (meaning === undefined) {
        context.reject(lineError(item.line, status ? problem('line.unknownStatus', { value: status.slice(0, 60) }) : problem('line.noStatus', {})));
        continue;
      }
      if (email === '') {
        context.reject(lineError(item.line, problem('line.noEmail', {})));
        continue;
      }
      const rawDate = get(col.date);
      const time = parseFrenchDate(rawDate, clock);
      if (time === null) {
        context.reject(lineError(item.line, rawDate ? problem('line.date', { value: rawDate.slice(0, 40) }) : problem('line.noDate', {})));
        continue;
      }
      let types: EventType[] = meaning;
      const kind = squash(get(col.rejectKind));
      if (types[0] === 'soft_bounce' && /^rejete/.test(squash(status)) && /permanent|definitif|hard/.test(kind)) types = ['hard_bounce'];
      const reason = get(col.reason) || null;
      const campaign = get(col.campaign) || null;
      for (const type of types) {
        context.stage.add({
          time,
          address: email,
          type,
          diagnostic: type === 'soft_bounce' || type === 'hard_bounce' ? reason : null,
          campaign,
          hint: `assoconnect:${status.toLowerCase()}`,
          line: item.line,
        });
      }
    }
    if (skipped > 0) context.skip(skipped);
    // the header (and a title above it) is context
    context.tally({ total: lines.total, blank: lines.blank, context: headerSkip });
  },
};

/**
 * `dd/mm/yyyy`, `dd/mm/yyyy hh:mm`, `dd/mm/yyyy hh:mm:ss` (also `-` or `.` between the date
 * parts, `à` or `T` before the time, two-digit years) in the import's zone; ISO 8601 too.
 */
export function parseFrenchDate(raw: string, clock: MinuteClock): Date | null {
  const text = raw.trim();
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:(?:\s+(?:à\s+)?|T)(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/i.exec(text);
  if (fr) {
    const day = Number(fr[1]);
    const month = Number(fr[2]);
    let year = Number(fr[3]);
    if (fr[3].length === 2) year += 2000;
    const hour = fr[4] ? Number(fr[4]) : 0;
    const minute = fr[5] ? Number(fr[5]) : 0;
    const second = fr[6] ? Number(fr[6]) : 0;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCDate() !== day) return null; // 31/02
    return new Date(clock.utc(year, month, day, hour, minute, second));
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (iso) {
    return new Date(clock.utc(Number(iso[1]), Number(iso[2]), Number(iso[3]), Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0)));
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(?:Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}
