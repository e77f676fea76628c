/**
 * What every input format provides: recognising its own content, and turning a file into
 * staged rows. Formats never write SQL; they hand the store either a column mapping for
 * DuckDB's own CSV reader (the fast path) or a stream of StageRow values.
 */
import type { FormatId, LineError, OtherProgram, QuotedValueLines } from '../model/imports';
import type { StageWriter } from '../model/stage';
import type { FileSample } from '../files/sample';

export type { CsvStageSpec, ListEntry, StageWriter } from '../model/stage';
import type { Problem } from '../model/problems';

export interface ImportOptions {
  /** IANA time zone for inputs that carry none */
  timeZone: string;
  /** year for classic syslog lines */
  year?: number;
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
  /** a CSV export's lines read inside quoted values, and the first records they belong to (the store finds them) */
  quoted?: number;
  quotedValues?: QuotedValueLines[];
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
