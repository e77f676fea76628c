/**
 * The browser host (`rebond serve`, end-to-end tests): the built renderer and the Engine's
 * methods over HTTP on 127.0.0.1 only, guarded by a per-run token and a Host check.
 *
 *   GET  /?token=T            sets the token cookie, then redirects to /
 *   GET  /…                   the renderer's files (dist/renderer)
 *   POST /api/<method>        one Engine method (ENGINE_METHODS only), JSON in and out
 *   GET  /host/events         server-sent events: importProgress
 *   POST /host/upload         one dropped file, streamed to a temporary file
 *   POST /host/import         import uploaded files under their original names, then delete them
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ENGINE_METHODS, type EngineApi, type EngineErrorBody, type ImportProgress, type ImportRequest } from '../contract';
import {
  allowedHost,
  allowedOrigin,
  newToken,
  requestToken,
  sameToken,
  SECURITY_HEADERS,
  tokenCookie,
} from './guard';
import { serveStatic } from './static-files';
import { UploadArea } from './uploads';

/** What the host needs from the engine: the contract plus its progress events. */
export interface HostEngine extends EngineApi {
  on(event: 'importProgress', listener: (progress: ImportProgress) => void): () => void;
}

export interface HostOptions {
  engine: HostEngine;
  /** the built renderer: dist/renderer */
  rendererDir: string;
  /** 0 (default): any free port */
  port?: number;
  /** fixed only by tests; otherwise random per run */
  token?: string;
}

export interface Host {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 10 * 1024 * 1024;
const METHODS = new Set<string>(ENGINE_METHODS);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, error: unknown): void {
  const body: EngineErrorBody = { message: error instanceof Error ? error.message : String(error) };
  const extra = error as { file?: unknown; line?: unknown };
  if (typeof extra.file === 'string') body.file = extra.file;
  if (typeof extra.line === 'number') body.line = extra.line;
  if (!res.headersSent) send(res, status, body);
  else res.end();
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  // a JSON content type cannot be sent by a plain HTML form: one more wall against cross-site posts
  if (!type.startsWith('application/json')) throw new HttpError(415, 'Requests must be JSON.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) throw new HttpError(413, 'The request is too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, 'The request is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'The request must be a JSON object.');
  return value as Record<string, unknown>;
}

const UNAUTHORISED_PAGE = `<!doctype html><meta charset="utf-8"><title>Rebond</title>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>Open Rebond with its address</h1>
<p>This page needs the one-time key that <code>rebond serve</code> printed when it started
(the address ends with <code>?token=…</code>). Copy that whole address into your browser.</p>
<p>Cette page a besoin de la clé affichée par <code>rebond serve</code> au démarrage
(l’adresse se termine par <code>?token=…</code>). Copiez l’adresse complète dans votre navigateur.</p>`;

export async function createHost(options: HostOptions): Promise<Host> {
  const { engine, rendererDir } = options;
  const token = options.token ?? newToken();
  const uploads = new UploadArea();
  const streams = new Set<ServerResponse>();
  let port = 0;

  const unsubscribe = engine.on('importProgress', (progress) => {
    const frame = `event: importProgress\ndata: ${JSON.stringify(progress)}\n\n`;
    for (const res of streams) res.write(frame);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHost(req.headers.host, port)) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Rebond answers only at 127.0.0.1 or localhost.\n');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const method = req.method ?? 'GET';

    // opening the printed address: trade the token in the URL for a cookie, and drop it from the bar
    if (method === 'GET' && url.searchParams.has('token')) {
      if (!sameToken(url.searchParams.get('token'), token)) {
        res.writeHead(401, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' });
        res.end(UNAUTHORISED_PAGE);
        return;
      }
      res.writeHead(303, { ...SECURITY_HEADERS, 'set-cookie': tokenCookie(token), location: url.pathname });
      res.end();
      return;
    }

    if (!sameToken(requestToken(req), token) || !allowedOrigin(req.headers.origin, port)) {
      if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/host/')) {
        send(res, 401, { message: 'This page is no longer connected to Rebond. Open the address printed by `rebond serve` again.' });
      } else {
        res.writeHead(401, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' });
        res.end(UNAUTHORISED_PAGE);
      }
      return;
    }

    if (url.pathname.startsWith('/api/')) {
      const name = url.pathname.slice('/api/'.length);
      if (method !== 'POST' || !METHODS.has(name)) {
        send(res, 404, { message: `Rebond has no method “${name}”.` });
        return;
      }
      const request = await readJson(req);
      const call = engine[name as keyof typeof engine] as (req: unknown) => Promise<unknown>;
      send(res, 200, await call.call(engine, request));
      return;
    }

    if (url.pathname === '/host/events' && method === 'GET') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }

    if (url.pathname === '/host/upload' && method === 'POST') {
      let name = 'file';
      try {
        name = decodeURIComponent(String(req.headers['x-file-name'] ?? 'file')) || 'file';
      } catch {
        // keep the neutral name: the file name is only a label
      }
      const upload = await uploads.receive(name.replace(/[\\/]/g, '_'), req);
      send(res, 200, { id: upload.id, path: upload.path, bytes: upload.bytes });
      return;
    }

    if (url.pathname === '/host/import' && method === 'POST') {
      const body = await readJson(req);
      const ids = Array.isArray(body.uploads) ? body.uploads.filter((id): id is string => typeof id === 'string') : [];
      if (!ids.length) throw new HttpError(400, 'No file to import.');
      const taken = uploads.take(ids);
      let summary;
      try {
        const request: ImportRequest = {
          paths: taken.map((u) => u.path),
          displayNames: taken.map((u) => u.name),
        };
        if (typeof body.format === 'string') request.format = body.format as ImportRequest['format'];
        if (typeof body.timeZone === 'string') request.timeZone = body.timeZone;
        if (typeof body.year === 'number') request.year = body.year;
        summary = await engine.importFiles(request);
      } finally {
        await uploads.discard(taken);
      }
      send(res, 200, summary);
      return;
    }

    if (method === 'GET' || method === 'HEAD') {
      if (await serveStatic(rendererDir, url.pathname, res, SECURITY_HEADERS)) return;
      if (url.pathname === '/') {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The Rebond interface is not built yet: run `npm run build`, then start `rebond serve` again.\n');
        return;
      }
    }
    res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found\n');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendError(res, error instanceof HttpError ? error.status : 500, error));
  });
  // uploads of big logs take time; the engine answers long imports in one response
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const res of streams) res.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await uploads.close();
    },
  };
}
