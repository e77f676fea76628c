/**
 * The browser host (`rebond serve`, end-to-end tests): the built renderer and the Engine's
 * methods over HTTP on 127.0.0.1 only, guarded by a per-run token and a Host check.
 *
 *   GET  /…                   the renderer's files (dist/renderer): no data, no token needed
 *   POST /api/<method>        one Engine method, JSON in and out, its request checked (api-route.ts);
 *                             not importFiles: a page never names files on this machine
 *   GET  /host/events         import progress, one JSON object a line (progress-stream.ts)
 *   POST /host/upload         one dropped file, streamed to a temporary file (upload-routes.ts)
 *   POST /host/import         import uploaded files under their original names, then delete them
 *   POST /host/discard        the page gave up on uploads it sent (a later file was refused)
 *
 * Every request passes the Host check; every /api/ and /host/ request then needs this run's token
 * in the X-Rebond-Token header and, when it has an Origin, our own. The page found the token in
 * the printed address's #fragment (guard.ts): no cookie is ever set, so no other port sees it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngineApi } from '../contract';
import { callEngineMethod } from './api-route';
import { allowedHost, allowedOrigin, newToken, pageUrl, requestToken, sameToken, SECURITY_HEADERS } from './guard';
import { createLimitedServer, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connection-limits';
import { problem } from '../model/problems';
import { ProgressStreams, type ProgressSource } from './progress-stream';
import { HttpError, publicError } from './public-errors';
import { sendJson } from './respond';
import { serveStatic } from './static-files';
import { discardUploads, importUploads, receiveUpload } from './upload-routes';
import { UploadArea } from './uploads';

/** What the host needs from the engine: the contract plus its progress events. */
export interface HostEngine extends EngineApi, ProgressSource {}

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
  /** uploads waiting for their import at once (default 500) */
  maxPendingUploads?: number;
  /** timeouts and the connection cap (connection-limits.ts); tests shorten them */
  limits?: Partial<ConnectionLimits>;
  /** where failures the browser is only told about in plain words are written (default: stderr) */
  log?: (line: string) => void;
}

export interface Host {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function writeStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}

const NOT_CONNECTED = problem('host.disconnected', {});

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** The app's own files: they hold no data, so the page loads before it can send the token. */
async function serveApp(rendererDir: string, pathname: string, method: string, res: ServerResponse): Promise<void> {
  if (await serveStatic(rendererDir, pathname, method, res, SECURITY_HEADERS)) return;
  if (pathname === '/') sendText(res, 500, 'The Rebond interface is not built yet: run `npm run build`, then start `rebond serve` again.\n');
  else sendText(res, 404, 'Not found\n', SECURITY_HEADERS);
}

/** the routes behind the token, by "METHOD path" */
type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export async function createHost(options: HostOptions): Promise<Host> {
  const { engine, rendererDir } = options;
  const token = options.token ?? newToken();
  const log = options.log ?? writeStderr;
  const uploads = new UploadArea({ maxBytes: options.maxUploadBytes, staleMs: options.uploadStaleMs, maxPending: options.maxPendingUploads });
  const limits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const progress = new ProgressStreams(engine);
  let port = 0;

  const routes: Record<string, Route> = {
    'GET /host/events': (req, res) => progress.open(req, res),
    'POST /host/upload': (req, res) => receiveUpload(uploads, req, res),
    'POST /host/import': (req, res) => importUploads(engine, uploads, log, req, res),
    'POST /host/discard': (req, res) => discardUploads(uploads, req, res),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHost(req.headers.host, port)) {
      sendText(res, 421, 'Rebond answers only at 127.0.0.1 or localhost.\n');
      return;
    }
    const { pathname } = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const method = req.method ?? 'GET';
    const guarded = pathname.startsWith('/api/') || pathname.startsWith('/host/');
    if ((method === 'GET' || method === 'HEAD') && !guarded) return serveApp(rendererDir, pathname, method, res);

    if (!sameToken(requestToken(req), token) || !allowedOrigin(req.headers.origin, port)) throw new HttpError(401, NOT_CONNECTED);
    if (pathname.startsWith('/api/')) return callEngineMethod(engine, pathname.slice('/api/'.length), req, res);
    const route = routes[`${method} ${pathname}`];
    if (!route) throw new HttpError(404, `Rebond has no “${pathname}” here.`);
    await route(req, res);
  }

  async function fail(req: IncomingMessage, res: ServerResponse, error: unknown): Promise<void> {
    const { status, body } = await publicError(error, log);
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    // a refused upload is still arriving: close the connection rather than read gigabytes to discard them
    sendJson(res, status, body, req.complete ? {} : { connection: 'close' });
  }

  const server = createLimitedServer(limits, (req, res) => {
    handle(req, res).catch((error: unknown) => fail(req, res, error).catch(() => res.destroy()));
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: pageUrl(port, token),
    port,
    token,
    async close() {
      progress.close();
      try {
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
      } finally {
        // whatever happened to the server, no dropped file outlives the host
        await uploads.close();
      }
    },
  };
}
