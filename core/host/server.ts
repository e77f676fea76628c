/**
 * The browser host (`rebond serve`, end-to-end tests): the built renderer and the Engine's
 * methods over HTTP on 127.0.0.1 only, guarded by a per-run token and a Host check.
 *
 *   GET  /?token=T            sets the token cookie, then redirects to /
 *   GET  /…                   the renderer's files (dist/renderer)
 *   POST /api/<method>        one Engine method, JSON in and out, its request checked (requests.ts);
 *                             not importFiles: a page never names files on this machine
 *   GET  /host/events         server-sent events: importProgress
 *   POST /host/upload         one dropped file, streamed to a temporary file (uploads.ts)
 *   POST /host/import         import uploaded files under their original names, then delete them
 *
 * Every request passes the Host check, then the token and Origin checks, before any route.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngineApi, ImportProgress, ImportRequest, Settings } from '../contract';
import {
  allowedHost,
  allowedOrigin,
  newToken,
  requestToken,
  sameToken,
  SECURITY_HEADERS,
  tokenCookie,
} from './guard';
import { policyFileProblem } from './policy-file';
import { HttpError, publicError } from './public-errors';
import { engineRequest, importUploadsRequest, isBrowserMethod, readJsonObject } from './requests';
import { serveStatic } from './static-files';
import { UploadArea, uploadName } from './uploads';

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
  /** the largest file a page may upload, in bytes (default 4 GiB) */
  maxUploadBytes?: number;
  /** how long an upload waits for its import before it is deleted, in ms (default 30 minutes) */
  uploadStaleMs?: number;
  /** where failures the browser is only told about in plain words are written (default: stderr) */
  log?: (line: string) => void;
}

export interface Host {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const IMPORT_BY_PATH_REFUSED =
  'In the browser, Rebond imports only the files dropped or chosen on the Import screen: it does not open paths sent by a page.';

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

/**
 * The engine checks a new policy file too, but its message may quote the file: here the page is
 * told what is wrong in words that never repeat what the file holds (policy-file.ts).
 */
async function refuseUnloadablePolicyFile(changes: Partial<Settings>): Promise<void> {
  if (!changes.policyFile) return;
  const problem = await policyFileProblem(changes.policyFile);
  if (problem) throw new HttpError(400, problem);
}

function writeStderr(line: string): void {
  process.stderr.write(`${line}\n`);
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
  const log = options.log ?? writeStderr;
  const uploads = new UploadArea({ maxBytes: options.maxUploadBytes, staleMs: options.uploadStaleMs });
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
      if (name === 'importFiles') throw new HttpError(403, IMPORT_BY_PATH_REFUSED);
      if (!isBrowserMethod(name)) throw new HttpError(404, `Rebond has no method “${name}”.`);
      if (method !== 'POST') throw new HttpError(405, `“${name}” is called with POST.`);
      const request = engineRequest(name, await readJsonObject(req));
      if (name === 'setSettings') await refuseUnloadablePolicyFile(request as Partial<Settings>);
      const call = engine[name] as (req: unknown) => Promise<unknown>;
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
      const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
      const upload = await uploads.receive(uploadName(req.headers['x-file-name']), req, declared);
      send(res, 200, { id: upload.id, path: upload.path, bytes: upload.bytes });
      return;
    }

    if (url.pathname === '/host/import' && method === 'POST') {
      const body = importUploadsRequest(await readJsonObject(req));
      if (!body.uploads.length) throw new HttpError(400, 'No file to import.');
      const taken = uploads.take(body.uploads);
      let summary;
      try {
        const request: ImportRequest = {
          paths: taken.map((u) => u.path),
          displayNames: taken.map((u) => u.name),
        };
        if (body.format !== undefined) request.format = body.format;
        if (body.timeZone !== undefined) request.timeZone = body.timeZone;
        if (body.year !== undefined) request.year = body.year;
        summary = await engine.importFiles(request);
      } finally {
        await uploads.discard(taken);
      }
      send(res, 200, summary);
      return;
    }

    if (method === 'GET' || method === 'HEAD') {
      if (await serveStatic(rendererDir, url.pathname, method, res, SECURITY_HEADERS)) return;
      if (url.pathname === '/') {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The Rebond interface is not built yet: run `npm run build`, then start `rebond serve` again.\n');
        return;
      }
    }
    res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found\n');
  }

  async function fail(req: IncomingMessage, res: ServerResponse, error: unknown): Promise<void> {
    const { status, body } = await publicError(error, log);
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    // a refused upload is still arriving: close the connection rather than read gigabytes to discard them
    send(res, status, body, req.complete ? {} : { connection: 'close' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => fail(req, res, error).catch(() => res.destroy()));
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
