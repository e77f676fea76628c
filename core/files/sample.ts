/**
 * The first bytes of a file, decoded, so that formats can be recognised from content
 * (never from the file name) and bad files refused before anything is written.
 */
import { open, stat } from 'node:fs/promises';
import { constants, gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { problem, ProblemError, type Problem } from '../model/problems';
import { wordProblem } from '../model/problem-words';

export const SAMPLE_BYTES = 64 * 1024;

export interface FileSample {
  path: string;
  size: number;
  gzip: boolean;
  /** the decoded start of the file, BOM removed */
  text: string;
  /** complete lines of `text` (the last, possibly cut, line is dropped when the file is longer) */
  lines: string[];
  encoding: 'utf-8' | 'windows-1252';
  bom: boolean;
}

/** A file refused before anything is written; its problem names the file by the path it was read at. */
export class UnreadableFileError extends ProblemError {
  constructor(p: Problem) {
    super(p, wordProblem(p, 'en'));
  }
}

export async function readSample(path: string): Promise<FileSample> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UnreadableFileError(problem('file.isFolder', { file: path }));
    size = info.size;
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(fsProblem(path, error));
  }
  if (size === 0) throw new UnreadableFileError(problem('file.empty', { file: path }));
  const handle = await open(path, 'r');
  let raw: Buffer;
  try {
    const buffer = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    raw = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const gzip = raw[0] === 0x1f && raw[1] === 0x8b;
  let bytes = raw;
  if (gzip) bytes = gunzipPrefix(path, raw);
  if (looksBinary(bytes)) {
    throw new UnreadableFileError(problem(gzip ? 'file.notTextInGzip' : 'file.notText', { file: path }));
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom) bytes = bytes.subarray(3);
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // Invalid UTF-8 in a short sample with no BOM: French Excel exports are Windows-1252.
  const invalid = (utf8.match(/\uFFFD/g) ?? []).length;
  const encoding = !bom && invalid > 0 && invalid * 50 > utf8.length / 100 ? 'windows-1252' : 'utf-8';
  // iconv-lite, not TextDecoder: Node 20's TextDecoder('windows-1252') reads 0x80–0x9F as latin-1 (’ € œ lost)
  const text = encoding === 'utf-8' ? utf8 : iconv.decode(Buffer.from(bytes), 'win1252');
  const cut = raw.length < size || gzip;
  const lines = text.split(/\r?\n/);
  if (cut && lines.length > 1) lines.pop();
  return { path, size, gzip, text, lines: lines.filter((l, i) => l.length > 0 || i < lines.length - 1), encoding, bom };
}

function gunzipPrefix(path: string, compressed: Buffer): Buffer {
  // Only the sample is decompressed here; importers stream the whole file.
  try {
    return gunzipSync(compressed, { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, SAMPLE_BYTES);
  } catch {
    throw new UnreadableFileError(problem('file.damagedGzip', { file: path }));
  }
}

/** NUL bytes or many control characters: an image renamed .csv, a zip, a database… */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > n * 0.02;
}

function fsProblem(path: string, error: unknown): Problem {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return problem('file.missing', { file: path });
  if (code === 'EACCES' || code === 'EPERM') return problem('file.denied', { file: path });
  if (code === 'EISDIR') return problem('file.isFolder', { file: path });
  return problem('file.unreadable', { file: path, detail: code ?? (error as Error).message });
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return (error as Error).message;
}
