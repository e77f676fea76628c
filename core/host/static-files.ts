/** Serves the built renderer (dist/renderer) — never a file outside it, and never a crash on a bad read. */
import { open, realpath, type FileHandle } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** open() failures that mean "no such file here": answered 404, like a path that was never there */
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ELOOP', 'ENAMETOOLONG']);

function inside(base: string, file: string): boolean {
  return file === base || file.startsWith(base + sep);
}

/** The file for a URL path inside root, or null when it would leave root. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const file = resolve(join(base, relative));
  return inside(base, file) ? file : null;
}

/** Opens the file, following links only as far as root: a symbolic link out of it is not served. */
async function openInside(root: string, file: string): Promise<FileHandle | null> {
  let real: string;
  try {
    real = await realpath(file);
    if (!inside(await realpath(root), real)) return null;
    return await open(real, 'r');
  } catch (error) {
    if (MISSING.has((error as NodeJS.ErrnoException).code ?? '')) return null;
    throw error;
  }
}

/**
 * Answers a GET or HEAD for one of root's files. false: there is no such file (the caller
 * answers 404). A file that exists but cannot be read is answered 500; a read that fails once
 * the answer has started cuts the connection, which the browser reports as a failed load.
 */
export async function serveStatic(
  root: string,
  urlPath: string,
  method: string,
  res: ServerResponse,
  headers: Record<string, string>,
): Promise<boolean> {
  const file = resolveStatic(root, urlPath);
  if (!file) return false;
  let handle: FileHandle | null = null;
  let size: number;
  try {
    handle = await openInside(root, file);
    if (!handle) return false;
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      return false;
    }
    size = info.size;
  } catch {
    await handle?.close().catch(() => undefined);
    res.writeHead(500, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('This part of the Rebond interface could not be read.\n');
    return true;
  }
  res.writeHead(200, {
    ...headers,
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': String(size),
    // hashed assets may be cached; the page itself is re-read so a rebuild shows at once
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'private, max-age=3600',
  });
  if (method === 'HEAD') {
    await handle.close();
    res.end();
    return true;
  }
  try {
    // pipeline closes the file and the response on either side's error (a read error, a closed tab)
    await pipeline(handle.createReadStream(), res);
  } catch {
    // the status line is gone already: the cut connection is the answer
  }
  return true;
}
