/**
 * Line numbers for CSV records. DuckDB's reader numbers accepted rows only by their order, so a
 * row's line in the file is its order plus the header's line — until a file holds blank lines
 * or a quoted value that spans lines. Counting the file's lines tells the two cases apart
 * cheaply; only the unusual file pays for a scan that finds where each record starts.
 */
import { open } from 'node:fs/promises';
import { gzipFailure, openBytes } from '../formats/lines';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const QUOTE = 0x22;

/** The number of lines in the file; a last line without its newline counts. A damaged .gz throws DamagedGzipError. */
export async function countLines(path: string, gzip = false): Promise<number> {
  let newlines = 0;
  let last = NEWLINE;
  try {
    for await (const chunk of gzip ? (openBytes(path, true) as AsyncIterable<Buffer>) : plainChunks(path)) {
      let i = -1;
      while ((i = chunk.indexOf(NEWLINE, i + 1)) !== -1) newlines++;
      if (chunk.length > 0) last = chunk[chunk.length - 1];
    }
  } catch (error) {
    throw gzipFailure(error, gzip);
  }
  return last === NEWLINE ? newlines : newlines + 1;
}

const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * A plain file's bytes, in one reused buffer: each chunk is valid until the next is asked for.
 * Counting runs beside DuckDB's read on the same cores, and a read stream cost four times the
 * processor time in a fresh process (0.47 s → 0.11 s for 200 MB).
 */
async function* plainChunks(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

export interface RecordStarts {
  /** the 1-based line each record starts on, in file order */
  lines: number[];
  /** the byte offset each record starts at (DuckDB names rejected records by it) */
  bytes: number[];
}

/**
 * Where each record starts, read as DuckDB reads it: blank lines are not records, and a newline
 * inside double quotes (`""` is a quote inside quotes) belongs to the value.
 */
export async function recordStarts(path: string, gzip = false): Promise<RecordStarts> {
  const lines: number[] = [];
  const bytes: number[] = [];
  let line = 1;
  let offset = 0;
  let quoted = false;
  let atRecordStart = true;
  for await (const chunk of openBytes(path, gzip) as AsyncIterable<Buffer>) {
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
        atRecordStart = false;
      }
      if (byte === QUOTE) quoted = !quoted;
      else if (byte === NEWLINE) {
        line++;
        if (!quoted) atRecordStart = true;
      }
    }
  }
  return { lines, bytes };
}
