/**
 * The import pipeline's store side: formats fill a temporary `stage` table (through DuckDB's
 * own CSV reader, or through a buffered temporary file of StageRows); `finish` then validates,
 * normalises, classifies each distinct reply once, removes duplicates and appends the new
 * events — all inside the caller's transaction, so a file is imported whole or not at all.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LineError } from '../contract';
import type { StageRow } from '../model/event';
import type { CsvStageSpec, ListEntry, StageWriter } from '../formats/importer';
import { Database, StoreError } from './database';
import { countLines, recordStarts } from './csv-lines';
import { CLASSIFIED_TYPES_SQL, writeVerdicts, type ClassifyFn, type ReplyTuple } from './verdicts';

export type { ClassifyFn };

const STAGE_COLUMNS = `
  time TIMESTAMPTZ, address VARCHAR, type VARCHAR, smtp_code INTEGER, enhanced_code VARCHAR,
  diagnostic VARCHAR, message_id VARCHAR, campaign VARCHAR, sender VARCHAR, relay VARCHAR,
  delay_s DOUBLE, hint VARCHAR, line BIGINT, raw_time VARCHAR, raw_type VARCHAR`;

const ROW_FIELDS = [
  'time', 'address', 'type', 'smtp_code', 'enhanced_code', 'diagnostic', 'message_id', 'campaign',
  'sender', 'relay', 'delay_s', 'hint', 'line', 'raw_time', 'raw_type',
] as const;

const MAX_LISTED_ERRORS = 10;

/** A reply code and an enhanced status code inside a server's text (RFC 5321 / RFC 3463). */
export const SMTP_CODE_PATTERN = '(?:^|[^0-9.])([245][0-9][0-9])(?:[ -]|$)';
export const ENHANCED_CODE_PATTERN = '(?:^|[^0-9.])([245]\\.[0-9]{1,3}\\.[0-9]{1,3})(?:[^0-9.]|$)';

/** REBOND_PROFILE=1 prints how long each step of an import takes, to stderr. */
function profiler(): (label: string) => void {
  if (!process.env.REBOND_PROFILE) return () => undefined;
  let last = performance.now();
  return (label) => {
    const now = performance.now();
    process.stderr.write(`[import] ${label}: ${((now - last) / 1000).toFixed(3)} s\n`);
    last = now;
  };
}
const ROW_BUFFER_BYTES = 4 * 1024 * 1024;

export interface StepWindow {
  from: number;
  to: number;
  expectedS: number;
  since: number;
}

/**
 * Each step's cost per staged row, in microseconds, and its share of the phase: measured on a
 * 1,000,000-event Mailjet export on two cores (`REBOND_PROFILE=1`).
 */
const STEPS = {
  load: { from: 0, to: 0.05, micros: 0.3 },
  rejects: { from: 0.05, to: 0.35, micros: 0.6 },
  normalise: { from: 0.35, to: 0.85, micros: 1.5 },
  classify: { from: 0.85, to: 1, micros: 0.3 },
  insert: { from: 0, to: 0.95, micros: 2.5 },
  finish: { from: 0.95, to: 1, micros: 0.05 },
} as const;

export interface StageTotals {
  stored: number;
  duplicates: number;
  rejected: number;
  listEntries: number;
  errors: LineError[];
  firstEventTime: string | null;
  lastEventTime: string | null;
}

export class Stage implements StageWriter {
  private readonly listedErrors: LineError[] = [];
  private rejectedByFormat = 0;
  private rowFile: { dir: string; path: string; fd: number; buffer: Buffer; bytes: number; rows: number } | null =
    null;
  private csvScans = 0;
  /** the CSV copy behind the `stage_csv` view, when the scan rejected no line (see stageCsv) */
  private csvCopy: string | null = null;
  private readonly listEntries: ListEntry[] = [];
  private goodCount = 0;
  /**
   * The part of the current phase (prepare, commit) that the running step covers, and how long
   * it should take: DuckDB reports no progress for most of these queries, so the import's
   * progress moves by the expected time (see import-file.ts).
   */
  window: StepWindow = { from: 0, to: 0, expectedS: 1, since: performance.now() };
  /** rows staged so far: the expected time of each step follows from it */
  private rowEstimate = 0;

  constructor(
    private readonly db: Database,
    private readonly file: string,
  ) {}

  async begin(): Promise<void> {
    await this.db.run(`CREATE OR REPLACE TEMP TABLE stage (${STAGE_COLUMNS})`);
  }

  reject(error: LineError): void {
    this.rejectedByFormat++;
    if (this.listedErrors.length < MAX_LISTED_ERRORS) this.listedErrors.push(error);
  }

  addListEntry(entry: ListEntry): void {
    this.listEntries.push(entry);
  }

  add(row: StageRow): void {
    if (!this.rowFile) {
      const dir = mkdtempSync(join(tmpdir(), 'rebond-stage-'));
      const path = join(dir, 'rows.csv');
      // rows are encoded straight into one reused buffer: no per-flush join, little garbage
      this.rowFile = { dir, path, fd: openSync(path, 'w'), buffer: Buffer.allocUnsafe(ROW_BUFFER_BYTES), bytes: 0, rows: 0 };
    }
    const f = this.rowFile;
    // plain concatenation: this runs once per event of a million-line log
    const line =
      (Number.isNaN(row.time.getTime()) ? '' : row.time.toISOString()) +
      ',' + csvText(row.address) +
      ',' + row.type +
      ',' + (row.smtpCode ?? '') +
      ',' + csvText(row.enhancedCode) +
      ',' + csvText(row.diagnostic) +
      ',' + csvText(row.messageId) +
      ',' + csvText(row.campaign) +
      ',' + csvText(row.sender) +
      ',' + csvText(row.relay) +
      ',' + (row.delaySeconds ?? '') +
      ',' + csvText(row.hint) +
      ',' + row.line +
      ',,\n';
    // a UTF-16 unit is at most 3 UTF-8 bytes
    if (f.bytes + line.length * 3 > f.buffer.length) {
      this.flushBuffer();
      if (line.length * 3 > f.buffer.length) f.buffer = Buffer.allocUnsafe(line.length * 3);
    }
    f.bytes += f.buffer.write(line, f.bytes);
    f.rows++;
  }

  private flushBuffer(): void {
    const f = this.rowFile;
    if (!f || f.bytes === 0) return;
    let written = 0;
    while (written < f.bytes) written += writeSync(f.fd, f.buffer, written, f.bytes - written);
    f.bytes = 0;
  }

  /** Bulk-loads the rows given to `add` (one DuckDB scan of the temporary file). */
  private enterStep(step: keyof typeof STEPS): void {
    const { from, to, micros } = STEPS[step];
    this.window = { from, to, expectedS: Math.max(0.05, (this.rowEstimate * micros) / 1e6), since: performance.now() };
  }

  private async loadRows(): Promise<void> {
    const f = this.rowFile;
    if (!f) return;
    this.rowEstimate += f.rows;
    this.flushBuffer();
    closeSync(f.fd);
    try {
      if (f.rows > 0) {
        const columns = ROW_FIELDS.map((name) => `'${name}': 'VARCHAR'`).join(', ');
        await this.db.run(
          `INSERT INTO stage SELECT
             try_cast(time AS TIMESTAMPTZ), address, type, try_cast(smtp_code AS INTEGER), enhanced_code,
             diagnostic, message_id, campaign, sender, relay, try_cast(delay_s AS DOUBLE), hint,
             line::BIGINT, raw_time, raw_type
           FROM read_csv($1, header = false, delim = ',', quote = '"', escape = '"', columns = {${columns}},
                         max_line_size = 268435456, strict_mode = false)`,
          [f.path],
        );
      }
    } finally {
      rmSync(f.dir, { recursive: true, force: true });
      this.rowFile = null;
    }
  }

  async stageCsv(file: string, spec: CsvStageSpec): Promise<void> {
    const scan = ++this.csvScans;
    const rejectsTable = `rebond_rejects_${scan}`;
    const scansTable = `rebond_reject_scans_${scan}`;
    if (this.csvScans > 1) throw new Error('one CSV scan per import');
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
    const columnTypes = spec.columns.map((_, index) => `'c${index}': 'VARCHAR'`).join(', ');
    const text = (name: string) => `nullif(trim(${col(name)}), '')`;
    const firstText = (names: string[] | undefined) =>
      names && names.length > 0 ? `coalesce(${names.map(text).join(', ')})` : 'NULL';
    const rawTime = col(spec.time.column);
    const time =
      spec.time.kind === 'unix-or-iso'
        ? `CASE WHEN regexp_full_match(trim(${rawTime}), '[0-9]{9,11}') THEN to_timestamp(trim(${rawTime})::BIGINT)
                ELSE try_cast(trim(${rawTime}) AS TIMESTAMPTZ) END`
        : `try_cast(trim(${rawTime}) AS TIMESTAMPTZ)`;
    // A CASE rather than a join with the map: the scan must keep the file's order, which gives
    // each row its line number.
    const sourceType = `lower(trim(${col(spec.type.column)}))`;
    const mapped = Object.entries(spec.type.map)
      .map(([value, t]) => `WHEN ${literal(value)} THEN ${literal(t)}`)
      .join(' ');
    let type = `CASE ${sourceType} ${mapped} END`;
    if (spec.type.classColumn) {
      const byClass = `${sourceType} || ':' || left(trim(${col(spec.type.classColumn)}), 1)`;
      type = `coalesce(CASE ${byClass} ${mapped} END, ${type})`;
    }
    if (spec.type.hardFlag) {
      const flag = `lower(trim(${col(spec.type.hardFlag.column)}))`;
      type = `CASE WHEN (${type}) = ${literal(spec.type.hardFlag.when)} AND ${flag} IN ('true', '1', 'yes', 'vrai')
                   THEN ${literal(spec.type.hardFlag.then)} ELSE (${type}) END`;
    }
    const campaign =
      spec.campaign && spec.campaign.length > 0
        ? `coalesce(${spec.campaign.map((c) => `nullif(${text(c)}, '0')`).join(', ')})`
        : 'NULL';
    const hint = spec.hint
      ? `CASE WHEN coalesce(${spec.hint.columns.map(text).join(', ')}) IS NULL THEN NULL
              ELSE '${spec.hint.prefix}:' || lower(concat_ws('/', ${spec.hint.columns.map(text).join(', ')})) END`
      : 'NULL';
    const delay = spec.delayFrom
      ? `date_diff('millisecond', try_cast(trim(${col(spec.delayFrom.queuedColumn)}) AS TIMESTAMPTZ), ${time}) / 1000.0`
      : 'NULL';
    const opt = (name: string | undefined) => (name ? text(name) : 'NULL');
    const diagnostic = spec.stripDiagnosticType
      ? `nullif(trim(regexp_replace(${firstText(spec.diagnostic)}, '^(smtp|x-[a-z0-9-]+|dns|mta);\\s*', '', 'i')), '')`
      : firstText(spec.diagnostic);
    const enhanced = spec.enhancedCode
      ? `nullif(regexp_extract(trim(${col(spec.enhancedCode)}), '^([245]\\.[0-9]{1,3}\\.[0-9]{1,3})', 1), '')`
      : 'NULL';
    // The scan is materialised before any expression runs on it: DuckDB (1.5) crashes with an
    // INTERNAL error that invalidates the whole database when an expression reads a column of a
    // row that ignore_errors drops for invalid UTF-8 (found by test/importers/fuzz.test.ts).
    const rawTable = `rebond_csv_${scan}`;
    const select = (line: string, from = `${rawTable} src`) => `SELECT ${time}, ${col(spec.address)}, ${type}, NULL, ${enhanced}, ${diagnostic},
              ${opt(spec.messageId)}, ${campaign}, ${opt(spec.sender)}, ${opt(spec.relay)}, ${delay}, ${hint},
              ${line}, ${rawTime}, ${col(spec.type.column)}
       FROM ${from}`;
    const gzip = spec.gzip ?? false;
    const headerLine = spec.headerLine ?? 1;
    // counted while DuckDB reads: it tells whether rows and lines keep in step (see csv-lines.ts)
    const lineCount = countLines(file, gzip).catch(() => null);
    await this.db.run(
      `CREATE OR REPLACE TEMP TABLE ${rawTable} AS
       SELECT * FROM read_csv($1, header = false, skip = ${Number(headerLine)}, auto_detect = false, columns = {${columnTypes}},
                              delim = $2, quote = '"', escape = '"', max_line_size = 268435456,
                              compression = '${gzip ? 'gzip' : 'none'}',
                              ignore_errors = true, store_rejects = true, strict_mode = true,
                              rejects_table = '${rejectsTable}', rejects_scan = '${scansTable}')`,
      [file, spec.delimiter],
    );
    const rejects = await this.db.all<{ line: bigint; line_byte_position: bigint | null; error_message: string; csv_line: string | null }>(
      `SELECT line, line_byte_position, error_message, csv_line FROM ${rejectsTable} ORDER BY line`,
    );
    // One line can fail on several columns: keep each line once.
    const firstPerLine = new Map<number, (typeof rejects)[number]>();
    for (const r of rejects) if (!firstPerLine.has(Number(r.line))) firstPerLine.set(Number(r.line), r);
    const rejectedLines = [...firstPerLine.values()];
    const rows = Number((await this.db.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${rawTable}`))?.n ?? 0);
    this.rowEstimate += rows;
    const starts =
      (await lineCount) === headerLine + rows + rejectedLines.length
        ? null
        : await this.recordLines(file, gzip, headerLine, rows, rejectedLines);

    if (starts) {
      // Blank lines or values over several lines: each row gets the line its record starts on.
      await this.db.run(`CREATE OR REPLACE TEMP TABLE row_lines (k BIGINT, line BIGINT)`);
      const appender = await this.db.connection.createAppender('row_lines', 'main', 'temp');
      try {
        starts.accepted.forEach((line, k) => {
          appender.appendBigInt(BigInt(k));
          appender.appendBigInt(BigInt(line));
          appender.endRow();
        });
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
      await this.db.run(`INSERT INTO stage ${select('l.line', `${rawTable} src JOIN row_lines l ON l.k = src.rowid`)}`);
      await this.db.run(`DROP TABLE IF EXISTS ${rawTable}`);
    } else if (rejectedLines.length === 0) {
      // The common case: the copy's row order is the file's, so a view numbers the lines and the
      // rows are not copied once more.
      this.csvCopy = rawTable;
      await this.db.run(`CREATE OR REPLACE TEMP VIEW stage_csv AS ${select(`src.rowid + ${headerLine + 1}`)}`);
    } else {
      // DuckDB numbers rejected lines as in the file; accepted rows only by their order.
      // Shift each accepted row past the rejected lines that came before it.
      const base = Number((await this.db.one<{ n: bigint }>(`SELECT count(*) AS n FROM stage`))?.n ?? 0);
      await this.db.run(`INSERT INTO stage ${select('NULL')}`);
      await this.db.run(`DROP TABLE IF EXISTS ${rawTable}`);
      await this.db.run(`CREATE OR REPLACE TEMP TABLE reject_shift (accepted_before BIGINT)`);
      // the i-th rejected line (1-based) at file line r has r - i - headerLine accepted rows before it
      const appender = await this.db.connection.createAppender('reject_shift', 'main', 'temp');
      try {
        for (const [i, r] of rejectedLines.entries()) {
          appender.appendBigInt(BigInt(Number(r.line) - (i + 1) - headerLine));
          appender.endRow();
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
      await this.db.run(
        `UPDATE stage SET line = fix.line FROM (
           SELECT s.rowid AS rid, (s.rowid - ${base} + ${headerLine + 1}) + count(r.accepted_before) AS line
           FROM stage s LEFT JOIN reject_shift r ON r.accepted_before < s.rowid - ${base} + 1
           WHERE s.rowid >= ${base} GROUP BY s.rowid) fix
         WHERE stage.rowid = fix.rid`,
      );
    }
    for (const r of rejectedLines) {
      // An opened quote that never closes swallows the lines after it: count them all.
      const swallowed = (r.csv_line ?? '').replace(/\r?\n$/, '').split('\n').length - 1;
      const message = describeCsvError(r.error_message);
      const byte = r.line_byte_position === null ? null : Number(r.line_byte_position);
      this.reject({
        line: (byte !== null ? starts?.rejected.get(byte) : undefined) ?? Number(r.line),
        message: swallowed > 0 ? `${message}; the ${swallowed} line(s) after it were read as part of it` : message,
      });
      this.rejectedByFormat += swallowed;
    }
    await this.db.run(`DROP TABLE IF EXISTS ${rejectsTable}`);
    await this.db.run(`DROP TABLE IF EXISTS ${scansTable}`);
  }

  /**
   * The file line of each accepted row and of each rejected record (by its byte offset), for a
   * file whose lines and records part ways; null when the records found do not add up to what
   * DuckDB read — the rows are then numbered by their order, as in a plain file.
   */
  private async recordLines(
    file: string,
    gzip: boolean,
    headerLine: number,
    rows: number,
    rejected: { line_byte_position: bigint | null }[],
  ): Promise<{ accepted: number[]; rejected: Map<number, number> } | null> {
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
    for (let i = first; i < starts.lines.length; i++) {
      const byte = rejectedRecords.get(i);
      if (byte !== undefined) rejectedLines.set(byte, starts.lines[i]);
      else accepted.push(starts.lines[i]);
    }
    return accepted.length === rows ? { accepted, rejected: rejectedLines } : null;
  }

  /**
   * Validates, normalises and classifies the staged rows. Runs outside the import's
   * transaction: it only touches this connection's temporary tables, and DuckDB scans them
   * faster when they are not transaction-local.
   */
  async prepare(classify: ClassifyFn): Promise<void> {
    const step = profiler();
    this.enterStep('load');
    await this.loadRows();
    step('load rows');
    // shares of the phase measured on a 1,000,000-event Mailjet export
    this.enterStep('rejects');
    // One pass finds the rows that cannot be events; the rest of the pipeline only keeps the
    // complement, with a cheap test.
    const valid = `type IS NOT NULL AND time IS NOT NULL AND address LIKE '%_@_%._%' AND NOT contains(trim(address, ' <>'), ' ')`;
    const stage = this.csvCopy ? '(SELECT * FROM stage UNION ALL SELECT * FROM stage_csv)' : 'stage';
    const line = 'line';
    await this.db.run(`CREATE OR REPLACE TEMP TABLE stage_rejects AS
      SELECT ${line} AS line, CASE
        WHEN type IS NULL THEN 'unknown event type ' || coalesce('"' || raw_type || '"', '(empty)')
        WHEN time IS NULL THEN 'unreadable date ' || coalesce('"' || raw_time || '"', '(empty)')
        ELSE 'not an e-mail address: ' || coalesce('"' || address || '"', '(empty)')
      END AS message
      FROM ${stage} WHERE NOT coalesce(${valid}, false)`);
    const badRows = await this.db.all<{ line: bigint; message: string }>(
      `SELECT line, message FROM stage_rejects ORDER BY line LIMIT ${MAX_LISTED_ERRORS}`,
    );
    const badCount = await this.db.one<{ n: bigint }>(`SELECT count(*) AS n FROM stage_rejects`);
    for (const row of badRows) this.reject({ line: Number(row.line), message: row.message });
    this.rejectedByFormat += Number(badCount?.n ?? 0) - badRows.length;
    step('rejects');
    this.enterStep('normalise');

    // Reply codes are read from the text only for failures: a delivery's "250 2.0.0 OK" is
    // read back when shown (core/store/events.ts), which keeps the bulk path cheap.
    const failure = `type IN (${CLASSIFIED_TYPES_SQL})`;
    await this.db.run(`CREATE OR REPLACE TEMP TABLE good AS
      WITH n AS (
        SELECT time, lower(trim(address, ' <>')) AS address, type,
          CASE WHEN smtp_code IS NULL AND ${failure}
            THEN try_cast(nullif(regexp_extract(diagnostic, '${SMTP_CODE_PATTERN}', 1), '') AS INTEGER)
            ELSE smtp_code END AS smtp_code,
          CASE WHEN enhanced_code IS NULL AND ${failure}
            THEN nullif(regexp_extract(diagnostic, '${ENHANCED_CODE_PATTERN}', 1), '')
            ELSE enhanced_code END AS enhanced_code,
          diagnostic, message_id, campaign, sender, relay, delay_s, hint,
          ${line} AS line
        FROM ${stage} WHERE ${valid}
      )
      SELECT *, split_part(address, '@', -1) AS domain,
        hash(time, address, type, coalesce(message_id, ''), coalesce(diagnostic, ''), coalesce(campaign, '')) AS key,
        CASE WHEN ${failure} THEN hash(type, smtp_code, enhanced_code, diagnostic, split_part(address, '@', -1), hint) END AS ckey
      FROM n`);

    step('normalise');
    this.enterStep('classify');
    await this.classifyDistinct(classify);
    step('classify');

    this.goodCount = Number((await this.db.one<{ n: bigint }>(`SELECT count(*) AS n FROM good`))?.n ?? 0);
    // The same event twice in one file is rare: only pay for removing repeats when there are some.
    const repeats = await this.db.one<{ n: bigint }>(
      `SELECT count(*) - count(DISTINCT key) AS n FROM good`,
    );
    if (Number(repeats?.n ?? 0) > 0) {
      await this.db.run(`DELETE FROM good WHERE rowid IN (
        SELECT rowid FROM good QUALIFY row_number() OVER (PARTITION BY key ORDER BY line) > 1)`);
    }
    step('repeats');
  }

  /** Appends the prepared rows as import `importId`; call inside the import's transaction. */
  async commit(importId: number): Promise<StageTotals> {
    const step = profiler();
    this.enterStep('insert');
    const stored = await this.db.run(`INSERT INTO events
      SELECT g.key, g.time, g.address, g.domain, g.type, c.category, c.severity, c.actor,
             coalesce(c.counts_against, false), c.rule, g.smtp_code, g.enhanced_code, g.diagnostic,
             g.message_id, g.campaign, g.sender, g.relay, g.delay_s, g.hint, ${Number(importId)}, g.line
      FROM good g
      LEFT JOIN classified c ON c.ckey = g.ckey
      ANTI JOIN events e ON e.key = g.key
      -- Stored grouped by address: DuckDB's min/max index per row group then skips almost
      -- everything when one address is looked up (tens of milliseconds → a few).
      ORDER BY g.address, g.time`);
    step('insert');
    this.enterStep('finish');
    for (const entry of this.listEntries) {
      await this.db.run(`INSERT INTO imported_list VALUES (lower(trim($1)), $2, $3::TIMESTAMPTZ, $4, $5)`, [
        entry.address,
        entry.status,
        entry.since.toISOString(),
        importId,
        entry.line,
      ]);
    }
    const span = await this.db.one<{ first: string | null; last: string | null }>(
      `SELECT ${isoTime('min(time)')} AS first, ${isoTime('max(time)')} AS last FROM events WHERE import_id = $1`,
      [importId],
    );
    step('done');
    const errors = [...this.listedErrors].sort((a, b) => a.line - b.line).slice(0, MAX_LISTED_ERRORS);
    return {
      stored,
      duplicates: this.goodCount - stored,
      rejected: this.rejectedByFormat,
      listEntries: this.listEntries.length,
      errors,
      firstEventTime: span?.first ?? null,
      lastEventTime: span?.last ?? null,
    };
  }

  /** Real data repeats a few thousand replies: classify each distinct one once. */
  private async classifyDistinct(classify: ClassifyFn): Promise<void> {
    const tuples = await this.db.all<ReplyTuple>(
      `SELECT DISTINCT ckey, type, smtp_code, enhanced_code, diagnostic, domain, hint FROM good WHERE ckey IS NOT NULL`,
    );
    await writeVerdicts(this.db, 'classified', tuples, classify);
  }

  /** Drops the temporary tables and file, whatever happened. */
  async discard(): Promise<void> {
    await this.db.run(`DROP VIEW IF EXISTS stage_csv`).catch(() => undefined);
    // a scan that failed half-way leaves its copy and its reject tables behind
    const scans = Array.from({ length: this.csvScans }, (_, i) => i + 1).flatMap((n) => [
      `rebond_csv_${n}`,
      `rebond_rejects_${n}`,
      `rebond_reject_scans_${n}`,
    ]);
    for (const table of ['good', 'classified', 'stage_rejects', 'stage', 'reject_shift', 'row_lines', ...scans]) {
      await this.db.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    }
    if (!this.rowFile) return;
    try {
      closeSync(this.rowFile.fd);
    } catch {
      // already closed
    }
    rmSync(this.rowFile.dir, { recursive: true, force: true });
    this.rowFile = null;
  }

  get fileName(): string {
    return this.file;
  }
}

/** An ISO-8601 UTC string from a TIMESTAMPTZ expression (the session zone is UTC). */
export function isoTime(expression: string): string {
  return `strftime(${expression}, '%Y-%m-%dT%H:%M:%S.%gZ')`;
}

/** A SQL string literal for our own vocabulary (never for file content: that is a parameter). */
function literal(value: string): string {
  return "'" + value.replace(/'/g, "''") + "'";
}

function csvText(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return value.indexOf('"') < 0 ? '"' + value + '"' : '"' + value.replace(/"/g, '""') + '"';
}

function describeCsvError(message: string): string {
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  // DuckDB stops counting one past the expected number: "more" is all it knows.
  if (columns) {
    return Number(columns[2]) > Number(columns[1])
      ? `expected ${columns[1]} columns, found more`
      : `expected ${columns[1]} columns, found ${columns[2]}`;
  }
  if (/unterminated quote/i.test(message)) return 'a quote (") is opened and never closed';
  if (/maximum line size/i.test(message)) return 'the line is too long to be a record';
  if (/invalid unicode|UTF-8/i.test(message)) return 'invalid characters (not UTF-8)';
  return message.split('\n')[0];
}

export { StoreError };
