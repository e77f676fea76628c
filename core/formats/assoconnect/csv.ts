/**
 * A small streaming CSV record reader for the JS-parsed formats: quoted fields may hold the
 * separator, doubled quotes and line breaks; a quote that never closes is reported after a
 * bounded number of lines instead of swallowing the file.
 */
import { readLineBatches } from '../../files/lines';
import { problem, type LineProblem } from '../../model/problems';

export interface CsvRecord {
  fields: string[];
  /** the file line the record starts on (1-based) */
  line: number;
}

export type CsvItem = CsvRecord | { error: LineProblem; line: number };

const MAX_RECORD_LINES = 50;
const MAX_RECORD_CHARS = 1024 * 1024;

/** Splits one record; `null` when a quoted field is still open at the end of `text`. */
export function splitRecord(text: string, delimiter: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let atStart = true;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && atStart) {
      quoted = true;
      atStart = false;
      i++;
      continue;
    }
    if (c === delimiter) {
      fields.push(field.trim());
      field = '';
      atStart = true;
      i++;
      continue;
    }
    if (atStart && (c === ' ' || c === '\t') && c !== delimiter) {
      i++;
      continue;
    }
    atStart = false;
    field += c;
    i++;
  }
  if (quoted) return null;
  fields.push(field.trim());
  return fields;
}

export async function* readCsvRecords(
  path: string,
  options: {
    gzip: boolean;
    encoding: 'utf-8' | 'windows-1252';
    delimiter: string;
    onBytes?: (n: number) => void;
    /** the header's width: a record spanning lines with another width is a stray quote, not a record */
    expectedFields?: () => number | null;
    /** filled in as the file is read: its lines, and the blank ones outside any record */
    lines?: { total: number; blank: number };
  },
): AsyncGenerator<CsvItem> {
  // lines of a record whose quote is still open: [line number, text]
  let pending: Array<[number, string]> = [];
  let pendingChars = 0;
  const out: CsvItem[] = [];
  const feed = (lineNumber: number, raw: string): void => {
    if (pending.length === 0 && raw.trim() === '') {
      if (options.lines) options.lines.blank++;
      return;
    }
    pending.push([lineNumber, raw]);
    pendingChars += raw.length + 1;
    const text = pending.length === 1 ? raw : pending.map((p) => p[1]).join('\n');
    const fields = text.indexOf('"') < 0 ? text.split(options.delimiter).map((f) => f.trim()) : splitRecord(text, options.delimiter);
    const width = options.expectedFields?.() ?? null;
    if (fields !== null && pending.length > 1 && width !== null && fields.length !== width) {
      // a quote opened by mistake, closed by a later line's quote: the first line is the bad one
      unbalanced();
      return;
    }
    if (fields !== null) {
      out.push({ fields, line: pending[0][0] });
      pending = [];
      pendingChars = 0;
      return;
    }
    if (pending.length >= MAX_RECORD_LINES || pendingChars > MAX_RECORD_CHARS) unbalanced();
  };
  // The opening line is the bad one; the lines after it are read again on their own.
  const unbalanced = (): void => {
    const [first, ...rest] = pending;
    out.push({ error: problem('line.unclosedQuote', {}), line: first[0] });
    pending = [];
    pendingChars = 0;
    for (const [n, raw] of rest) feed(n, raw);
  };
  let lineNumber = 0;
  for await (const batch of readLineBatches(path, { gzip: options.gzip, encoding: options.encoding, onBytes: options.onBytes })) {
    for (const raw of batch) {
      feed(++lineNumber, raw);
      if (options.lines) options.lines.total = lineNumber;
      if (out.length > 0) {
        yield* out;
        out.length = 0;
      }
    }
  }
  while (pending.length > 0) {
    unbalanced();
    yield* out;
    out.length = 0;
  }
}
