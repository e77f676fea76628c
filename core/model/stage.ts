/**
 * What a format hands the import: a column mapping for DuckDB's own CSV reader (the fast path),
 * rows, or the entries of a list kept by a previous tool. The formats fill it and the store reads
 * it, so it lives here, below both.
 */
import type { EventType, StageRow } from './event';

/**
 * A CSV file read by DuckDB itself. Every field names a header column as written in the file;
 * values are mapped by meaning through data tables, not code.
 */
export interface CsvStageSpec {
  delimiter: string;
  /** the header as written in the file: DuckDB is told the columns rather than guessing them */
  columns: string[];
  /** the header's line in the file (1 unless blank lines come first) */
  headerLine?: number;
  /** the file is gzip-compressed whatever its name */
  gzip?: boolean;
  /** the source's time column and how its values are written */
  time: { column: string; kind: 'unix-or-iso' | 'iso-offset' };
  address: string;
  type: {
    column: string;
    /** lower-cased source value -> event type */
    map: Record<string, EventType>;
    /** a boolean column that turns a bounce into a hard one (Mailjet `hard_bounce`) */
    hardFlag?: { column: string; when: EventType; then: EventType };
    /**
     * a status column whose class (first character: 2, 4, 5) refines the type: `map` may then
     * hold `value:class` keys, which win over `value` (PowerMTA `b:4` → soft_bounce)
     */
    classColumn?: string;
  };
  /** first non-empty of these columns is the server's text */
  diagnostic?: string[];
  /** drop a leading RFC 3464 diagnostic type (`smtp;550 …` → `550 …`) from the text */
  stripDiagnosticType?: boolean;
  /** a column that starts with the enhanced status code (`5.1.1 (bad destination mailbox address)`) */
  enhancedCode?: string;
  messageId?: string;
  /** first non-empty (and not "0") of these columns */
  campaign?: string[];
  /** the message's subject line (first non-empty of these columns); not part of the event's identity */
  subject?: string[];
  sender?: string;
  relay?: string;
  /** `prefix:` + the non-empty columns joined by `/`, lower-cased: the classifier's source hint */
  hint?: { prefix: string; columns: string[] };
  /** seconds between queueing and the outcome, from two time columns (PowerMTA) */
  delayFrom?: { queuedColumn: string };
}

export interface StageWriter {
  /** Loads a CSV file through DuckDB's reader according to `spec`; bad lines are collected. */
  stageCsv(file: string, spec: CsvStageSpec): Promise<void>;
  /** Adds one row; rows are buffered to a temporary file and bulk-loaded. */
  add(row: StageRow): void;
  /**
   * Adds an entry of a list kept by a previous tool (seed 002 imported quarantine history,
   * AssoConnect "Emails identifiés comme invalides"): it becomes a period whose source is this
   * import, and goes away with it.
   */
  addListEntry(entry: ListEntry): void;
}

export interface ListEntry {
  address: string;
  status: 'long_quarantine' | 'soft_quarantine' | 'blacklisted' | 'invalid' | 'unsubscribed';
  since: Date;
  line: number;
}

/** The steps of storing a staged file, in order: the import's progress is timed by them. */
export type ImportStep = 'load' | 'normalise' | 'classify' | 'insert' | 'finish';

export interface StepListener {
  /** `step` starts now, with `rows` staged rows to work through */
  enter(step: ImportStep, rows: number): void;
}
