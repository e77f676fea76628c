/**
 * A CSV export read by DuckDB's own reader, as a format's CsvStageSpec describes it. The common
 * file, one DuckDB reads without an error, is read and turned into the import's rows in one pass
 * (`readCsvExport`). A file with bad lines is read again, as text, so that each line DuckDB could
 * not read comes back in plain words (`scanCsv`); its rows go into the import's `stage` table
 * or, when no line was rejected, stay in the copy behind a `stage_csv` view (see staging.ts).
 * Either way each row gets the line it starts on in the file.
 */
import type { LineError, QuotedValueLines } from '../model/imports';
import type { CsvStageSpec } from '../model/stage';
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database } from './database';
import { DamagedGzipError } from '../files/lines';
import { recordStarts } from '../files/csv-lines';
import { inspectCsvBytes, normalisedCopy, type LongLine } from '../files/csv-bytes';
import { rm } from 'node:fs/promises';
import { literal, trimmed } from './sql';
import { problem, type LineProblem } from '../model/problems';
import { wordLineProblem } from '../model/problem-words';

export interface CsvScan {
  /** rows DuckDB read */
  rows: number;
  /**
   * the copy the `stage_csv` view reads, when the scan rejected no line: its rows are then not
   * copied into `stage`; null when they were
   */
  copy: string | null;
  /** one per line DuckDB could not read, in file order */
  rejected: LineError[];
  /** the lines that an unclosed quote swallowed into a rejected one: rejected too, not listed */
  swallowed: number;
}

/** The lines read as part of an accepted record's quoted value, and the first records that took them in. */
export interface QuotedLines {
  count: number;
  first: QuotedValueLines[];
}

/** How many of the records with a value over several lines the import names (as it names 10 rejected lines). */
const QUOTED_VALUES_NAMED = 10;

/**
 * Where the rows of a clean file go: `write` stores the rows' SELECT (run with `params`) and
 * says how many rows it stored; `discard` removes what a failed `write` left.
 */
export interface CleanTarget {
  write: (select: string, params: DuckDBValue[], estimatedRows: number) => Promise<number>;
  discard: () => Promise<void>;
}

/**
 * A clean file's rows hold their place in the file in `line` (1 for the first row): the row's
 * line is that plus the header's line, or, with `rowLines`, the `row_lines` table's line for
 * k = place - 1 (rows and lines part ways).
 */
export type CsvRead = ({ clean: true; rows: number; rowLines: boolean } | ({ clean: false } & CsvScan)) & {
  /** the file's lines (every LF, CRLF or lone CR ends one), counted before DuckDB's read */
  lines?: number;
  /** the lines read inside accepted records' quoted values; absent when the records could not be found */
  quoted?: QuotedLines;
};

/** The temporary tables scan number `scan` creates (the copy first), to drop whatever happened. */
export function scanTables(scan: number): [copy: string, rejects: string, rejectScans: string] {
  return [`rebond_csv_${scan}`, `rebond_rejects_${scan}`, `rebond_reject_scans_${scan}`];
}

/**
 * Reads `file` by `spec`: a file DuckDB reads without an error goes straight into `target`,
 * numbered; any other is scanned by `scanCsv`. `scan` numbers the scan's tables.
 */
export async function readCsvExport(
  db: Database,
  file: string,
  spec: CsvStageSpec,
  scan: number,
  target: CleanTarget,
): Promise<CsvRead> {
  // One pass over the bytes first (csv-bytes.ts): their lines tell whether rows and lines keep
  // in step (see csv-lines.ts), and what DuckDB's reader would not survive is kept away from it.
  // A damaged .gz is found here too: DuckDB may stop quietly at the damage and keep what it read.
  const bytes = await inspectCsvBytes(file, spec.gzip ?? false, MAX_RECORD_BYTES);
  const copy = bytes.mixedLineEnds ? await normalisedCopy(file, spec.gzip ?? false) : null;
  try {
    const source = copy ? copy.path : file;
    const sourceSpec = copy ? { ...spec, gzip: false } : spec;
    const lineCount = Promise.resolve(bytes.lines);
    const rows =
      bytes.notUtf8 || bytes.longLines.length > 0 ? null : await readClean(db, source, sourceSpec, target, bytes.lines);
    if (rows === null) {
      const { quoted, ...scanned } = await scanCsv(db, source, sourceSpec, scan, lineCount, bytes.longLines);
      return { clean: false, ...scanned, lines: bytes.lines, ...(quoted ? { quoted } : {}) };
    }
    const numbering = await numberRows(source, sourceSpec, rows, [], lineCount);
    // The common case: the read keeps the file's order, so a row's line follows from its place.
    if (numbering) await writeRowLines(db, numbering.accepted);
    return { clean: true, rows, rowLines: numbering !== null, lines: bytes.lines, ...quotedOf(numbering) };
  } finally {
    // the scan's copy is a table by now: the normalised file is no longer needed
    if (copy) await rm(copy.dir, { recursive: true, force: true });
  }
}

/** The longest record DuckDB is asked to read (its `max_line_size`). */
const MAX_RECORD_BYTES = 32 * 1024 * 1024;

/** read_csv's arguments for `spec` ($1 the file, $2 the delimiter): every column as text, named by position. */
function readCsvArguments(spec: CsvStageSpec, errors: string): string {
  const columnTypes = spec.columns.map((_, index) => `${literal(`c${index}`)}: 'VARCHAR'`).join(', ');
  // A record may be up to 32 MB (a 20 MB diagnostic has been seen in fuzzing, none in real
  // exports); DuckDB's buffer defaults to 16× that, and a 4 GB buffer made the scan twice as slow
  // and cannot be allocated under the workspace's memory limit (database.ts).
  return `$1, header = false, skip = ${Number(spec.headerLine ?? 1)}, auto_detect = false, columns = {${columnTypes}},
          delim = $2, quote = '"', escape = '"', max_line_size = ${MAX_RECORD_BYTES}, buffer_size = ${MAX_RECORD_BYTES},
          compression = ${literal(spec.gzip ? 'gzip' : 'none')}, strict_mode = true, ${errors}`;
}

/**
 * The one-pass read: DuckDB stops at the first line it cannot read, and the file is then left
 * to `scanCsv` (null, nothing left behind). Reading and turning into rows in one query saves
 * copying every value once more: about a second of a 1,000,000-event import here.
 */
async function readClean(
  db: Database,
  file: string,
  spec: CsvStageSpec,
  target: CleanTarget,
  lines: number | Error,
): Promise<number | null> {
  const select = stageSelect(spec, `read_csv(${readCsvArguments(spec, 'ignore_errors = false')}) src`);
  const estimatedRows = typeof lines === 'number' ? lines : 0;
  try {
    // each row's place in the file: the read keeps the file's order (preserve_insertion_order)
    return await target.write(select('row_number() OVER ()'), [file, spec.delimiter], estimatedRows);
  } catch {
    await target.discard();
    return null;
  }
}

/**
 * Reads `file` by `spec` into `stage` or the `stage_csv` view, naming each line DuckDB could not
 * read; `scan` numbers its tables, `lineCount` is the file's lines (or why they could not be counted).
 */
async function scanCsv(
  db: Database,
  file: string,
  spec: CsvStageSpec,
  scan: number,
  lineCount: Promise<number | Error>,
  longLines: LongLine[],
): Promise<CsvScan & { quoted?: QuotedLines }> {
  const [rawTable, rejectsTable, scansTable] = scanTables(scan);
  const select = stageSelect(spec, `${rawTable} src`);
  const headerLine = spec.headerLine ?? 1;
  // The scan is materialised before any expression runs on it: DuckDB (1.5) crashes with an
  // INTERNAL error that invalidates the whole database when an expression reads a column of a
  // row that ignore_errors drops for invalid UTF-8 (found by test/import/fuzz.test.ts).
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${rawTable} AS
     SELECT * FROM read_csv(${readCsvArguments(
       spec,
       `ignore_errors = true, store_rejects = true,
        rejects_table = ${literal(rejectsTable)}, rejects_scan = ${literal(scansTable)}`,
     )})`,
    [file, spec.delimiter],
  );
  const rejects = await db.all<{ line: bigint; line_byte_position: bigint | null; error_message: string; csv_line: string | null }>(
    `SELECT line, line_byte_position, error_message, csv_line FROM ${rejectsTable} ORDER BY line`,
  );
  // One line can fail on several columns: keep each line once.
  const firstPerLine = new Map<number, (typeof rejects)[number]>();
  for (const r of rejects) if (!firstPerLine.has(Number(r.line))) firstPerLine.set(Number(r.line), r);
  // DuckDB drops a line far over its limit without a word: the byte pass found it
  for (const long of longLines) {
    if (firstPerLine.has(long.line)) continue;
    firstPerLine.set(long.line, {
      line: BigInt(long.line),
      line_byte_position: BigInt(long.byte),
      error_message: 'Maximum line size exceeded',
      csv_line: null,
    });
  }
  const rejectedLines = [...firstPerLine.values()].sort((a, b) => Number(a.line) - Number(b.line));
  const rows = Number((await db.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${rawTable}`))?.n ?? 0);
  const numbering = await numberRows(file, spec, rows, rejectedLines, lineCount);

  let copy: string | null = null;
  if (numbering) {
    await writeRowLines(db, numbering.accepted);
    await db.run(`INSERT INTO stage ${select('l.line', `${rawTable} src JOIN row_lines l ON l.k = src.rowid`)}`);
    await db.run(`DROP TABLE IF EXISTS ${rawTable}`);
  } else {
    // The copy's row order is the file's, so a view numbers the lines and the rows are not
    // copied once more.
    copy = rawTable;
    await db.run(`CREATE OR REPLACE TEMP VIEW stage_csv AS ${select(`src.rowid + ${headerLine + 1}`)}`);
  }
  const rejected: LineError[] = [];
  let swallowedLines = 0;
  for (const r of rejectedLines) {
    // An opened quote that never closes swallows the lines after it: count them all.
    const swallowed = (r.csv_line ?? '').replace(/\r?\n$/, '').split('\n').length - 1;
    const found = csvProblem(r.error_message);
    const byte = r.line_byte_position === null ? null : Number(r.line_byte_position);
    const line = (byte !== null ? numbering?.rejected.get(byte) : undefined) ?? Number(r.line);
    const lineProblem: LineProblem | null = found && swallowed > 0 ? spanningQuote(found, line, swallowed) : found;
    rejected.push({
      line,
      message: lineProblem ? wordLineProblem(lineProblem, 'en') : r.error_message.split('\n')[0],
      ...(lineProblem ? { problem: lineProblem } : {}),
    });
    swallowedLines += swallowed;
  }
  await db.run(`DROP TABLE IF EXISTS ${rejectsTable}`);
  await db.run(`DROP TABLE IF EXISTS ${scansTable}`);
  return { rows, copy, rejected, swallowed: swallowedLines, ...quotedOf(numbering) };
}

/** The numbering's account of the lines inside quoted values, where the records were found. */
function quotedOf(numbering: RowLines | null): { quoted?: QuotedLines } {
  return numbering?.quoted ? { quoted: numbering.quoted } : {};
}

/** The `row_lines` table: the k-th row read (k from 0) starts on line `lines[k]`. */
async function writeRowLines(db: Database, lines: number[]): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE row_lines (k BIGINT, line BIGINT)`);
  const appender = await db.connection.createAppender('row_lines', 'main', 'temp');
  try {
    lines.forEach((line, k) => {
      appender.appendBigInt(BigInt(k));
      appender.appendBigInt(BigInt(line));
      appender.endRow();
    });
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/**
 * The SELECT that makes stage rows of the CSV's text columns (`source`: read_csv itself, or the
 * scan's copy), as `spec` maps them; `line` is the expression that gives each row its file line.
 */
function stageSelect(spec: CsvStageSpec, source: string): (line: string, from?: string) => string {
  // Columns are named by position (c0, c1…): headers may repeat or hold any character.
  const position = new Map<string, number>();
  spec.columns.forEach((name, index) => {
    if (!position.has(name)) position.set(name, index);
  });
  const col = (name: string) => {
    const index = position.get(name);
    if (index === undefined) throw new Error(`column "${name}" is not in the header`);
    return `src.c${index}`;
  };
  const text = (name: string) => `nullif(${trimmed(col(name))}, '')`;
  const firstText = (names: string[] | undefined) =>
    names && names.length > 0 ? `coalesce(${names.map(text).join(', ')})` : 'NULL';
  const rawTime = col(spec.time.column);
  const timeText = trimmed(rawTime);
  // Unix seconds are 9 to 11 digits (1973 to 5138); a cast tells them apart faster than a regex
  const time =
    spec.time.kind === 'unix-or-iso'
      ? `coalesce(to_timestamp(CASE WHEN length(${timeText}) BETWEEN 9 AND 11 THEN try_cast(${timeText} AS UBIGINT) END),
                  try_cast(${timeText} AS TIMESTAMPTZ))`
      : `try_cast(${timeText} AS TIMESTAMPTZ)`;
  // A CASE rather than a join with the map: the scan must keep the file's order, which gives
  // each row its line number.
  const sourceType = `lower(${trimmed(col(spec.type.column))})`;
  const mapped = Object.entries(spec.type.map)
    .map(([value, t]) => `WHEN ${literal(value)} THEN ${literal(t)}`)
    .join(' ');
  let type = `CASE ${sourceType} ${mapped} END`;
  if (spec.type.classColumn) {
    const byClass = `${sourceType} || ':' || left(${trimmed(col(spec.type.classColumn))}, 1)`;
    type = `coalesce(CASE ${byClass} ${mapped} END, ${type})`;
  }
  if (spec.type.hardFlag) {
    const flag = `lower(${trimmed(col(spec.type.hardFlag.column))})`;
    type = `CASE WHEN (${type}) = ${literal(spec.type.hardFlag.when)} AND ${flag} IN ('true', '1', 'yes', 'vrai')
                 THEN ${literal(spec.type.hardFlag.then)} ELSE (${type}) END`;
  }
  const campaign =
    spec.campaign && spec.campaign.length > 0
      ? `coalesce(${spec.campaign.map((c) => `nullif(${text(c)}, '0')`).join(', ')})`
      : 'NULL';
  const hint = spec.hint
    ? `CASE WHEN coalesce(${spec.hint.columns.map(text).join(', ')}) IS NULL THEN NULL
            ELSE ${literal(`${spec.hint.prefix}:`)} || lower(concat_ws('/', ${spec.hint.columns.map(text).join(', ')})) END`
    : 'NULL';
  const delay = spec.delayFrom
    ? `date_diff('millisecond', try_cast(${trimmed(col(spec.delayFrom.queuedColumn))} AS TIMESTAMPTZ), ${time}) / 1000.0`
    : 'NULL';
  const opt = (name: string | undefined) => (name ? text(name) : 'NULL');
  const subject = firstText(spec.subject);
  const diagnostic = spec.stripDiagnosticType
    ? `nullif(trim(regexp_replace(${firstText(spec.diagnostic)}, '^(smtp|x-[a-z0-9-]+|dns|mta);\\s*', '', 'i')), '')`
    : firstText(spec.diagnostic);
  const enhanced = spec.enhancedCode
    ? `nullif(regexp_extract(${trimmed(col(spec.enhancedCode))}, '^([245]\\.[0-9]{1,3}\\.[0-9]{1,3})', 1), '')`
    : 'NULL';
  // named and typed as the `stage` table's columns (staging.ts): a NULL must not become an INTEGER
  const varchar = (expression: string) => `CAST(${expression} AS VARCHAR)`;
  return (line: string, from = source) => `SELECT ${time} AS time, ${col(spec.address)} AS address, ${varchar(type)} AS type,
            NULL::INTEGER AS smtp_code, ${varchar(enhanced)} AS enhanced_code, ${varchar(diagnostic)} AS diagnostic,
            ${varchar(opt(spec.messageId))} AS message_id, ${varchar(campaign)} AS campaign,
            ${varchar(opt(spec.sender))} AS sender, ${varchar(opt(spec.relay))} AS relay, CAST(${delay} AS DOUBLE) AS delay_s,
            ${varchar(hint)} AS hint, CAST(${line} AS BIGINT) AS line, ${rawTime} AS raw_time, ${col(spec.type.column)} AS raw_type,
            ${varchar(subject)} AS subject
     FROM ${from}`;
}

/**
 * Each row's line when rows and lines part ways (blank lines, values over several lines,
 * rejected lines); null when row k is simply line header + 1 + k. `rejected` are the records
 * DuckDB could not read; `lineCount` is the file's lines, counted beside DuckDB's read.
 */
async function numberRows(
  file: string,
  spec: CsvStageSpec,
  rows: number,
  rejected: { line: bigint; line_byte_position: bigint | null }[],
  lineCount: Promise<number | Error>,
): Promise<RowLines | null> {
  const counted = await lineCount;
  // as the line-oriented formats do (formats/lines.ts): an export cut short is not imported
  if (counted instanceof DamagedGzipError) throw counted;
  const headerLine = spec.headerLine ?? 1;
  const aroundRejects = () => (rejected.length > 0 ? linesAroundRejects(headerLine, rows, rejected) : null);
  if (counted === headerLine + rows + rejected.length) return aroundRejects();
  return (await recordLines(file, spec.gzip ?? false, headerLine, rows, rejected)) ?? aroundRejects();
}

interface RowLines {
  /** the file line of the k-th row DuckDB accepted */
  accepted: number[];
  /** DuckDB's byte offset of a rejected record → its file line, where DuckDB's own line is off */
  rejected: Map<number, number>;
  /**
   * the lines read inside the accepted records' quoted values, where each record was found
   * (a rejected record's lines are counted with it: `CsvScan.swallowed`)
   */
  quoted?: QuotedLines;
}

/**
 * In a file where each record is one line, DuckDB's line numbers of the rejected records are
 * right: the accepted rows fill the other lines after the header, in order.
 */
function linesAroundRejects(headerLine: number, rows: number, rejected: { line: bigint }[]): RowLines {
  const skipped = new Set(rejected.map((r) => Number(r.line)));
  const accepted: number[] = [];
  for (let line = headerLine + 1; accepted.length < rows; line++) if (!skipped.has(line)) accepted.push(line);
  return { accepted, rejected: new Map() };
}

/**
 * The file line of each accepted row and of each rejected record (by its byte offset), for a
 * file whose lines and records part ways; null when the records found do not add up to what
 * DuckDB read — the rows are then numbered by their order, as in a plain file.
 */
async function recordLines(
  file: string,
  gzip: boolean,
  headerLine: number,
  rows: number,
  rejected: { line_byte_position: bigint | null }[],
): Promise<RowLines | null> {
  const starts = await recordStarts(file, gzip).catch(() => null);
  if (!starts) return null;
  const first = starts.lines.findIndex((line) => line > headerLine);
  if (first < 0 || starts.lines.length - first !== rows + rejected.length) return null;
  // DuckDB's byte offsets can be one past the record's first byte: take the nearest record
  const nearest = (byte: number) => {
    let lo = first;
    let hi = starts.bytes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts.bytes[mid] < byte) lo = mid + 1;
      else hi = mid;
    }
    return lo > first && byte - starts.bytes[lo - 1] < Math.abs(starts.bytes[lo] - byte) ? lo - 1 : lo;
  };
  const rejectedRecords = new Map<number, number>(); // record index -> DuckDB's byte offset
  for (const r of rejected) {
    if (r.line_byte_position === null) return null;
    rejectedRecords.set(nearest(Number(r.line_byte_position)), Number(r.line_byte_position));
  }
  const accepted: number[] = [];
  const rejectedLines = new Map<number, number>();
  const quoted: QuotedLines = { count: 0, first: [] };
  for (let i = first; i < starts.lines.length; i++) {
    const byte = rejectedRecords.get(i);
    if (byte !== undefined) {
      rejectedLines.set(byte, starts.lines[i]);
      continue;
    }
    const line = starts.lines[i];
    accepted.push(line);
    const inside = starts.quotedNewlines[i];
    if (inside > 0) {
      quoted.count += inside;
      if (quoted.first.length < QUOTED_VALUES_NAMED) quoted.first.push({ line, from: line + 1, to: line + inside });
    }
  }
  return accepted.length === rows ? { accepted, rejected: rejectedLines, quoted } : null;
}

/** DuckDB's reject text as a problem; null for a text it has not been seen to write. */
/**
 * A record that took in the lines after it: a wrong column count is then not the cause but the
 * result of a quote opened on its first line and closed lines later ("found 11 columns" said
 * nothing a person could fix); the other problems say the swallowed lines after their words.
 */
function spanningQuote(found: LineProblem, line: number, swallowed: number): LineProblem {
  if (found.code === 'line.columns' || found.code === 'line.columnsMore') {
    return problem('line.quoteSpans', { from: line, to: line + swallowed, expected: found.params.expected });
  }
  return { ...found, swallowed };
}

function csvProblem(message: string): LineProblem | null {
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  // DuckDB stops counting one past the expected number: "more" is all it knows.
  if (columns) {
    const expected = Number(columns[1]);
    const found = Number(columns[2]);
    return found > expected ? problem('line.columnsMore', { expected }) : problem('line.columns', { expected, found });
  }
  if (/unterminated quote/i.test(message)) return problem('line.unclosedQuote', {});
  if (/maximum line size/i.test(message)) return problem('line.tooLong', { mb: MAX_RECORD_BYTES / (1024 * 1024) });
  if (/invalid unicode|UTF-8/i.test(message)) return problem('line.notUtf8', {});
  return null;
}
