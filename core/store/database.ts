/**
 * The workspace database: one DuckDB file per workspace. Opening runs the migrations; the
 * connection is the only way any other room reaches SQL.
 */
import { DuckDBConnection, DuckDBInstance, type DuckDBPreparedStatement, type DuckDBValue } from '@duckdb/node-api';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { repairWorkspace, type Repair } from './recovery';
import { createSpillFolder, removeSpillFolder, sweepSpillFolders } from './spill';
import { isFatalDatabaseError } from './plain-errors';

export class StoreError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

export type Row = Record<string, unknown>;

/** Hot queries (an address's story) are planned once and reused. */
const PREPARED_CACHE_SIZE = 32;

export class Database {
  private readonly prepared = new Map<string, DuckDBPreparedStatement>();
  /** small answers kept between calls until something writes (see `remember`) */
  private readonly memory = new Map<string, unknown>();
  /**
   * The threads DuckDB uses, set when the workspace is opened (`configure`). `leaveACore` takes one
   * away while JavaScript parses a log beside DuckDB's work (the staging of chunks, staging.ts), and
   * `useEveryThread` gives it back.
   */
  private threads = 1;

  /** a statement raised a FATAL error: DuckDB refuses everything until `recover` reopens it */
  broken = false;

  /** what the last opening found half-done after a crash, and repaired */
  repairs: Repair[] = [];

  private constructor(
    readonly path: string,
    private instance: DuckDBInstance,
    private current: DuckDBConnection,
    /** DuckDB spills here past its memory limit (spill.ts); removed at close */
    private spill: string,
  ) {}

  /** where DuckDB spills past its memory limit */
  get spillFolder(): string {
    return this.spill;
  }

  /** The connection: replaced when the database is reopened after a fatal error (`recover`). */
  get connection(): DuckDBConnection {
    return this.current;
  }

  static async open(path: string): Promise<Database> {
    sweepSpillFolders(path);
    const spill = createSpillFolder();
    let instance: DuckDBInstance;
    try {
      // the spill folder is set before anything runs: DuckDB's default, `<workspace>.tmp`, sits
      // beside the workspace and stayed behind after a crash
      instance = await DuckDBInstance.create(path, { temp_directory: spill });
    } catch (error) {
      removeSpillFolder(spill);
      throw new StoreError(`Cannot open the workspace database ${path}: ${(error as Error).message}`, path);
    }
    const connection = await instance.connect();
    const db = new Database(path, instance, connection, spill);
    try {
      await db.configure();
      await db.migrate();
      db.repairs = await repairWorkspace(db);
    } catch (error) {
      // a refused file (newer schema…) must not stay locked by this process
      db.closeQuietly();
      throw error;
    }
    return db;
  }

  private async configure(): Promise<void> {
    const connection = this.current;
    {
      // Every instant is stored and returned in UTC; zones are applied where the user sees them.
      await connection.run(`SET TimeZone = 'UTC'`);
      const threads = threadsSetting();
      if (threads !== null) await connection.run(`SET threads = ${threads}`);
      // as DuckDB took it (REBOND_THREADS, or its own one per core): what `useEveryThread` gives back
      this.threads = Number((await connection.runAndReadAll(`SELECT current_setting('threads')`)).getRows()[0][0]);
      // A desktop app shares the machine: DuckDB spills to disk past this rather than take 80 % of
      // the memory (its default); a 1,000,000-event import then peaks near 800 MB in all.
      await connection.run(`SET memory_limit = '512MB'`);
      // No FSST string compression: reading a few rows back decompresses FSST blocks, and one
      // address's events took p50 9 / p95 22 ms to read with it, 3 / 6 ms without (1,000,000
      // events). Dictionaries alone make the file about 10 % larger.
      await connection.run(`SET disabled_compression_methods = 'fsst,dict_fsst'`);
      // lets long imports report how far DuckDB is (connection.progress), without printing a bar
      await connection.run(`SET enable_progress_bar = true`);
      await connection.run(`SET enable_progress_bar_print = false`);
    }
  }

  /**
   * The parser of a Postfix or Exim log runs on the main thread while DuckDB normalises the lines
   * already read. On two cores, DuckDB's second thread took time from the parser: staging
   * 5,000,000 Postfix lines took 0.1–1.6 s less with one thread, in six runs beside six without
   * (`REBOND_PROFILE=1 rebond import`, 8.4–9.7 s). One thread keeps up with the parser: a chunk of
   * 100,000 rows takes it about 0.45 s, the parser about 0.65 s.
   */
  async leaveACore(): Promise<void> {
    if (this.threads > 1) await this.current.run(`SET threads = ${this.threads - 1}`);
  }

  async useEveryThread(): Promise<void> {
    if (this.threads > 1) await this.current.run(`SET threads = ${this.threads}`);
  }

  /**
   * After a FATAL DuckDB error (an internal error, a full disk) the instance refuses every
   * statement until it is restarted: close it and open the workspace again, which replays what
   * was committed and drops what was not. True when it had to.
   */
  async recover(): Promise<boolean> {
    try {
      await this.current.run('SELECT 1');
      return false;
    } catch (error) {
      if (!isFatalDatabaseError(error)) return false;
    }
    this.closeQuietly();
    this.memory.clear();
    this.broken = false;
    this.spill = createSpillFolder();
    this.instance = await DuckDBInstance.create(this.path, { temp_directory: this.spill });
    this.current = await this.instance.connect();
    await this.configure();
    this.repairs = [...this.repairs, ...(await repairWorkspace(this))];
    return true;
  }

  /** Notes a FATAL error on the way through, so that the engine reopens the database before the next call. */
  private watch<T>(work: Promise<T>): Promise<T> {
    return work.catch((error: unknown) => {
      if (isFatalDatabaseError(error)) this.broken = true;
      throw error;
    });
  }

  async all<T = Row>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<T[]> {
    const reader = await this.watch(this.current.runAndReadAll(sql, params));
    return reader.getRowObjectsJS() as T[];
  }

  /** Like `all`, for a query run again and again with other values: planned once. */
  async allPrepared<T = Row>(sql: string, params: DuckDBValue[]): Promise<T[]> {
    return (await this.runPrepared(sql, params)).getRowObjectsJS() as T[];
  }

  /**
   * Like `allPrepared`, as columns of DuckDB's own values (text, number, bigint, boolean, null):
   * a row object per value cost more than the query itself on an address's 1,000 events.
   */
  async columnsPrepared(sql: string, params: DuckDBValue[]): Promise<DuckDBValue[][]> {
    return (await this.runPrepared(sql, params)).getColumns();
  }

  private async runPrepared(sql: string, params: DuckDBValue[]) {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = await this.connection.prepare(sql);
      if (this.prepared.size >= PREPARED_CACHE_SIZE) {
        const oldest = this.prepared.keys().next().value as string;
        this.prepared.get(oldest)?.destroySync();
        this.prepared.delete(oldest);
      }
      this.prepared.set(sql, statement);
    }
    statement.bind(params);
    return this.watch(statement.runAndReadAll());
  }

  async one<T = Row>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** A statement that may write: what `remember` kept is forgotten. */
  async run(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<number> {
    this.memory.clear();
    const result = await this.watch(this.current.run(sql, params));
    return Number(result.rowsChanged);
  }

  /**
   * `run` without DuckDB's common-subexpression optimizer, for the import's normalising COPY: each
   * column is one long expression, repeated wherever the query's CTEs are inlined, and planning it
   * was most of a small file's import. For a 12-line Mailjet export the COPY took 35 ms, 33 of
   * them planning and 10 of those in that one optimizer; at 1,000,000 events the import took as
   * long without it (`rebond import` with one thread, three runs beside three).
   */
  async runWithoutCommonSubexpressions(sql: string, params?: DuckDBValue[]): Promise<number> {
    await this.current.run(`SET disabled_optimizers = 'common_subexpressions'`);
    try {
      return await this.run(sql, params);
    } finally {
      await this.current.run(`RESET disabled_optimizers`);
    }
  }

  /** Runs `work` in one transaction: everything or nothing (atomic imports). */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.current.run('BEGIN TRANSACTION');
    try {
      const result = await work();
      await this.current.run('COMMIT');
      return result;
    } catch (error) {
      await this.current.run('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.memory.clear();
    }
  }

  /**
   * A small answer about the workspace (the list of imports, the released addresses…), kept
   * until the next statement that may write (`run`) or the end of a transaction, which may roll
   * back what was read inside it: an address lookup then costs one query instead of four.
   */
  async remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.memory.has(key)) return this.memory.get(key) as T;
    const value = await compute();
    this.memory.set(key, value);
    return value;
  }

  async schemaVersion(): Promise<number> {
    const table = await this.one<{ n: bigint }>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'schema_version'`,
    );
    if (!table || Number(table.n) === 0) return 0;
    const row = await this.one<{ v: number | null }>(`SELECT max(version) AS v FROM schema_version`);
    return row?.v ?? 0;
  }

  private async migrate(): Promise<void> {
    const current = await this.schemaVersion();
    if (current > SCHEMA_VERSION) {
      this.closeQuietly();
      throw new StoreError(
        `The workspace ${this.path} was written by a newer Rebond (schema version ${current}; this one knows up to ${SCHEMA_VERSION}). ` +
          `It was not changed. Update Rebond to open it.`,
        this.path,
      );
    }
    if (current === SCHEMA_VERSION) return;
    await this.transaction(async () => {
      await this.current.run(
        `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, migrated_at TIMESTAMPTZ NOT NULL)`,
      );
      for (const migration of MIGRATIONS) {
        if (migration.version <= current) continue;
        for (const statement of migration.sql) await this.current.run(statement);
        await this.current.run(`INSERT INTO schema_version VALUES ($1, now())`, [migration.version]);
      }
    });
  }

  private closeQuietly(): void {
    for (const statement of this.prepared.values()) {
      try {
        statement.destroySync();
      } catch {
        // its connection is gone
      }
    }
    this.prepared.clear();
    try {
      this.current.closeSync();
      this.instance.closeSync();
    } catch {
      // already closed
    }
    removeSpillFolder(this.spill);
  }

  async close(): Promise<void> {
    // Write the WAL into the file so that the workspace is one self-contained file.
    await this.current.run('CHECKPOINT').catch(() => undefined);
    this.closeQuietly();
  }
}

/**
 * REBOND_THREADS caps the threads DuckDB uses (its default: one per core), for a machine that runs
 * other work beside Rebond. The test suite runs two files at once on two cores and sets it to 1:
 * with two threads each, DuckDB's workers waited on one another and the same small imports took
 * about a fifth more processor time.
 */
function threadsSetting(): number | null {
  const value = process.env.REBOND_THREADS;
  if (value === undefined || value === '') return null;
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1 || threads > 1024) {
    throw new StoreError(`REBOND_THREADS must be a whole number of threads from 1 to 1024, not "${value}".`);
  }
  return threads;
}
