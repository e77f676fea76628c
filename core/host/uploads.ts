/**
 * Files dropped in the browser reach the engine as temporary copies: streamed to disk as they
 * arrive (never held whole in memory — a Postfix log can weigh gigabytes), imported under their
 * original name, then deleted.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface Upload {
  id: string;
  path: string;
  name: string;
  bytes: number;
  receivedAt: number;
}

/** Uploads never imported (the tab was closed between upload and import) are swept after this. */
const STALE_MS = 30 * 60_000;

export class UploadArea {
  private readonly uploads = new Map<string, Upload>();
  private dir: string | null = null;

  async receive(name: string, body: Readable): Promise<Upload> {
    this.dir ??= await mkdtemp(join(tmpdir(), 'rebond-uploads-'));
    await this.sweep();
    const id = randomBytes(12).toString('hex');
    // the extension is kept for humans reading the temp folder; formats are detected by content
    const ext = /^\.[a-z0-9]{1,8}$/i.test(extname(name)) ? extname(name) : '';
    const path = join(this.dir, `${id}${ext}`);
    let bytes = 0;
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    try {
      await pipeline(body, createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    const upload: Upload = { id, path, name, bytes, receivedAt: Date.now() };
    this.uploads.set(id, upload);
    return upload;
  }

  /** takes the uploads out of the area: the caller imports them, then calls discard */
  take(ids: string[]): Upload[] {
    return ids.map((id) => {
      const upload = this.uploads.get(id);
      if (!upload) throw new Error('A dropped file is no longer available: drop it again.');
      this.uploads.delete(id);
      return upload;
    });
  }

  async discard(uploads: Upload[]): Promise<void> {
    await Promise.all(uploads.map((u) => rm(u.path, { force: true })));
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    const stale = [...this.uploads.values()].filter((u) => now - u.receivedAt > STALE_MS);
    for (const u of stale) this.uploads.delete(u.id);
    await this.discard(stale);
  }

  async close(): Promise<void> {
    this.uploads.clear();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}
