/**
 * What every input format provides: recognising its own content, and turning a file into
 * staged rows. Formats never write SQL; they hand the store either a column mapping for
 * DuckDB's own CSV reader (the fast path) or a stream of StageRow values.
 */
import type { FormatId, LineError, OtherProgram } from '../contract';
import type { EventType, StageRow } from '../model/event';
import type { FileSample } from './sample';
import type { Problem } from '../model/problems';

export interface ImportOptions {
  /** IANA time zone for inputs that carry none */
  timeZone: string;
  /** year for classic syslog lines */
  year?: number;
}

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

export interface StageContext {
  file: string;
  sample: FileSample;
  options: ImportOptions;
  stage: StageWriter;
  /** a line the format could not read: counted, and the first ones listed */
  reject(error: LineError): void;
  /** a record the format skips on purpose (not an error) */
  skip(count?: number): void;
  /** bytes of the file consumed so far */
  progress(bytesRead: number): void;
  /** what the file's lines were (SPEC §11.8); the lines not counted here carried the events */
  tally(lines: LineTally): void;
}

/**
 * A format's account of the file's lines. The lines carrying events are what is left once the
 * rest is counted, so the parts always add up to the file.
 */
export interface LineTally {
  /** the file's lines; a CSV read by DuckDB leaves it out (the store counts them while DuckDB reads) */
  total?: number;
  context?: number;
  otherPrograms?: number;
  blank?: number;
  /** lines not understood beyond the one rejected per record (a JSON event written over several lines) */
  notUnderstoodBeyondRecords?: number;
  programs?: OtherProgram[];
  timeField?: string;
}

export interface FormatImporter {
  id: FormatId;
  /** a name for people: "Mailjet event export" */
  label: string;
  /** how sure this format is that it wrote the sample: 0 not mine … 1 certainly mine */
  detect(sample: FileSample): number;
  /** when no format recognises the file: what this format would need that the file lacks, if it is nearly this format's */
  explainMiss?(sample: FileSample): Problem | null;
  stage(context: StageContext): Promise<void>;
}
