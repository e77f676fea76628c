/**
 * Line numbers for CSV records. DuckDB's reader numbers accepted rows only by their order, so a
 * row's line in the file is its order plus the header's line — until a file holds blank lines
 * or a quoted value that spans lines. The file's lines, counted in the byte pass (csv-bytes.ts),
 * tell the two cases apart cheaply; only the unusual file pays for a scan that finds where each
 * record starts.
 */
import { byteChunks } from './lines';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const QUOTE = 0x22;

export interface RecordStarts {
  /** the 1-based line each record starts on, in file order */
  lines: number[];
  /** the byte offset each record starts at (DuckDB names rejected records by it) */
  bytes: number[];
  /**
   * the newlines inside each record's quotes, by record: the lines after the record's first
   * that were read as part of one of its values (a stray quote closed lines later is valid CSV)
   */
  quotedNewlines: number[];
}

/**
 * Where each record starts, read as DuckDB reads it: blank lines are not records, and a newline
 * inside double quotes (`""` is a quote inside quotes) belongs to the value.
 */
export async function recordStarts(path: string, gzip = false): Promise<RecordStarts> {
  const lines: number[] = [];
  const bytes: number[] = [];
  const quotedNewlines: number[] = [];
  let line = 1;
  let offset = 0;
  let quoted = false;
  let atRecordStart = true;
  for await (const chunk of byteChunks(path, gzip)) {
    for (let i = 0; i < chunk.length; i++, offset++) {
      const byte = chunk[i];
      if (atRecordStart) {
        if (byte === NEWLINE) {
          line++;
          continue;
        }
        if (byte === CARRIAGE_RETURN) continue;
        lines.push(line);
        bytes.push(offset);
        quotedNewlines.push(0);
        atRecordStart = false;
      }
      if (byte === QUOTE) quoted = !quoted;
      else if (byte === NEWLINE) {
        line++;
        if (!quoted) atRecordStart = true;
        else quotedNewlines[quotedNewlines.length - 1]++;
      }
    }
  }
  return { lines, bytes, quotedNewlines };
}
