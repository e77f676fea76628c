/**
 * The browser host (`rebond serve`, end-to-end tests): the built renderer and the Engine's
 * methods over HTTP on 127.0.0.1 only, guarded by a per-run token and a Host check.
 *
 *   GET  /…                   the renderer's files (dist/renderer): no data, no token needed
 *   POST /api/<method>        one Engine method, JSON in and out, its request checked (requests.ts);
 *                             not importFiles: a page never names files on this machine
 *   GET  /host/events         import progress, one JSON object a line (fetch can send the token
 *                             header; EventSource cannot)
 *   POST /host/upload         one dropped file, streamed to a temporary file (uploads.ts)
 *   POST /host/import         import uploaded files under their original names, then delete them
 *   POST /host/discard        the page gave up on uploads it sent (a later file was refused)
 *
 * Every request passes the Host check; every /api/ and /host/ request then needs this run's token
 * in the X-Rebond-Token header and, when it has an Origin, our own. The page found the token in
 * the printed address's #fragment (guard.ts): no cookie is ever set, so no other port sees it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngineApi, ImportProgress, ImportRequest, Settings } from '../contract';
import { allowedHost, allowedOrigin, newToken, pageUrl, requestToken, sameToken, SECURITY_HEADERS } from './guard';
import { createLimitedServer, DEFAULT_CONNECTION_LIMITS, idleUntilAnswered, type ConnectionLimits } from './connection-limits';
import { policyFileCode, policyFileProblem } from './policy-file';
import { problem } from '../model/problems';
import { HttpError, publicError } from './public-errors';
import { publicImportSummary, withDisplayNames } from './public-summary';
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
  if (problem) throw new HttpError(400, problem, (await policyFileCode(changes.policyFile)) ?? undefined);
}

/** An unknown import is the page's mistake (404), not a failure of the workspace. */
async function refuseUnknownImport(engine: HostEngine, id: number): Promise<void> {
  const imports = await engine.listImports({});
  if (!imports.some((record) => record.id === id)) throw new HttpError(404, `There is no import number ${id}.`);
}

function writeStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}

const NOT_CONNECTED = problem('host.disconnected', {});

/** a comment line on the progress stream, so that a dead tab is noticed and the socket stays busy */
const EVENTS_HEARTBEAT_MS = 15_000;

export async function createHost(options: HostOptions): Promise<Host> {
  const { engine, rendererDir } = options;
  const token = options.token ?? newToken();
  const log = options.log ?? writeStderr;
  const uploads = new UploadArea({ maxBytes: options.maxUploadBytes, staleMs: options.uploadStaleMs, maxPending: options.maxPendingUploads });
  const limits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const streams = new Set<ServerResponse>();
  let port = 0;

  const unsubscribe = engine.on('importProgress', (progress) => {
    const frame = `${JSON.stringify(progress)}\n`;
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

    // the app's own files hold no data: the page must load before it can send the token
    if ((method === 'GET' || method === 'HEAD') && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/host/')) {
      if (await serveStatic(rendererDir, url.pathname, method, res, SECURITY_HEADERS)) return;
      if (url.pathname === '/') {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The Rebond interface is not built yet: run `npm run build`, then start `rebond serve` again.\n');
        return;
      }
      res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
      return;
    }

    if (!sameToken(requestToken(req), token) || !allowedOrigin(req.headers.origin, port)) throw new HttpError(401, NOT_CONNECTED);

    if (url.pathname.startsWith('/api/')) {
      const name = url.pathname.slice('/api/'.length);
      if (name === 'importFiles') throw new HttpError(403, IMPORT_BY_PATH_REFUSED);
      if (!isBrowserMethod(name)) throw new HttpError(404, `Rebond has no method “${name}”.`);
      if (method !== 'POST') throw new HttpError(405, `“${name}” is called with POST.`);
      const request = engineRequest(name, await readJsonObject(req));
      idleUntilAnswered(req);
      if (name === 'removeImport') await refuseUnknownImport(engine, (request as { id: number }).id);
      if (name === 'setSettings') await refuseUnloadablePolicyFile(request as Partial<Settings>);
      const call = engine[name] as (req: unknown) => Promise<unknown>;
      send(res, 200, await call.call(engine, request));
      return;
    }

    if (url.pathname === '/host/events' && method === 'GET') {
      idleUntilAnswered(req);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'application/x-ndjson; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
      });
      // an empty line: the page's reader skips it; it proves the stream is open
      res.write('\n');
      streams.add(res);
      const heartbeat = setInterval(() => res.write('\n'), EVENTS_HEARTBEAT_MS);
      heartbeat.unref();
      req.on('close', () => {
        clearInterval(heartbeat);
        streams.delete(res);
      });
      return;
    }

    if (url.pathname === '/host/upload' && method === 'POST') {
      const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
      const upload = await uploads.receive(uploadName(req.headers['x-file-name']), req, declared);
      idleUntilAnswered(req);
      send(res, 200, { id: upload.id, path: upload.path, bytes: upload.bytes });
      return;
    }

    if (url.pathname === '/host/import' && method === 'POST') {
      const body = importUploadsRequest(await readJsonObject(req));
      idleUntilAnswered(req);
      if (!body.uploads.length) throw new HttpError(400, 'No file to import.');
      const taken = uploads.take(body.uploads);
      let summary;
      try {
        const request: ImportRequest = {
          paths: taken.map((u) => u.path),
          displayNames: taken.map((u) => u.name),
        };
        if (body.lang !== undefined) request.lang = body.lang;
        if (body.format !== undefined) request.format = body.format;
        if (body.timeZone !== undefined) request.timeZone = body.timeZone;
        if (body.year !== undefined) request.year = body.year;
        summary = await engine.importFiles(request);
      } catch (error) {
        // a failure of the whole import may name a temporary copy too
        if (error instanceof Error) error.message = withDisplayNames(error.message, taken);
        throw error;
      } finally {
        await uploads.finished(taken);
      }
      send(res, 200, publicImportSummary(summary, taken, log));
      return;
    }

    if (url.pathname === '/host/discard' && method === 'POST') {
      const body = importUploadsRequest(await readJsonObject(req));
      idleUntilAnswered(req);
      send(res, 200, { discarded: await uploads.release(body.uploads) });
      return;
    }

    throw new HttpError(404, `Rebond has no “${url.pathname}” here.`);
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
      unsubscribe();
      for (const res of streams) res.end();
      streams.clear();
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
