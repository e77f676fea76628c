/**
 * Streams a text file line by line (transparently gunzipped), reporting bytes consumed so
 * that a long import shows progress. Never holds more than one line in memory.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { isAscii } from 'node:buffer';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';

export interface LineStreamOptions {
  gzip: boolean;
  encoding?: 'utf-8' | 'windows-1252';
  onBytes?: (bytesRead: number) => void;
}

/** A .gz input that zlib could not read to its end: the file was cut short or damaged. */
export class DamagedGzipError extends Error {
  constructor(cause: Error) {
    super(`the .gz file is damaged or truncated (${cause.message})`);
    this.name = 'DamagedGzipError';
  }
}

/** zlib's failure on a .gz input, said as such; any other error as it is. */
export function gzipFailure(error: unknown, gzip: boolean): unknown {
  return gzip && error instanceof Error && /unexpected end|incorrect header|invalid|zlib/i.test(error.message)
    ? new DamagedGzipError(error)
    : error;
}

/**
 * The file's bytes, gunzipped when `gzip`, in chunks of about a megabyte; `onBytes` hears how
 * much of the file itself has been read.
 */
export function openBytes(path: string, gzip: boolean, onBytes?: (bytesRead: number) => void): NodeJS.ReadableStream {
  const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
  if (onBytes) {
    let bytes = 0;
    file.on('data', (chunk) => onBytes((bytes += chunk.length)));
  }
  if (!gzip) return file;
  const gunzip = createGunzip();
  file.on('error', (error) => gunzip.destroy(error));
  return file.pipe(gunzip);
}

const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The file's bytes, gunzipped when `gzip`, for a reader that is done with each chunk before it
 * asks for the next: a plain file is read into one reused buffer. Scans of a whole file run
 * beside DuckDB's read on the same cores, and a read stream cost four times the processor time
 * in a fresh process (0.47 s → 0.11 s for 200 MB).
 */
export async function* byteChunks(path: string, gzip: boolean): AsyncGenerator<Buffer> {
  if (gzip) {
    yield* openBytes(path, true) as AsyncIterable<Buffer>;
    return;
  }
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

/** A plain file's bytes as `byteChunks` reads them (one reused buffer), `onBytes` hearing how far. */
async function* countedChunks(path: string, onBytes?: (bytesRead: number) => void): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of byteChunks(path, false)) {
    bytes += chunk.length;
    onBytes?.(bytes);
    yield chunk;
  }
}

export async function* readLines(path: string, options: LineStreamOptions): AsyncGenerator<string> {
  const source = openBytes(path, options.gzip, options.onBytes);
  // iconv-lite, not TextDecoder: Node 20's TextDecoder('windows-1252') reads 0x80–0x9F as latin-1
  const decoder = options.encoding === 'windows-1252' ? iconv.getDecoder('win1252') : null;
  const text = decoder ? Readable.from(decodeStream(source, decoder)) : source;
  if (!decoder) (source as NodeJS.ReadableStream & { setEncoding(e: string): void }).setEncoding('utf8');
  const lines = createInterface({ input: text, crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    // A UTF-8 byte-order mark belongs to the file, not to its first line.
    yield first && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
    first = false;
  }
}

async function* decodeStream(source: NodeJS.ReadableStream, decoder: { write(b: Buffer): string; end(): string | undefined }): AsyncGenerator<string> {
  for await (const chunk of source) {
    yield decoder.write(chunk as Buffer);
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * Faster variant of readLines for large logs: yields arrays of lines (one per chunk read), so
 * the consumer pays one await per chunk (4 MB of a plain file, about 1 MB gunzipped) instead of
 * one per line. Chunks are cut at their last newline byte before decoding (no character is ever
 * split), decoded once, and split once.
 * A damaged or truncated .gz raises an error naming the problem.
 */
export async function* readLineBatches(path: string, options: LineStreamOptions): AsyncGenerator<string[]> {
  const source = options.gzip ? openBytes(path, true, options.onBytes) : countedChunks(path, options.onBytes);
  const cp1252 = options.encoding === 'windows-1252';
  // Logs are mostly plain ASCII, where UTF-8, windows-1252 and latin1 read alike and latin1 is the
  // quickest to decode (0.25 → 0.15 s for 1,000,000 lines, split included)
  const decode = (buffer: Buffer): string =>
    isAscii(buffer) ? buffer.toString('latin1') : cp1252 ? iconv.decode(buffer, 'win1252') : buffer.toString('utf8');
  let first = true;
  const split = (text: string): string[] => {
    let lines: string[];
    if (text.indexOf('\r') < 0) lines = text.split('\n');
    else {
      // LF, CRLF and a lone CR all end a line (files pasted together from several systems mix
      // them); a CR that ends the text lost its LF where the chunk was cut
      if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
      lines = text.split(/\r\n|\r|\n/);
    }
    if (first) {
      if (lines[0].charCodeAt(0) === 0xfeff) lines[0] = lines[0].slice(1);
      first = false;
    }
    return lines;
  };
  // bytes after the last newline, kept until the next chunk brings the end of their line
  let carry: Buffer[] = [];
  try {
    for await (const data of source) {
      const chunk = data as Buffer;
      const nl = chunk.lastIndexOf(10);
      // the chunk's buffer may be reused for the next read: what is kept is copied
      if (nl < 0) {
        carry.push(Buffer.from(chunk));
        continue;
      }
      const head = carry.length > 0 ? Buffer.concat([...carry, chunk.subarray(0, nl)]) : chunk.subarray(0, nl);
      carry = nl + 1 < chunk.length ? [Buffer.from(chunk.subarray(nl + 1))] : [];
      yield split(decode(head));
    }
  } catch (error) {
    throw gzipFailure(error, options.gzip);
  }
  if (carry.length > 0) {
    const tail = Buffer.concat(carry);
    if (tail.length > 0) yield split(decode(tail));
  }
}
