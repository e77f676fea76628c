/** What every command shares: opening the workspace, printing JSON, checking options, failing clearly. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync } from 'node:fs';
import { createEngine, type Engine } from '../engine';
import { checkedEngine } from '../engine-methods';
import { describeRepair } from '../store/recovery';
import { ADDRESS_STATUSES, type AddressStatus } from '../model/status';
import { terminalJson, terminalText } from './terminal-text';

/**
 * A command that cannot do what it was asked. `exitCode` 2 is wrong usage (a bad option), 1 is
 * work that failed (a file that could not be imported, a release refused, no workspace…). The
 * message may hold several lines: each is printed as `rebond: …`.
 */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface WorkspaceOptions {
  /**
   * Create the workspace when the file does not exist. Only commands that bring data in
   * (`import`) do: anything else on a missing file is a mistyped `--db`, and would otherwise
   * leave an empty workspace behind and answer "unknown" / "nothing" as if that were true.
   */
  create?: boolean;
}

export async function withEngine<T>(dbPath: string, work: (engine: Engine) => Promise<T>, options: WorkspaceOptions = {}): Promise<T> {
  if (!options.create && !existsSync(dbPath)) {
    throw new CliFailure(`no workspace at ${dbPath} (import files first with \`rebond import --db ${dbPath} FILE…\`).`);
  }
  const engine = await createEngine({ dbPath });
  // what a crash had left half-done, and opening repaired: the person should know
  for (const repair of engine.db.repairs) printNote(`rebond: ${describeRepair(repair)}`);
  try {
    // every request checked by the method table, as the host and Electron check theirs
    return await work(checkedEngine(engine));
  } finally {
    await engine.close();
  }
}

// ------------------------------------------------------------------------------ terminal

/**
 * Where a run of `rebond` reads and writes: the process's own streams for the real command, or
 * strings for a test that calls main() in this process (starting a process per case cost more
 * than the cases). The printers below and commander's output write through it.
 */
export interface Terminal {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly stdin: NodeJS.ReadableStream;
  /** progress is drawn only on a terminal a person watches */
  readonly stderrIsTTY: boolean;
}

export const processTerminal: Terminal = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  get stdin() {
    return process.stdin;
  },
  get stderrIsTTY() {
    return process.stderr.isTTY === true;
  },
};

// per run, not a module variable: two runs at once in one process each keep their own
const runs = new AsyncLocalStorage<Terminal>();

/** The terminal of the run in progress (the process's when none was given). */
export function terminal(): Terminal {
  return runs.getStore() ?? processTerminal;
}

export function onTerminal<T>(io: Terminal, work: () => T): T {
  return runs.run(io, work);
}

// ------------------------------------------------------------------------------ printing
// The only places a command writes to the terminal. What is printed carries texts from input
// files (server replies, file and campaign names): each is escaped by terminal-text.ts here, so
// no command has to remember it (test/cli/terminal-escaping.test.ts checks no command bypasses it).

/** One JSON object on one line (C1 and other invisible controls escaped too: see terminalJson). */
export function printJson(value: unknown): void {
  terminal().stdout(terminalJson(value) + '\n');
}

/** One line for a person; a newline or control character inside it is shown escaped. */
export function print(line = ''): void {
  terminal().stdout(terminalText(line) + '\n');
}

/** One tab-separated row: a tab or newline inside a cell is escaped, so it cannot forge a column or a row. */
export function printRow(cells: readonly string[]): void {
  terminal().stdout(cells.map(terminalText).join('\t') + '\n');
}

/** A line on standard error (a count, a note), escaped like print(). */
export function printNote(line: string): void {
  terminal().stderr(terminalText(line) + '\n');
}

/** Progress on standard error, rewritten in place: the text is escaped, the carriage return is ours. */
export function printProgress(text: string): void {
  terminal().stderr(`\r${terminalText(text)}   `);
}

/** Clears the progress line (carriage return, erase to the end of the line). */
export function clearProgress(): void {
  terminal().stderr('\r\x1b[K');
}

// -------------------------------------------------------------------------------- options

/** `--at` in every command's help: how a value without a zone is read. */
export const AT_HELP = 'ISO-8601 instant, e.g. 2021-01-18T10:00:00Z or 2021-01-18T11:00+01:00 (no zone: UTC; a date alone: its midnight UTC)';

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * An ISO-8601 instant, to ISO-8601 UTC. Strict: `new Date()` alone accepts "Feb 1", rolls
 * 2021-02-30 over to 2 March and reads a zone-less time in the machine's zone. A value without
 * a zone is UTC (workspace instants are stored in UTC); a date alone is its midnight UTC.
 */
export function parseInstant(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  const fail = () =>
    new CliFailure(
      `${option}: "${value}" is not an ISO-8601 instant (e.g. 2021-01-18T10:00:00Z or 2021-01-18T11:00+01:00; without a zone it is read as UTC).`,
      2,
    );
  const m = ISO_INSTANT.exec(value.trim());
  if (!m) throw fail();
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((x) => (x === undefined ? undefined : Number(x)));
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  if (month! < 1 || month! > 12 || hour > 23 || minute > 59 || second > 59) throw fail();
  let offsetMinutes = 0;
  const zone = m[8]?.toUpperCase();
  if (zone && zone !== 'Z') {
    const [, sign, hh, mm = '00'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    if (Number(hh) > 23 || Number(mm) > 59) throw fail();
    offsetMinutes = (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm));
  }
  const time = new Date(0);
  time.setUTCFullYear(year!, month! - 1, day!); // not Date.UTC: it reads years 0–99 as 1900–1999
  if (time.getUTCMonth() !== month! - 1 || time.getUTCDate() !== day) throw fail(); // 2021-02-30
  time.setUTCHours(hour, minute, second, millis);
  return new Date(time.getTime() - offsetMinutes * 60_000).toISOString();
}

/** A whole number above 0 (`--limit`, `--campaign-size`, an import number…). */
export function parsePositiveInteger(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new CliFailure(`${option}: "${value}" must be a whole number above 0.`, 2);
  return n;
}

/** The statuses an address can be listed in (`unknown` means never seen: nothing to list). */
export const LISTABLE_STATUSES = ADDRESS_STATUSES.filter((s) => s !== 'unknown');

export function parseStatus(value: string, option = '--status'): Exclude<AddressStatus, 'unknown'> {
  const status = LISTABLE_STATUSES.find((s) => s === value);
  if (!status) throw new CliFailure(`${option}: "${value}" is not a status (${LISTABLE_STATUSES.join(' | ')}).`, 2);
  return status;
}

export function parseLang(value: string | undefined): 'fr' | 'en' | undefined {
  if (value === undefined) return undefined;
  if (value !== 'fr' && value !== 'en') throw new CliFailure(`--lang: "${value}" is not a language Rebond speaks (fr | en).`, 2);
  return value;
}

/** `--db` of `import`, the one command that creates a workspace. */
export const DB_OPTION_CREATE = ['--db <file>', 'the workspace database (a DuckDB file, created if missing)'] as const;
/** `--db` of every other command: the workspace must exist. */
export const DB_OPTION = ['--db <file>', 'the workspace database (a DuckDB file made by `rebond import`)'] as const;

/** `--dataset`: read a shared Parquet dataset instead of a workspace (issue 18; README "Share with the team"). */
export const DATASET_OPTION = ['--dataset <folder-or-url>', 'read a dataset made by `rebond export --parquet` (a folder, s3://…, md:…) instead of --db, read-only'] as const;

/** The workspace (`--db`) or the shared dataset (`--dataset`): exactly one of the two. */
export async function withWorkspaceOrDataset<T>(options: { db?: string; dataset?: string }, work: (engine: Engine) => Promise<T>): Promise<T> {
  if (options.db !== undefined && options.dataset !== undefined) throw new CliFailure('give --db FILE or --dataset FOLDER, not both.', 2);
  if (options.dataset === undefined) {
    if (options.db === undefined) throw new CliFailure("required option '--db <file>' not specified (or --dataset FOLDER to read a shared dataset).", 2);
    return withEngine(options.db, work);
  }
  let engine: Engine;
  try {
    engine = await createEngine({ dbPath: ':memory:', dataset: options.dataset });
  } catch (error) {
    throw new CliFailure((error as Error).message);
  }
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}
