/**
 * The import pipeline's store side. Formats fill a temporary `stage` table or a buffered
 * temporary file of StageRows (or DuckDB's own CSV reader reads a CSV export), and the rows are
 * validated and normalised once into the prepared rows: Parquet files in the spill folder, one
 * folder per bucket of address keys (a clean CSV export is read straight into them, see
 * csv-scan.ts). `prepare` then classifies each distinct reply once, and `commit` appends the new
 * events bucket by bucket, each sorted in memory, inside the caller's transaction, so a file is
 * imported whole or not at all and no sort outgrows the memory limit.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LineError } from '../model/imports';
import type { StageRow } from '../model/event';
import type { CsvStageSpec, ImportStep, ListEntry, StageWriter, StepListener } from '../model/stage';
import type { DuckDBValue } from '@duckdb/node-api';
import { Database, StoreError } from './database';
import { readCsvExport, scanTables, type QuotedLines } from './csv-scan';
import { ENHANCED_CODE_PATTERN, isoTime, literal, SMTP_CODE_PATTERN, trimmed } from './sql';
import { CLASSIFIED_TYPES_SQL, sameReply, writeVerdicts, type ClassifyFn, type ReplyTuple } from './verdicts';
import { problem, type LineProblem } from '../model/problems';

export type { ClassifyFn };

const STAGE_COLUMNS = `
  time TIMESTAMPTZ, address VARCHAR, type VARCHAR, smtp_code INTEGER, enhanced_code VARCHAR,
  diagnostic VARCHAR, message_id VARCHAR, campaign VARCHAR, sender VARCHAR, relay VARCHAR,
  delay_s DOUBLE, hint VARCHAR, line BIGINT, raw_time VARCHAR, raw_type VARCHAR, subject VARCHAR`;

const ROW_FIELDS = [
  'time', 'address', 'type', 'smtp_code', 'enhanced_code', 'diagnostic', 'message_id', 'campaign',
  'sender', 'relay', 'delay_s', 'hint', 'line', 'raw_time', 'raw_type', 'subject',
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


/**
 * REBOND_PROFILE=1 prints how long each step of an import takes, to stderr: its time, and the
 * processor time the process used meanwhile (DuckDB's threads are the process's), which tells a
 * step waiting on one thread from one using every core.
 */
export function profiler(): (label: string) => void {
  if (!process.env.REBOND_PROFILE) return () => undefined;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  return (label) => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    process.stderr.write(
      `[import] ${label}: ${((now - last) / 1000).toFixed(3)} s (processor ${((cpu.user + cpu.system) / 1e6).toFixed(3)} s)\n`,
    );
    last = now;
    lastCpu = process.cpuUsage();
  };
}
const ROW_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * Rows given to `add` go to DuckDB in chunks of this many: each chunk is normalised into a
 * Parquet file of the spill folder on DuckDB's own threads while the format goes on reading its
 * file, so a log's parsing and its normalising share the machine's cores instead of taking
 * turns. (A temporary table instead was cheaper to write but held every row in memory: 990 MB
 * at 5,000,000 Postfix lines.)
 */
const ROWS_PER_CHUNK = 100_000;
/**
 * Up to this many buckets, each bucket is read from the chunks by its address keys (a Parquet
 * scan is cheap beside the sort); beyond, the chunks are split into bucket folders once.
 */
const MAX_BUCKETS_READ_FROM_CHUNKS = 4;

/**
 * The prepared rows are kept as Parquet files split by address key into buckets of about this
 * many rows, and each bucket is sorted and stored on its own (`commit`): a sort of the whole file
 * spilled past the memory limit at 10,000,000 events (4–5 GB of temporary disk, and slower per
 * event than at 1,000,000), a bucket's sort stays in memory. The files are compressed: about a
 * sixth of the CSV they come from.
 */
const ROWS_PER_BUCKET = 500_000;
/**
 * Rows per row group of a bucket's files. A partitioned write keeps one row group open per
 * bucket: at 10,000,000 events (20 buckets), row groups of 125,000 rows held 2,500,000 rows
 * open under the 512 MB memory limit, and the clean export's write took 40–48 s; with 30,000
 * it took 31–34 s and its peak memory fell from 610–650 MB to 350–450 MB (DuckDB alone, the
 * import's COPY, 2026-12-02). The files are read whole, bucket by bucket, never by a lookup.
 */
const ROWS_PER_BUCKET_ROW_GROUP = 30_000;
const KEY_SPACE = 1n << 64n;

/** The keys per bucket: a key's bucket is `key // step`. */
function bucketStep(buckets: number): bigint {
  return (KEY_SPACE + BigInt(buckets) - 1n) / BigInt(buckets);
}

/** The address keys of bucket `b` of `buckets`: [lo, hi], in order, covering every key once. */
function bucketRange(b: number, buckets: number): [bigint, bigint] {
  const step = bucketStep(buckets);
  const lo = BigInt(b) * step;
  const hi = BigInt(b + 1) * step - 1n;
  return [lo, hi < KEY_SPACE ? hi : KEY_SPACE - 1n];
}

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
  private rowFile: RowFile | null = null;
  /** the chunks of added rows normalised so far (see ROWS_PER_CHUNK), and the one being normalised */
  private chunks: { dir: string; files: number; rows: number; work: Promise<void>; failure: unknown } | null = null;
  private csvScans = 0;
  /** the CSV export's lines, counted while DuckDB read it (the import's line accounting) */
  csvLines: number | null = null;
  /** the CSV export's lines read inside quoted values, where its records could be found (csv-scan.ts) */
  csvQuoted: QuotedLines | null = null;
  /** the CSV copy behind the `stage_csv` view, when the scan rejected no line (see csv-scan.ts) */
  private csvCopy: string | null = null;
  /** a clean CSV export was read straight into `good` (see csv-scan.ts): nothing is left to normalise */
  private normalised = false;
  private readonly listEntries: ListEntry[] = [];
  private goodCount = 0;
  /**
   * where the prepared rows are (Parquet, one folder per bucket, or `chunks`: the chunks' files,
   * each bucket read by its keys), and how many there are
   */
  private good: { dir: string; rows: number; buckets: number; chunks?: string } | null = null;
  /**
   * A prepared row's line in the file, as SQL over the row `g` (and what to join for it): a clean
   * CSV export's rows hold their place in the file, not their line (see `stageCsv`).
   */
  private lineSql = 'g.line';
  private lineJoin = '';
  /** rows staged so far: the expected time of each step follows from it */
  private rowEstimate = 0;

  /**
   * `steps` hears when each step starts and how many rows it has to do: DuckDB reports no progress
   * for most of these queries, so the import's progress moves by their expected time
   * (core/import/progress.ts).
   */
  constructor(
    private readonly db: Database,
    private readonly file: string,
    private readonly steps: StepListener = { enter: () => undefined },
    /** rows per bucket of the prepared rows (ROWS_PER_BUCKET; tests make buckets small) */
    private readonly rowsPerBucket = ROWS_PER_BUCKET,
    /** rows per chunk of added rows (ROWS_PER_CHUNK; tests make chunks small) */
    private readonly rowsPerChunk = ROWS_PER_CHUNK,
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
    const ms = row.time.getTime();
    // plain concatenation: this runs once per event of a million-line log
    const line =
      (Number.isNaN(ms) ? '' : this.isoTime(ms)) +
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
      ',,,' + csvText(row.subject) +
      '\n';
    // a UTF-16 unit is at most 3 UTF-8 bytes
    if (f.bytes + line.length * 3 > f.buffer.length) {
      flushBuffer(f);
      if (line.length * 3 > f.buffer.length) f.buffer = Buffer.allocUnsafe(line.length * 3);
    }
    f.bytes += f.buffer.write(line, f.bytes);
    f.rows++;
    if (f.rows >= this.rowsPerChunk) this.sendChunk();
  }

  private isoMinute = NaN;
  private isoPrefix = '';

  /**
   * `new Date(ms).toISOString()`, built from the minute's prefix (`2024-01-17T08:00:`): events
   * come in time order, so the prefix rarely changes, and toISOString cost a microsecond per event.
   */
  private isoTime(ms: number): string {
    const minute = ms - (((ms % 60_000) + 60_000) % 60_000);
    if (minute !== this.isoMinute) {
      const prefix = new Date(minute).toISOString();
      // years before 0 or after 9999 are written another way: leave those to toISOString
      if (prefix.length !== 24) return new Date(ms).toISOString();
      this.isoMinute = minute;
      this.isoPrefix = prefix.slice(0, 17);
    }
    const within = ms - minute;
    const second = Math.floor(within / 1000);
    const milli = within - second * 1000;
    return this.isoPrefix + (second < 10 ? '0' : '') + second + (milli < 10 ? '.00' : milli < 100 ? '.0' : '.') + milli + 'Z';
  }

  /**
   * Hands the rows added so far to DuckDB, which normalises them into a Parquet file of the
   * chunks folder on its own threads; the next `add` starts a new file. The work is chained:
   * one statement at a time on the connection, awaited by `prepare` (and `discard`).
   */
  private sendChunk(): void {
    const f = this.rowFile;
    if (!f) return;
    this.rowFile = null;
    const source = this.rowsSourceOf(f);
    if (!source) {
      removeRowFile(f);
      return;
    }
    if (!this.chunks) {
      const dir = mkdtempSync(join(this.db.spillFolder, 'chunks-'));
      // the parser goes on adding rows on the main thread: DuckDB leaves it a core until the
      // chunks are all normalised (preparedFromChunks, dropChunks)
      const fresh: NonNullable<Stage['chunks']> = { dir, files: 0, rows: 0, work: Promise.resolve(), failure: null };
      fresh.work = this.db.leaveACore().catch((error: unknown) => {
        fresh.failure = error;
      });
      this.chunks = fresh;
    }
    const chunks = this.chunks;
    const out = join(chunks.dir, `chunk-${chunks.files++}.parquet`);
    chunks.work = chunks.work.then(async () => {
      try {
        if (chunks.failure === null) {
          chunks.rows += await this.db.run(`COPY (${this.normalise(`(${source.sql})`)}) TO ${literal(out)} (FORMAT parquet)`, [
            source.path,
          ]);
        }
      } catch (error) {
        // kept for `prepare`, which says it; nothing else is sent after it
        chunks.failure = error;
      } finally {
        removeRowFile(f);
      }
    });
  }

  private enterStep(step: ImportStep): void {
    this.steps.enter(step, this.rowEstimate);
  }

  /**
   * The rows of one file of added rows, as a SELECT with the `stage` table's columns over it (read
   * straight into the prepared rows, not copied into `stage` first); null when none. Closes it.
   */
  private rowsSourceOf(f: RowFile): { sql: string; path: string } | null {
    this.rowEstimate += f.rows;
    flushBuffer(f);
    closeSync(f.fd);
    f.fd = -1;
    if (f.rows === 0) return null;
    const columns = ROW_FIELDS.map((name) => `${literal(name)}: 'VARCHAR'`).join(', ');
    return {
      path: f.path,
      sql: `SELECT
             try_cast(time AS TIMESTAMPTZ) AS time, address, type, try_cast(smtp_code AS INTEGER) AS smtp_code, enhanced_code,
             diagnostic, message_id, campaign, sender, relay, try_cast(delay_s AS DOUBLE) AS delay_s, hint,
             line::BIGINT AS line, raw_time, raw_type, subject
           FROM read_csv($1, header = false, delim = ',', quote = '"', escape = '"', columns = {${columns}},
                         max_line_size = 33554432, buffer_size = 33554432, strict_mode = false)`,
    };
  }

  /**
   * Waits for the chunks sent to DuckDB, then makes them the prepared rows: as they are, each
   * bucket read from them by its keys, or split into bucket folders when there are many buckets.
   * Returns how many rows.
   */
  private async preparedFromChunks(): Promise<number> {
    const chunks = this.chunks!;
    if (this.csvScans > 0) {
      // rows of DuckDB's CSV reader beside the added ones (no format does both today): one more chunk
      const parts = ['SELECT * FROM stage', ...(this.csvCopy ? ['SELECT * FROM stage_csv'] : [])].join(' UNION ALL ');
      const out = join(chunks.dir, `chunk-${chunks.files++}.parquet`);
      await chunks.work;
      if (chunks.failure === null) chunks.rows += await this.db.run(`COPY (${this.normalise(`(${parts})`)}) TO ${literal(out)} (FORMAT parquet)`);
    }
    await chunks.work;
    if (chunks.failure !== null) throw chunks.failure;
    // the rest (the buckets, the classification, the insert) has every thread
    await this.db.useEveryThread();
    this.dropGood();
    const buckets = Math.max(1, Math.ceil(chunks.rows / this.rowsPerBucket));
    const files = `read_parquet(${literal(join(chunks.dir, 'chunk-*.parquet'))})`;
    if (buckets <= MAX_BUCKETS_READ_FROM_CHUNKS) {
      this.good = { dir: chunks.dir, rows: chunks.rows, buckets, chunks: files };
      this.chunks = null;
      return chunks.rows;
    }
    try {
      return await this.writeBuckets(`SELECT * FROM ${files}`, chunks.rows);
    } finally {
      rmSync(chunks.dir, { recursive: true, force: true });
      this.chunks = null;
    }
  }

  /** Removes the added rows not sent yet and the chunks, once DuckDB is done with them. */
  private async dropChunks(): Promise<void> {
    if (this.rowFile) {
      removeRowFile(this.rowFile);
      this.rowFile = null;
    }
    const chunks = this.chunks;
    if (!chunks) return;
    await chunks.work;
    await this.db.useEveryThread().catch(() => undefined);
    rmSync(chunks.dir, { recursive: true, force: true });
    this.chunks = null;
  }

  /**
   * Normalises the rows of `source` (a SELECT with the `stage` table's columns) into the
   * prepared rows: Parquet files in the spill folder, one folder per bucket of address keys
   * (see ROWS_PER_BUCKET). Returns how many rows.
   */
  private async writeGood(source: string, params: DuckDBValue[] | undefined, estimatedRows: number): Promise<number> {
    return this.writeBuckets(this.normalise(`(${source})`), estimatedRows, params);
  }

  /** Writes `prepared` (a SELECT of prepared rows) as the prepared rows, one folder per bucket. */
  private async writeBuckets(prepared: string, estimatedRows: number, params?: DuckDBValue[]): Promise<number> {
    this.dropGood();
    const buckets = Math.max(1, Math.ceil(estimatedRows / this.rowsPerBucket));
    const dir = join(mkdtempSync(join(this.db.spillFolder, 'good-')), 'rows');
    this.good = { dir, rows: 0, buckets };
    // the bucket is the key's place in [0, 2^64) scaled to `buckets`: buckets follow key order
    const bucket = buckets === 1 ? '0' : `(address_key // ${bucketStep(buckets)}::UBIGINT)::INTEGER`;
    const rows = await this.db.runWithoutCommonSubexpressions(
      `COPY (SELECT *, ${bucket} AS bucket FROM (${prepared}))
       TO ${literal(dir)} (FORMAT parquet, PARTITION_BY (bucket), ROW_GROUP_SIZE ${Math.max(2048, Math.min(ROWS_PER_BUCKET_ROW_GROUP, Math.floor(this.rowsPerBucket / 4)))})`,
      params,
    );
    this.good.rows = rows;
    return rows;
  }

  private dropGood(): void {
    if (!this.good) return;
    rmSync(this.good.chunks ? this.good.dir : join(this.good.dir, '..'), { recursive: true, force: true });
    this.good = null;
  }

  /** The prepared rows (with the unreadable ones, whose `problem` says why), or one bucket of them. */
  private goodFiles(bucket?: number): string {
    const { dir, buckets, chunks } = this.good!;
    if (chunks) {
      if (bucket === undefined || buckets === 1) return chunks;
      const [lo, hi] = bucketRange(bucket, buckets);
      return `(SELECT * FROM ${chunks} WHERE address_key BETWEEN ${lo} AND ${hi})`;
    }
    const glob = bucket === undefined ? join(dir, '*', '*.parquet') : join(dir, `bucket=${bucket}`, '*.parquet');
    return `read_parquet(${literal(glob)}, hive_partitioning = false)`;
  }

  /** The buckets that hold rows. */
  private filledBuckets(): number[] {
    if (!this.good || this.good.rows === 0) return [];
    if (this.good.chunks) return Array.from({ length: this.good.buckets }, (_, b) => b);
    if (!existsSync(this.good.dir)) return [];
    return readdirSync(this.good.dir)
      .map((name) => /^bucket=(\d+)$/.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  }

  /** Reads a CSV export through DuckDB's own reader (see csv-scan.ts); its bad lines are rejected. */
  async stageCsv(file: string, spec: CsvStageSpec): Promise<void> {
    const scan = ++this.csvScans;
    if (this.csvScans > 1) throw new Error('one CSV scan per import');
    const read = await readCsvExport(this.db, file, spec, scan, {
      write: (select, params, estimatedRows) => this.writeGood(select, params, estimatedRows),
      discard: async () => this.dropGood(),
    });
    this.rowEstimate += read.rows;
    this.csvLines = read.lines ?? null;
    this.csvQuoted = read.quoted ?? null;
    if (read.clean) {
      this.normalised = true;
      // the rows hold their place in the file (1, 2…): their line follows from it, or from
      // `row_lines` where rows and lines part ways
      const headerLine = Number(spec.headerLine ?? 1);
      if (read.rowLines) {
        this.lineSql = 'l.line';
        this.lineJoin = 'LEFT JOIN row_lines l ON l.k = g.line - 1';
      } else this.lineSql = `g.line + ${headerLine}`;
      return;
    }
    this.csvCopy = read.copy;
    for (const error of read.rejected) this.reject(error);
    this.rejectedByFormat += read.swallowed;
  }

  /**
   * The SELECT of the prepared rows from staged rows (`source`, with the `stage` table's
   * columns): every row normalised, and what is wrong named in `problem` for the rows that
   * cannot be events. One pass does both: reading the staged rows twice cost more.
   */
  private normalise(source: string): string {
    const valid = `type IS NOT NULL AND time IS NOT NULL AND address LIKE '%_@_%._%' AND NOT contains(address, ' ')`;
    // Reply codes are read from the text only for failures: a delivery's "250 2.0.0 OK" is
    // read back when shown (core/store/events.ts), which keeps the bulk path cheap.
    const failure = `type IN (${CLASSIFIED_TYPES_SQL})`;
    // `staged` names the address as read, so that `problem` can quote it once `address` is normalised
    return `WITH staged AS (
        SELECT *, address AS raw_address FROM ${source}
      ), n AS (
        SELECT time, lower(${trimmed('raw_address', ' <>')}) AS address, type,
          CASE WHEN smtp_code IS NULL AND ${failure}
            THEN try_cast(nullif(regexp_extract(diagnostic, ${literal(SMTP_CODE_PATTERN)}, 1), '') AS INTEGER)
            ELSE smtp_code END AS smtp_code,
          CASE WHEN enhanced_code IS NULL AND ${failure}
            THEN nullif(regexp_extract(diagnostic, ${literal(ENHANCED_CODE_PATTERN)}, 1), '')
            ELSE enhanced_code END AS enhanced_code,
          diagnostic, message_id, campaign, sender, relay, delay_s, hint, line, raw_address, raw_time, raw_type,
          subject
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
        CASE WHEN ${failure} THEN hash(type, smtp_code, enhanced_code, diagnostic, split_part(address, '@', -1), hint) END AS ckey,
        hash(address) AS address_key,
        subject
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
    if (!this.normalised) {
      if (this.rowFile && this.chunks) this.sendChunk();
      const f = this.rowFile;
      this.rowFile = null;
      const rows = f ? this.rowsSourceOf(f) : null;
      this.enterStep('normalise');
      try {
        if (this.chunks) {
          // the rows added were sent to DuckDB in chunks while the file was read; nothing else is
          // staged beside them (the `stage` table and a CSV copy are the CSV reader's, see stageCsv)
          await this.preparedFromChunks();
        } else {
          const parts = [...(rows ? [rows.sql] : []), 'SELECT * FROM stage', ...(this.csvCopy ? ['SELECT * FROM stage_csv'] : [])];
          await this.writeGood(parts.join(' UNION ALL '), rows ? [rows.path] : undefined, this.rowEstimate);
        }
      } finally {
        if (f) removeRowFile(f);
      }
      step('normalise');
    }
    this.enterStep('classify');
    let counts: { bad: bigint; good: bigint } | undefined;
    if (this.good && this.good.rows > 0) {
      counts = await this.db.one<{ bad: bigint; good: bigint }>(
        `SELECT count(*) FILTER (problem IS NOT NULL) AS bad, count(*) FILTER (problem IS NULL) AS good FROM ${this.goodFiles()}`,
      );
    }
    const badCount = Number(counts?.bad ?? 0);
    if (badCount > 0) {
      const badRows = await this.db.all<{ line: bigint; message: string }>(
        `SELECT ${this.lineSql} AS line, g.problem AS message
         FROM (SELECT line, problem FROM ${this.goodFiles()} WHERE problem IS NOT NULL ORDER BY line LIMIT ${MAX_LISTED_ERRORS}) g
         ${this.lineJoin} ORDER BY g.line`,
      );
      for (const row of badRows) this.reject({ line: Number(row.line), message: row.message, ...rowProblem(row.message) });
      this.rejectedByFormat += badCount - badRows.length;
    }
    await this.classifyDistinct(classify);
    this.goodCount = Number(counts?.good ?? 0);
    step('classify');
  }

  /** Appends the prepared rows as import `importId`; call inside the import's transaction. */
  async commit(importId: number): Promise<StageTotals> {
    const step = profiler();
    this.enterStep('insert');
    let stored = 0;
    const buckets = this.filledBuckets();
    for (const bucket of buckets) {
      const [lo, hi] = bucketRange(bucket, this.good!.buckets);
      const rows = this.goodFiles(bucket);
      // The same event twice in one file is rare: only pay for removing repeats where there are
      // some. They share an address, so a bucket holds all of them.
      const repeats = await this.db.one<{ n: bigint }>(
        `SELECT count(*) - count(DISTINCT key) AS n FROM ${rows} WHERE problem IS NULL`,
      );
      const firstOnly =
        Number(repeats?.n ?? 0) > 0
          ? // by the event's fields themselves: two events whose keys collide stay two
            `QUALIFY row_number() OVER (PARTITION BY g.key, ${EVENT_IDENTITY.map((f) => f.replace(/\b(time|address|type|message_id|diagnostic|campaign)\b/, 'g.$1')).join(', ')} ORDER BY g.line) = 1`
          : '';
      stored += await this.db.run(`INSERT INTO events
        SELECT g.key, g.time, g.address, g.domain, g.type, c.category, c.severity, c.actor,
               coalesce(c.counts_against, false), c.rule, g.smtp_code, g.enhanced_code, g.diagnostic,
               g.message_id, g.campaign, g.sender, g.relay, g.delay_s, g.hint, ${Number(importId)}, ${this.lineSql},
               g.address_key, g.subject
        FROM ${rows} g
        ${this.lineJoin}
        LEFT JOIN classified c ON c.ckey = g.ckey AND ${sameReply('c', 'g')}
        -- the key finds the candidates, the fields decide: a 64-bit hash is not an identity, and a
        -- real event must never be dropped as a "duplicate" of another whose key collides. Only
        -- the stored events of this bucket's addresses can be the same event.
        ANTI JOIN (SELECT key, time, address, type, message_id, diagnostic, campaign FROM events
                   WHERE address_key BETWEEN ${lo} AND ${hi}) e
          ON e.key = g.key AND ${sameEvent('e', 'g')}
        WHERE g.problem IS NULL
        ${firstOnly}
        -- Stored in address-key order: DuckDB's min/max index per row group then skips almost
        -- everything when one address is looked up (events.ts); buckets come in key order.
        ORDER BY g.address_key, g.time`);
    }
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
    const tuples =
      this.good && this.good.rows > 0
        ? await this.db.all<ReplyTuple>(
            `SELECT DISTINCT ckey, type, smtp_code, enhanced_code, diagnostic, domain, hint FROM ${this.goodFiles()}
             WHERE ckey IS NOT NULL AND problem IS NULL`,
          )
        : [];
    await writeVerdicts(this.db, 'classified', tuples, classify);
  }

  /** Drops the temporary tables and file, whatever happened. */
  async discard(): Promise<void> {
    // first: a chunk still being normalised (the format failed half-way) holds the connection
    await this.dropChunks();
    await this.db.run(`DROP VIEW IF EXISTS stage_csv`).catch(() => undefined);
    // a scan that failed half-way leaves its copy and its reject tables behind
    const scans = Array.from({ length: this.csvScans }, (_, i) => i + 1).flatMap(scanTables);
    for (const table of ['classified', 'list_stage', 'stage', 'row_lines', ...scans]) {
      await this.db.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    }
    this.dropGood();
  }
}

interface RowFile {
  dir: string;
  path: string;
  fd: number;
  buffer: Buffer;
  bytes: number;
  rows: number;
}

function flushBuffer(f: RowFile): void {
  if (f.bytes === 0) return;
  let written = 0;
  while (written < f.bytes) written += writeSync(f.fd, f.buffer, written, f.bytes - written);
  f.bytes = 0;
}

function removeRowFile(f: RowFile): void {
  if (f.fd >= 0) {
    try {
      closeSync(f.fd);
    } catch {
      // already closed
    }
    f.fd = -1;
  }
  rmSync(f.dir, { recursive: true, force: true });
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
