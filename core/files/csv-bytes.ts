/**
 * What a CSV export's bytes are like, found in one pass before DuckDB reads it: its lines, and
 * the three things DuckDB's reader cannot survive or cannot report well —
 * - line ends of several kinds (a stray CR, CRLF rows among LF rows): DuckDB takes one kind for
 *   the whole file and refuses the rest ("the CSV Parser state machine reached an invalid
 *   state"), so such a file is read from a copy whose line ends are all LF;
 * - bytes that are not UTF-8: with a wrong number of fields on the same row, DuckDB 1.5's strict
 *   read crashes with a FATAL error that invalidates the database, so such a file goes straight
 *   to the tolerant scan, which names each bad line;
 * - lines longer than DuckDB's record limit, which it reports as an unclosed quote.
 */
import { isUtf8 } from 'node:buffer';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byteChunks, gzipFailure } from './lines';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const MAX_LISTED = 10;

export interface LongLine {
  /** 1-based */
  line: number;
  /** the offset of its first byte */
  byte: number;
}

export interface CsvBytes {
  /** lines in the file, every LF, CRLF or lone CR ending one; a last line without its end counts */
  lines: number;
  /** line ends of more than one kind, or lone CRs: DuckDB must read a normalised copy */
  mixedLineEnds: boolean;
  /** some bytes are not UTF-8 (the tolerant scan names the lines) */
  notUtf8: boolean;
  /** lines (at most ten) longer than `maxLineBytes` */
  longLines: LongLine[];
}

/** The bytes of a UTF-8 character that starts with `lead`. */
function utf8Length(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

/** The number of bytes at the end of `chunk` that start a UTF-8 character the chunk does not finish. */
function unfinishedTail(chunk: Buffer): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk[chunk.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    return utf8Length(byte) > back ? back : 0;
  }
  return 0;
}

export async function inspectCsvBytes(path: string, gzip: boolean, maxLineBytes: number): Promise<CsvBytes> {
  let lf = 0;
  let crlf = 0;
  let loneCr = 0;
  let offset = 0;
  let lineStart = 0;
  let line = 1;
  let previous = -1; // the last byte of the previous chunk
  let carry: Buffer | null = null; // an unfinished UTF-8 character at the end of the previous chunk
  let notUtf8 = false;
  const longLines: LongLine[] = [];
  const endLine = (at: number) => {
    if (at - lineStart > maxLineBytes && longLines.length < MAX_LISTED) longLines.push({ line, byte: lineStart });
    line++;
    lineStart = at + 1;
  };
  try {
    for await (const chunk of byteChunks(path, gzip)) {
      if (chunk.length === 0) continue;
      if (!notUtf8) {
        // the character the previous chunk left unfinished, completed by this chunk's first bytes
        let from = 0;
        if (carry) {
          from = Math.min(chunk.length, utf8Length(carry[0]) - carry.length);
          if (!isUtf8(Buffer.concat([carry, chunk.subarray(0, from)]))) notUtf8 = true;
        }
        const tail = unfinishedTail(chunk.subarray(from));
        if (!isUtf8(chunk.subarray(from, chunk.length - tail))) notUtf8 = true;
        carry = tail > 0 ? Buffer.from(chunk.subarray(chunk.length - tail)) : null;
      }
      // line ends: LF (after a CR or not), and CRs that no LF follows
      for (let i = chunk.indexOf(CR); i !== -1; i = chunk.indexOf(CR, i + 1)) {
        const next = i + 1 < chunk.length ? chunk[i + 1] : -2; // -2: decided with the next chunk
        if (next === LF) continue;
        if (next === -2) break;
        loneCr++;
        endLine(offset + i);
      }
      if (previous === CR && chunk[0] !== LF) {
        loneCr++;
        endLine(offset - 1);
      }
      for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) {
        const before = i > 0 ? chunk[i - 1] : previous;
        if (before === CR) crlf++;
        else lf++;
        endLine(offset + i);
      }
      previous = chunk[chunk.length - 1];
      offset += chunk.length;
    }
  } catch (error) {
    throw gzipFailure(error, gzip);
  }
  if (previous === CR) {
    loneCr++;
    endLine(offset - 1);
  }
  if (carry) notUtf8 = true; // the file ends inside a character
  if (offset > lineStart) endLine(offset);
  let lines = line - 1;
  if (loneCr > 0) {
    // a CR inside a quoted value is the value's (a server text may hold one): only those outside
    // quotes end lines. Rare enough to pay a byte-by-byte pass.
    const outside = await loneCrsOutsideQuotes(path, gzip);
    lines -= loneCr - outside;
    loneCr = outside;
  }
  const kinds = (lf > 0 ? 1 : 0) + (crlf > 0 ? 1 : 0) + (loneCr > 0 ? 1 : 0);
  return {
    lines,
    mixedLineEnds: kinds > 1 || loneCr > 0,
    notUtf8,
    longLines,
  };
}

/** The lone CRs (no LF after them) outside double quotes, where `""` is a quote inside quotes. */
async function loneCrsOutsideQuotes(path: string, gzip: boolean): Promise<number> {
  let quoted = false;
  let pendingCr = false;
  let count = 0;
  for await (const chunk of byteChunks(path, gzip)) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (pendingCr && byte !== LF) count++;
      pendingCr = false;
      if (byte === QUOTE) quoted = !quoted;
      else if (byte === CR && !quoted) pendingCr = true;
    }
  }
  return pendingCr ? count + 1 : count;
}

/**
 * A copy of the file whose line ends are all LF (CRLF and lone CR become LF), uncompressed: each
 * line keeps its number. The caller removes `dir`.
 */
export async function normalisedCopy(path: string, gzip: boolean): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'rebond-lines-'));
  const copy = join(dir, 'normalised.csv');
  const out = await open(copy, 'w');
  let quoted = false;
  let crBecameLf = false; // the last byte was a CR outside quotes, written as LF
  try {
    for await (const chunk of byteChunks(path, gzip)) {
      const bytes = Buffer.from(chunk); // byteChunks reuses its buffer
      let write = 0;
      for (let read = 0; read < bytes.length; read++) {
        const byte = bytes[read];
        const afterCr = crBecameLf;
        crBecameLf = false;
        // a quoted value keeps its bytes: a CR or CRLF inside it is the value's
        if (byte === QUOTE) quoted = !quoted;
        else if (!quoted && byte === CR) {
          bytes[write++] = LF;
          crBecameLf = true;
          continue;
        } else if (!quoted && byte === LF && afterCr) continue; // CRLF: its CR became the LF
        bytes[write++] = byte;
      }
      await out.write(bytes, 0, write);
    }
  } catch (error) {
    await out.close();
    await rm(dir, { recursive: true, force: true });
    throw gzipFailure(error, gzip);
  }
  await out.close();
  return { dir, path: copy };
}
