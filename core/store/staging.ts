/**
 * The import pipeline's store side. Formats fill a temporary `stage` table (through a buffered
 * temporary file of StageRows, or through DuckDB's own CSV reader for a CSV export with bad
 * lines), and `prepare` validates and normalises it into `good`; a clean CSV export is read
 * straight into `good` (see csv-scan.ts). `prepare` then classifies each distinct reply once and
 * removes repeats, and `commit` appends the new events inside the caller's transaction, so a
 * file is imported whole or not at all.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LineError } from '../contract';
import type { StageRow } from '../model/event';
import type { CsvStageSpec, ListEntry, StageWriter } from '../formats/importer';
import { Database, StoreError } from './database';
import { readCsvExport, scanTables } from './csv-scan';
import { literal, trimmed } from './sql';
import { CLASSIFIED_TYPES_SQL, sameReply, writeVerdicts, type ClassifyFn, type ReplyTuple } from './verdicts';
import { problem, type LineProblem } from '../model/problems';

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

/**
 * What makes an event itself: the same fields from a re-import or an overlapping export are the
 * same event. Its 64-bit hash (`key`) only finds candidates quickly; equality of these decides.
 */
const EVENT_IDENTITY = [
  'time', 'address', 'type', "coalesce(message_id, '')", "coalesce(diagnostic, '')", "coalesce(campaign, '')",
] as const;

function sameEvent(a: string, b: string): string {
  return EVENT_IDENTITY.map((field) => {
    const on = (alias: string) => field.replace(/\b(time|address|type|message_id|diagnostic|campaign)\b/, `${alias}.$1`);
    return `${on(a)} = ${on(b)}`;
  }).join(' AND ');
}

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
  // line formats and CSV exports with bad lines only: a clean CSV export is normalised as it is read
  normalise: { from: 0.05, to: 0.85, micros: 1.6 },
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
  /** the CSV export's lines, counted while DuckDB read it (the import's line accounting) */
  csvLines: number | null = null;
  /** the CSV copy behind the `stage_csv` view, when the scan rejected no line (see csv-scan.ts) */
  private csvCopy: string | null = null;
  /** a clean CSV export was read straight into `good` (see csv-scan.ts): nothing is left to normalise */
  private normalised = false;
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

  /** Moves the progress window to `step`: its share of the phase, and its expected time for the rows staged. */
  private enterStep(step: keyof typeof STEPS): void {
    const { from, to, micros } = STEPS[step];
    this.window = { from, to, expectedS: Math.max(0.05, (this.rowEstimate * micros) / 1e6), since: performance.now() };
  }

  /** Bulk-loads the rows given to `add` (one DuckDB scan of the temporary file). */
  private async loadRows(): Promise<void> {
    const f = this.rowFile;
    if (!f) return;
    this.rowEstimate += f.rows;
    this.flushBuffer();
    closeSync(f.fd);
    try {
      if (f.rows > 0) {
        const columns = ROW_FIELDS.map((name) => `${literal(name)}: 'VARCHAR'`).join(', ');
        await this.db.run(
          `INSERT INTO stage SELECT
             try_cast(time AS TIMESTAMPTZ), address, type, try_cast(smtp_code AS INTEGER), enhanced_code,
             diagnostic, message_id, campaign, sender, relay, try_cast(delay_s AS DOUBLE), hint,
             line::BIGINT, raw_time, raw_type
           FROM read_csv($1, header = false, delim = ',', quote = '"', escape = '"', columns = {${columns}},
                         max_line_size = 33554432, buffer_size = 33554432, strict_mode = false)`,
          [f.path],
        );
      }
    } finally {
      rmSync(f.dir, { recursive: true, force: true });
      this.rowFile = null;
    }
  }

  /** Reads a CSV export through DuckDB's own reader (see csv-scan.ts); its bad lines are rejected. */
  async stageCsv(file: string, spec: CsvStageSpec): Promise<void> {
    const scan = ++this.csvScans;
    if (this.csvScans > 1) throw new Error('one CSV scan per import');
    const read = await readCsvExport(this.db, file, spec, scan, {
      table: 'good',
      create: (select) => this.normalise(`(${select})`),
    });
    this.rowEstimate += read.rows;
    this.csvLines = read.lines ?? null;
    if (read.clean) {
      this.normalised = true;
      return;
    }
    this.csvCopy = read.copy;
    for (const error of read.rejected) this.reject(error);
    this.rejectedByFormat += read.swallowed;
  }

  /**
   * The statement that makes the `good` table of staged rows (`source`, with the `stage` table's
   * columns): every row normalised, and what is wrong named in `problem` for the rows that
   * cannot be events. One pass does both: reading the staged rows twice cost more.
   */
  private normalise(source: string): string {
    const valid = `type IS NOT NULL AND time IS NOT NULL AND address LIKE '%_@_%._%' AND NOT contains(address, ' ')`;
    // Reply codes are read from the text only for failures: a delivery's "250 2.0.0 OK" is
    // read back when shown (core/store/events.ts), which keeps the bulk path cheap.
    const failure = `type IN (${CLASSIFIED_TYPES_SQL})`;
    // `staged` names the address as read, so that `problem` can quote it once `address` is normalised
    return `CREATE OR REPLACE TEMP TABLE good AS
      WITH staged AS (
        SELECT *, address AS raw_address FROM ${source}
      ), n AS (
        SELECT time, lower(${trimmed('raw_address', ' <>')}) AS address, type,
          CASE WHEN smtp_code IS NULL AND ${failure}
            THEN try_cast(nullif(regexp_extract(diagnostic, ${literal(SMTP_CODE_PATTERN)}, 1), '') AS INTEGER)
            ELSE smtp_code END AS smtp_code,
          CASE WHEN enhanced_code IS NULL AND ${failure}
            THEN nullif(regexp_extract(diagnostic, ${literal(ENHANCED_CODE_PATTERN)}, 1), '')
            ELSE enhanced_code END AS enhanced_code,
          diagnostic, message_id, campaign, sender, relay, delay_s, hint, line, raw_address, raw_time, raw_type
        FROM staged
      )
      SELECT time, address, type, smtp_code, enhanced_code, diagnostic, message_id, campaign, sender, relay,
        delay_s, hint, line,
        CASE WHEN coalesce(${valid}, false) THEN NULL
          WHEN type IS NULL THEN 'unknown event type ' || coalesce('"' || raw_type || '"', '(empty)')
          WHEN time IS NULL THEN 'unreadable date ' || coalesce('"' || raw_time || '"', '(empty)')
          ELSE 'not an e-mail address: ' || coalesce('"' || raw_address || '"', '(empty)')
        END AS problem,
        split_part(address, '@', -1) AS domain,
        hash(${EVENT_IDENTITY.join(', ')}) AS key,
        CASE WHEN ${failure} THEN hash(type, smtp_code, enhanced_code, diagnostic, split_part(address, '@', -1), hint) END AS ckey
      FROM n`;
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
    if (!this.normalised) {
      this.enterStep('normalise');
      await this.db.run(this.normalise(this.csvCopy ? '(SELECT * FROM stage UNION ALL SELECT * FROM stage_csv)' : 'stage'));
      step('normalise');
    }
    this.enterStep('classify');
    // what is wrong with some rows, and whether some event comes twice, in one scan
    const counts = await this.db.one<{ bad: bigint; good: bigint; keys: bigint }>(
      `SELECT count(*) FILTER (problem IS NOT NULL) AS bad, count(*) FILTER (problem IS NULL) AS good,
              count(DISTINCT key) FILTER (problem IS NULL) AS keys FROM good`,
    );
    const badCount = Number(counts?.bad ?? 0);
    if (badCount > 0) {
      const badRows = await this.db.all<{ line: bigint; message: string }>(
        `SELECT line, problem AS message FROM good WHERE problem IS NOT NULL ORDER BY line LIMIT ${MAX_LISTED_ERRORS}`,
      );
      for (const row of badRows) this.reject({ line: Number(row.line), message: row.message, ...rowProblem(row.message) });
      this.rejectedByFormat += badCount - badRows.length;
      await this.db.run(`DELETE FROM good WHERE problem IS NOT NULL`);
    }
    await this.classifyDistinct(classify);
    step('classify');

    this.goodCount = Number(counts?.good ?? 0);
    // The same event twice in one file is rare: only pay for removing repeats when there are some.
    if (this.goodCount > Number(counts?.keys ?? 0)) {
      // by the event's fields themselves: two events whose keys collide stay two
      await this.db.run(`DELETE FROM good WHERE rowid IN (
        SELECT rowid FROM good QUALIFY row_number() OVER (PARTITION BY key, ${EVENT_IDENTITY.join(', ')} ORDER BY line) > 1)`);
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
      LEFT JOIN classified c ON c.ckey = g.ckey AND ${sameReply('c', 'g')}
      -- the key finds the candidates, the fields decide: a 64-bit hash is not an identity, and a
      -- real event must never be dropped as a "duplicate" of another whose key collides
      ANTI JOIN events e ON e.key = g.key AND ${sameEvent('e', 'g')}
      -- Stored grouped by address: DuckDB's min/max index per row group then skips almost
      -- everything when one address is looked up (tens of milliseconds → a few).
      ORDER BY g.address, g.time`);
    step('insert');
    this.enterStep('finish');
    const listed = await this.commitListEntries(importId);
    const span = await this.db.one<{ first: string | null; last: string | null }>(
      `SELECT ${isoTime('min(time)')} AS first, ${isoTime('max(time)')} AS last FROM events WHERE import_id = $1`,
      [importId],
    );
    step('done');
    const errors = [...this.listedErrors].sort((a, b) => a.line - b.line).slice(0, MAX_LISTED_ERRORS);
    return {
      stored,
      // an address already on the list with the same status and date is a duplicate too
      duplicates: this.goodCount - stored + (this.listEntries.length - listed),
      rejected: this.rejectedByFormat,
      listEntries: listed,
      errors,
      firstEventTime: span?.first ?? null,
      lastEventTime: span?.last ?? null,
    };
  }

  /**
   * Appends the imported list's addresses that the workspace does not hold yet (same address,
   * status and date): importing a list twice lists each address once. Returns how many.
   */
  private async commitListEntries(importId: number): Promise<number> {
    if (this.listEntries.length === 0) return 0;
    await this.db.run(`CREATE OR REPLACE TEMP TABLE list_stage (address VARCHAR, status VARCHAR, since VARCHAR, line BIGINT)`);
    const appender = await this.db.connection.createAppender('list_stage', 'main', 'temp');
    try {
      for (const entry of this.listEntries) {
        appender.appendVarchar(entry.address);
        appender.appendVarchar(entry.status);
        appender.appendVarchar(entry.since.toISOString());
        appender.appendBigInt(BigInt(entry.line));
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    return this.db.run(
      `INSERT INTO imported_list
       SELECT n.address, n.status, n.since, ${Number(importId)}, min(n.line)
       FROM (SELECT lower(trim(address)) AS address, status, since::TIMESTAMPTZ AS since, line FROM list_stage) n
       ANTI JOIN imported_list l ON l.address = n.address AND l.status = n.status AND l.since = n.since
       GROUP BY n.address, n.status, n.since`,
    );
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
    const scans = Array.from({ length: this.csvScans }, (_, i) => i + 1).flatMap(scanTables);
    for (const table of ['good', 'classified', 'list_stage', 'stage', 'row_lines', ...scans]) {
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
}

/** An ISO-8601 UTC string from a TIMESTAMPTZ expression (the session zone is UTC). */
export function isoTime(expression: string): string {
  return `strftime(${expression}, '%Y-%m-%dT%H:%M:%S.%gZ')`;
}

function csvText(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return value.indexOf('"') < 0 ? '"' + value + '"' : '"' + value.replace(/"/g, '""') + '"';
}

export { StoreError };

/** The problems the normalising SELECT above writes, as codes: its two sentences, then the value. */
function rowProblem(message: string): { problem: LineProblem } | Record<string, never> {
  const quoted = /^(unknown event type|unreadable date) (?:"(.*)"|\(empty\))$/s.exec(message);
  if (!quoted) return {};
  const [, what, value] = quoted;
  if (what === 'unknown event type') return { problem: value === undefined ? problem('line.eventTypeEmpty', {}) : problem('line.eventType', { value }) };
  return { problem: value === undefined ? problem('line.dateEmpty', {}) : problem('line.date', { value }) };
}
