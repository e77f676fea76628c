/**
 * Files dropped in the browser reach the engine as temporary copies: streamed to disk as they
 * arrive (never held whole in memory — a Postfix log can weigh gigabytes), imported under their
 * original name, then deleted. Copies never imported (the tab was closed between upload and
 * import) are swept after a while, so a long-running `rebond serve` does not fill the disk; there
 * are never more than a set number of them waiting, and all are deleted when the host stops.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { problem, ProblemError } from '../model/problems';
import { wordProblem } from '../model/problem-words';
import { HttpError } from './public-errors';

export interface Upload {
  id: string;
  path: string;
  name: string;
  bytes: number;
  receivedAt: number;
}

export interface UploadLimits {
  /** one file's size; a bigger one is refused with 413 (default 4 GiB: mail logs are big) */
  maxBytes?: number;
  /** an upload not imported within this time is deleted (default 30 minutes) */
  staleMs?: number;
  /** uploads waiting for their import (or still arriving) at once; one more is refused with 429 */
  maxPending?: number;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024 ** 3;
const DEFAULT_STALE_MS = 30 * 60_000;
/** the page sends a drop's files one by one, then imports them together: a generous drop, bounded */
export const DEFAULT_MAX_PENDING_UPLOADS = 500;
/** what the browser sends as the file name is a label only: short, on one line */
const MAX_NAME_LENGTH = 255;

const UPLOAD_GONE = problem('upload.gone', {});
const STOPPING = problem('host.stopping', {});

function sizeInWords(bytes: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'KB'],
  ];
  for (const [size, unit] of units) if (bytes >= size) return `${+(bytes / size).toFixed(1)} ${unit}`;
  return `${bytes} bytes`;
}

function tooMany(maxPending: number, staleMs: number): HttpError {
  return new HttpError(429, problem('upload.tooMany', { max: maxPending, minutes: Math.round(staleMs / 60_000) }));
}

function tooBig(maxBytes: number): HttpError {
  return new HttpError(413, problem('upload.tooBig', { size: sizeInWords(maxBytes) }));
}

/** The X-File-Name header (URI-encoded by the page) as a display name: no folders, no control characters. */
export function uploadName(header: string | string[] | undefined): string {
  let name = 'file';
  try {
    name = decodeURIComponent(String(header ?? 'file'));
  } catch {
    // keep the neutral name: the file name is only a label
  }
  name = name.replace(/[\\/]/g, '_').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return name.slice(0, MAX_NAME_LENGTH) || 'file';
}

export class UploadArea {
  private readonly uploads = new Map<string, Upload>();
  /** made at the first upload; a promise, so that two first uploads share one folder */
  private dir: Promise<string> | null = null;
  /** uploads still arriving, and taken for an import not finished: on disk, so counted too */
  private arriving = 0;
  private importing = 0;
  private closed = false;
  private readonly maxBytes: number;
  private readonly staleMs: number;
  private readonly maxPending: number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(limits: UploadLimits = {}) {
    this.maxBytes = limits.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
    this.staleMs = limits.staleMs ?? DEFAULT_STALE_MS;
    this.maxPending = limits.maxPending ?? DEFAULT_MAX_PENDING_UPLOADS;
    // an idle server sweeps too: nobody may upload again to trigger it
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), Math.min(this.staleMs, 5 * 60_000));
    this.sweeper.unref();
  }

  /** @param declaredBytes the request's Content-Length, when it has one: refused before reading */
  async receive(name: string, body: Readable, declaredBytes?: number): Promise<Upload> {
    if (this.closed) throw new HttpError(503, STOPPING);
    if (declaredBytes !== undefined && declaredBytes > this.maxBytes) throw tooBig(this.maxBytes);
    await this.sweep();
    if (this.uploads.size + this.arriving + this.importing >= this.maxPending) throw tooMany(this.maxPending, this.staleMs);
    this.arriving++;
    try {
      return await this.copy(name, body);
    } finally {
      this.arriving--;
    }
  }

  /** how many uploads wait for their import */
  get pending(): number {
    return this.uploads.size;
  }

  private async copy(name: string, body: Readable): Promise<Upload> {
    this.dir ??= mkdtemp(join(tmpdir(), 'rebond-uploads-'));
    const dir = await this.dir;
    const id = randomBytes(12).toString('hex');
    // the extension is kept for humans reading the temp folder; formats are detected by content
    const ext = /^\.[a-z0-9]{1,8}$/i.test(extname(name)) ? extname(name) : '';
    const path = join(dir, `${id}${ext}`);
    let bytes = 0;
    const maxBytes = this.maxBytes;
    // counts while it copies: a body without Content-Length (chunked) is stopped at the limit
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > maxBytes) done(tooBig(maxBytes));
        else done(null, chunk);
      },
    });
    // the body is piped, not pipelined: at the size limit it must stay open to carry the 413 back
    const copy = pipeline(counter, createWriteStream(path, { flags: 'wx' }));
    const interrupted = () => {
      if (!body.readableEnded) {
        const cut = problem('upload.interrupted', { file: name });
        counter.destroy(new ProblemError(cut, wordProblem(cut, 'en')));
      }
    };
    body.once('close', interrupted);
    // stays attached: a body that fails after a refusal must not become an unhandled 'error'
    body.on('error', interrupted);
    body.pipe(counter);
    // a tab closed while the folder was being made: 'close' came before anyone listened
    if (body.destroyed) interrupted();
    try {
      await copy;
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    } finally {
      body.unpipe(counter);
      body.off('close', interrupted);
    }
    const upload: Upload = { id, path, name, bytes, receivedAt: Date.now() };
    // the host stopped while this file arrived: its folder is gone or going, keep nothing
    if (this.closed) {
      await rm(path, { force: true });
      throw new HttpError(503, STOPPING);
    }
    this.uploads.set(id, upload);
    return upload;
  }

  /**
   * Takes the uploads out of the area (the caller imports them, then calls finished), or none of
   * them: an unknown or expired id is refused with 410, and the others stay for a retry.
   */
  take(ids: string[]): Upload[] {
    const now = Date.now();
    const unique = [...new Set(ids)];
    const found = unique.map((id) => this.uploads.get(id));
    if (found.some((u) => !u || now - u.receivedAt > this.staleMs)) throw new HttpError(410, UPLOAD_GONE);
    for (const id of unique) this.uploads.delete(id);
    this.importing += unique.length;
    return found as Upload[];
  }

  /** The import of uploads from take is over, well or not: their copies go. */
  async finished(taken: Upload[]): Promise<void> {
    this.importing -= taken.length;
    await this.discard(taken);
  }

  /** The page gave up on these uploads (a later file of the same drop was refused): delete them now. */
  async release(ids: string[]): Promise<number> {
    const found = [...new Set(ids)].map((id) => this.uploads.get(id)).filter((u): u is Upload => u !== undefined);
    for (const u of found) this.uploads.delete(u.id);
    await this.discard(found);
    return found.length;
  }

  async discard(uploads: Upload[]): Promise<void> {
    await Promise.all(uploads.map((u) => rm(u.path, { force: true })));
  }

  /** deletes the uploads older than staleMs; the ones taken for an import are no longer here */
  async sweep(now: number = Date.now()): Promise<void> {
    const stale = [...this.uploads.values()].filter((u) => now - u.receivedAt > this.staleMs);
    for (const u of stale) this.uploads.delete(u.id);
    await this.discard(stale);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    this.uploads.clear();
    const dir = this.dir;
    this.dir = null;
    if (dir) await rm(await dir, { recursive: true, force: true });
  }
}
