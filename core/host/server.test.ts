import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile, mkdir, symlink } from 'node:fs/promises';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportProgress, ImportRequest, ImportSummary } from '../contract';
import { loadPolicyFile } from '../policy/settings';
import { createHost, type Host, type HostEngine, type HostOptions } from './server';
import { allowedHost } from './guard';
import { SYSTEM_FAILURE, UNEXPECTED_FAILURE, WORKSPACE_FAILED } from './public-errors';
import { resolveStatic } from './static-files';

/**
 * Disk faults, by file name, for the static files (as root, chmod cannot make a file unreadable):
 * `open` fails for `unreadable.js`, and reading `broken.js` fails after its first bytes.
 */
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const fault = (code: string) => Object.assign(new Error(`${code}: simulated disk fault`), { code });
  return {
    ...real,
    async open(path: Parameters<typeof real.open>[0], ...rest: [string?]) {
      if (String(path).endsWith('unreadable.js')) throw fault('EACCES');
      const handle = await real.open(path, ...rest);
      if (!String(path).endsWith('broken.js')) return handle;
      return new Proxy(handle, {
        get(target, prop) {
          if (prop === 'createReadStream') {
            let sent = false;
            return () =>
              new Readable({
                read() {
                  if (sent) this.destroy(fault('EIO'));
                  else this.push('first bytes');
                  sent = true;
                },
                destroy(error, done) {
                  void target.close().finally(() => done(error));
                },
              });
          }
          const value = Reflect.get(target, prop, target) as unknown;
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
  };
});

/** A stand-in engine: records calls, answers with canned data, streams one progress event. */
function fakeEngine() {
  const listeners = new Set<(p: ImportProgress) => void>();
  const calls: { method: string; req: unknown }[] = [];
  const imported: { contents: string[]; request: ImportRequest }[] = [];
  const engine = new Proxy(
    {
      on(_event: 'importProgress', listener: (p: ImportProgress) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      async importFiles(req: ImportRequest) {
        const { readFile } = await import('node:fs/promises');
        const contents = await Promise.all(req.paths.map((p) => readFile(p, 'utf8')));
        imported.push({ contents, request: req });
        for (const path of req.paths) for (const l of listeners) l({ path, phase: 'done', bytesRead: 1, totalBytes: 1, rows: 1, fraction: 1 });
        const ok = { format: 'postfix', ok: true, importId: 1, stored: 1, duplicates: 0, rejected: 0, skipped: 0, listed: 0, errors: [], firstEventTime: null, lastEventTime: null, seconds: 0 };
        return {
          files: req.paths.map((path, i) => {
            // what the real engine answers for a file the store refused: its temporary path, DuckDB's words
            if (contents[i].startsWith('store refuses'))
              return { ...ok, path, ok: false, importId: null, error: `${path} could not be imported: Conversion Error: Could not convert string 'x' to INT64 in ${path}` };
            if (contents[i].startsWith('bad lines'))
              return {
                ...ok,
                path,
                rejected: 3,
                errors: [
                  { line: 2, message: `Binder Error: Referenced column "time_v2" not found (reading ${path})` },
                  { line: 3, message: `Error when converting column "time". Could not convert string "soon" to 'TIMESTAMP WITH TIME ZONE'` },
                  { line: 4, message: 'a quote (") is opened and never closed' },
                ],
              };
            if (contents[i] === '') return { ...ok, path, ok: false, importId: null, error: `${path} is empty.` };
            return { ...ok, path };
          }),
        };
      },
      async listImports() {
        return [{ id: 9 }];
      },
      /** a file the engine could not write: Node's message names a path on this machine */
      async release() {
        throw Object.assign(new Error("ENOSPC: no space left on device, write '/home/agent/private/workspace.duckdb.wal'"), { code: 'ENOSPC', syscall: 'write' });
      },
      /** as slow as asked: a call queued behind a long import */
      async unknowns(req: { limit?: number }) {
        await new Promise((r) => setTimeout(r, req.limit ?? 0));
        return [];
      },
      async removeImport() {
        throw Object.assign(new Error('There is no import number 9.'), { file: 'x.log', line: 3 });
      },
      async reclassify() {
        throw new Error('Binder Error: Referenced column "category_v2" not found in FROM clause!\n\nLINE 1: SELECT category_v2 FROM events');
      },
      async classify() {
        throw new TypeError("Cannot read properties of undefined (reading 'trim')");
      },
      /** what the engine throws when the chosen policy file stopped loading: the loader's own message */
      async releaseRisk(req: { addresses: string[] }) {
        const loaded = await loadPolicyFile(req.addresses[0] ?? '');
        throw new Error(loaded.ok ? 'loaded' : loaded.error.message);
      },
    } as Record<string, unknown>,
    {
      get(target, prop: string) {
        if (prop in target) return target[prop];
        return async (req: unknown) => {
          calls.push({ method: prop, req });
          return { method: prop, echo: req };
        };
      },
    },
  ) as unknown as HostEngine;
  return { engine, calls, imported };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(host: Host, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('aborted', () => reject(new Error('the answer was cut')));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Sends a body in chunks without Content-Length, as a stream of unknown size is sent. */
function callChunked(host: Host, path: string, headers: Record<string, string>, chunks: string[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: 'POST', headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

/** A host with its own options, started and stopped by the test that needs it. */
async function withHost(options: Omit<HostOptions, 'engine' | 'rendererDir'>, rendererDir: string, test: (host: Host) => Promise<void>): Promise<void> {
  const host = await createHost({ engine: fakeEngine().engine, rendererDir, ...options });
  try {
    await test(host);
  } finally {
    await host.close();
  }
}

describe('the browser host', () => {
  let dir: string;
  let host: Host;
  let fake: ReturnType<typeof fakeEngine>;
  const logged: string[] = [];
  const auth = () => ({ 'x-rebond-token': host.token });
  const json = () => ({ ...auth(), 'content-type': 'application/json' });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rebond-host-'));
    await mkdir(join(dir, 'renderer'));
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Rebond</title>');
    await writeFile(join(dir, 'secret.txt'), 'not for the browser');
    await writeFile(join(dir, 'renderer', 'app.js'), 'console.log("rebond")');
    await writeFile(join(dir, 'renderer', 'unreadable.js'), 'never read');
    await writeFile(join(dir, 'renderer', 'broken.js'), 'read until the disk fails');
    await symlink(join(dir, 'secret.txt'), join(dir, 'renderer', 'escape.txt'));
    fake = fakeEngine();
    host = await createHost({ engine: fake.engine, rendererDir: join(dir, 'renderer'), log: (line) => logged.push(line) });
  });
  afterAll(async () => {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and prints a URL carrying its token after #, which no server is sent', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[A-Za-z0-9_-]{32}$`));
    expect(new URL(host.url).hash).toBe(`#token=${host.token}`);
  });

  it('serves the app without a token and never sets a cookie; data needs the token header', async () => {
    const page = await call(host, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Rebond</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['set-cookie']).toBeUndefined();
    // the old way in: a token in the query is neither needed nor traded for a cookie
    const old = await call(host, `/?token=${host.token}`);
    expect(old.status).toBe(200);
    expect(old.headers['set-cookie']).toBeUndefined();

    const ok = await call(host, '/api/getSettings', { method: 'POST', headers: json(), body: '{}' });
    expect(ok.status).toBe(200);
    expect(ok.headers['set-cookie']).toBeUndefined();
    const wrong = await call(host, '/api/getSettings', { method: 'POST', headers: { ...json(), 'x-rebond-token': 'guess' }, body: '{}' });
    expect(wrong.status).toBe(401);
    // a cookie carrying the right token opens nothing: another local port could have been sent it
    const cookie = await call(host, '/api/getSettings', {
      method: 'POST',
      headers: { cookie: `rebond_token=${host.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(cookie.status).toBe(401);
    expect(JSON.parse(cookie.body).message).toMatch(/no longer connected.*rebond serve/);
    for (const path of ['/host/events', '/host/upload', '/host/import', '/host/discard']) {
      const method = path === '/host/events' ? 'GET' : 'POST';
      const body = method === 'POST' ? '{}' : undefined;
      expect((await call(host, path, { method, headers: { cookie: `rebond_token=${host.token}`, 'content-type': 'application/json' }, body })).status).toBe(401);
    }
  });

  it('refuses requests without the token, or addressed to another host name', async () => {
    expect((await call(host, '/', { headers: { host: `evil.example:${host.port}` } })).status).toBe(421);
    expect((await call(host, '/api/getSettings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    const rebound = await call(host, '/api/getSettings', { method: 'POST', headers: { ...json(), host: `evil.example:${host.port}` }, body: '{}' });
    expect(rebound.status).toBe(421);
    const crossSite = await call(host, '/api/getSettings', { method: 'POST', headers: { ...json(), origin: 'http://evil.example' }, body: '{}' });
    expect(crossSite.status).toBe(401);
    expect(allowedHost(`localhost:${host.port}`, host.port)).toBe(true);
    expect(allowedHost(`127.0.0.1:${host.port + 1}`, host.port)).toBe(false);
  });

  it('carries Engine methods and only those', async () => {
    const ok = await call(host, '/api/searchAddresses', { method: 'POST', headers: json(), body: '{"query":"jean"}' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ method: 'searchAddresses', echo: { query: 'jean' } });
    expect((await call(host, '/api/close', { method: 'POST', headers: json(), body: '{}' })).status).toBe(404);
    expect((await call(host, '/api/constructor', { method: 'POST', headers: json(), body: '{}' })).status).toBe(404);
    expect((await call(host, '/api/overview', { method: 'POST', headers: auth(), body: '{}' })).status).toBe(415);
    expect((await call(host, '/api/overview', { method: 'POST', headers: json(), body: '[1]' })).status).toBe(400);
  });

  it('passes engine errors on as readable messages', async () => {
    const failed = await call(host, '/api/removeImport', { method: 'POST', headers: json(), body: '{"id":9}' });
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.body)).toEqual({ message: 'There is no import number 9.', file: 'x.log', line: 3 });
    // an import that does not exist is the request's fault, answered before the engine is asked to remove it
    const unknown = await call(host, '/api/removeImport', { method: 'POST', headers: json(), body: '{"id":10}' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toEqual({ message: 'There is no import number 10.' });
  });

  it('answers 400, not 500, for an unknown time zone or a date that is not one', async () => {
    const asked = fake.calls.length;
    const zone = await call(host, '/api/setSettings', { method: 'POST', headers: json(), body: '{"timeZone":"Mars/Olympus"}' });
    expect(zone.status).toBe(400);
    expect(JSON.parse(zone.body)).toEqual({
      message: 'The request to “setSettings” is not valid: “timeZone” is not a time zone Rebond knows (for example Europe/Paris).',
    });
    const importZone = await call(host, '/host/import', { method: 'POST', headers: json(), body: '{"uploads":["x"],"timeZone":"Europe/Pariss"}' });
    expect(importZone.status).toBe(400);
    expect(JSON.parse(importZone.body).message).toMatch(/“timeZone” is not a time zone/);
    const at = await call(host, '/api/address', { method: 'POST', headers: json(), body: '{"address":"a@b.fr","at":"yesterday"}' });
    expect(at.status).toBe(400);
    expect(JSON.parse(at.body).message).toMatch(/“at” must be an ISO-8601 date-time/);
    const from = await call(host, '/api/overview', { method: 'POST', headers: json(), body: '{"from":"2021-13-45"}' });
    expect(from.status).toBe(400);
    expect(fake.calls.length).toBe(asked);
    // a real zone and a real instant go through
    expect((await call(host, '/api/setSettings', { method: 'POST', headers: json(), body: '{"timeZone":"America/Sao_Paulo"}' })).status).toBe(200);
    expect((await call(host, '/api/address', { method: 'POST', headers: json(), body: '{"address":"a@b.fr","at":"2021-02-12T23:59:59Z"}' })).status).toBe(200);
  });

  it('names each file in an import summary as dropped, and never shows DuckDB’s words', async () => {
    const upload = async (name: string, body: string) => {
      const sent = await call(host, '/host/upload', { method: 'POST', headers: { ...auth(), 'x-file-name': encodeURIComponent(name) }, body });
      return JSON.parse(sent.body) as { id: string; path: string };
    };
    const refused = await upload('janvier.csv', 'store refuses this one');
    const lines = await upload('février.csv', 'bad lines here');
    const empty = await upload('vide.log', '');
    const before = logged.length;
    const answer = await call(host, '/host/import', { method: 'POST', headers: json(), body: JSON.stringify({ uploads: [refused.id, lines.id, empty.id] }) });
    expect(answer.status).toBe(200);
    const summary = JSON.parse(answer.body) as ImportSummary;
    // each result keeps the key the page was given for its upload; the words shown never name the copy
    expect(summary.files.map((f) => f.path)).toEqual([refused.path, lines.path, empty.path]);
    const shown = JSON.stringify(summary.files.map((f) => [f.error, f.errors]));
    expect(shown).not.toMatch(/rebond-uploads|Conversion Error|Binder Error|INT64|TIMESTAMP WITH TIME ZONE|time_v2/);
    expect(summary.files[0].error).toBe('janvier.csv could not be imported: the workspace database refused it (the details are in the terminal where `rebond serve` runs).');
    expect(summary.files[1].errors).toEqual([
      { line: 2, message: 'this line could not be read (the details are in the terminal where `rebond serve` runs)' },
      { line: 3, message: '“soon” in column “time” is not a date and time' },
      { line: 4, message: 'a quote (") is opened and never closed' },
    ]);
    expect(summary.files[2].error).toBe('vide.log is empty.');
    // the terminal keeps what was hidden, under the file's name
    const details = logged.slice(before).join('\n');
    expect(details).toMatch(/janvier\.csv: database error: .*Conversion Error: Could not convert string 'x' to INT64/);
    expect(details).toMatch(/février\.csv: database error on a line: Binder Error: Referenced column "time_v2"/);
  });

  it('never serves a file outside the renderer folder', async () => {
    expect(resolveStatic(join(dir, 'renderer'), '/../secret.txt')).toBeNull();
    expect(resolveStatic(join(dir, 'renderer'), '/%2e%2e/secret.txt')).toBeNull();
    expect((await call(host, '/..%2fsecret.txt', { headers: auth() })).status).toBe(404);
  });

  it('imports an upload under its original name, then deletes the temporary copy', async () => {
    const sent = await call(host, '/host/upload', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('maillog été.log') },
      body: 'Jan 17 10:00:01 mx postfix/smtp[1]: ABC: to=<a@b.fr>, status=sent (250 ok)\n',
    });
    expect(sent.status).toBe(200);
    const { id, path } = JSON.parse(sent.body) as { id: string; path: string };
    const imported = await call(host, '/host/import', { method: 'POST', headers: json(), body: JSON.stringify({ uploads: [id], timeZone: 'Europe/Paris' }) });
    expect(imported.status).toBe(200);
    expect(fake.imported.at(-1)!.request).toMatchObject({ paths: [path], displayNames: ['maillog été.log'], timeZone: 'Europe/Paris' });
    expect(fake.imported.at(-1)!.contents[0]).toContain('postfix/smtp');
    const folder = join(path, '..');
    expect(await readdir(folder)).toEqual([]);
    const again = await call(host, '/host/import', { method: 'POST', headers: json(), body: JSON.stringify({ uploads: [id] }) });
    expect(again.status).toBe(410);
    expect(JSON.parse(again.body).message).toMatch(/drop it again/);
  });

  it('refuses importFiles by path: a page reaches files only through uploads', async () => {
    const before = fake.imported.length;
    const refused = await call(host, '/api/importFiles', { method: 'POST', headers: json(), body: JSON.stringify({ paths: ['/etc/passwd'] }) });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).message).toMatch(/files dropped or chosen on the Import screen/);
    expect(fake.imported.length).toBe(before);
    // the guard still comes first
    const anonymous = await call(host, '/api/importFiles', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"paths":["/etc/passwd"]}' });
    expect(anonymous.status).toBe(401);
  });

  it('answers malformed or mis-shaped requests with 400 and a plain message', async () => {
    const asked = fake.calls.length;
    const broken = await call(host, '/api/searchAddresses', { method: 'POST', headers: json(), body: '{"query": ' });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toEqual({ message: 'The request is not valid JSON.' });
    const notObject = await call(host, '/api/getSettings', { method: 'POST', headers: json(), body: '"settings"' });
    expect(notObject.status).toBe(400);
    expect(JSON.parse(notObject.body).message).toMatch(/must be a JSON object/);
    const wrongType = await call(host, '/api/address', { method: 'POST', headers: json(), body: '{"address": 5}' });
    expect(wrongType.status).toBe(400);
    expect(JSON.parse(wrongType.body)).toEqual({ message: 'The request to “address” is not valid: “address” must be a text.' });
    const wrongValue = await call(host, '/api/addresses', { method: 'POST', headers: json(), body: '{"status": "everything"}' });
    expect(wrongValue.status).toBe(400);
    expect(JSON.parse(wrongValue.body).message).toMatch(/“status” must be one of “ok”/);
    const badImport = await call(host, '/host/import', { method: 'POST', headers: json(), body: '{"uploads": "abc", "format": "word"}' });
    expect(badImport.status).toBe(400);
    expect(JSON.parse(badImport.body).message).toMatch(/^The import request is not valid: “uploads” must be a list; “format” must be one of/);
    expect((await call(host, '/api/overview', { headers: auth() })).status).toBe(405);
    expect(fake.calls.length).toBe(asked);
  });

  it('turns database errors and bugs into plain messages, and logs the details', async () => {
    const database = await call(host, '/api/reclassify', { method: 'POST', headers: json(), body: '{}' });
    expect(database.status).toBe(500);
    expect(JSON.parse(database.body)).toEqual({ message: WORKSPACE_FAILED, problem: { code: 'host.databaseError', params: {} } });
    expect(database.body).not.toMatch(/Binder|SELECT/);
    const bug = await call(host, '/api/classify', { method: 'POST', headers: json(), body: '{"text":"550 no"}' });
    expect(JSON.parse(bug.body)).toEqual({ message: UNEXPECTED_FAILURE, problem: { code: 'host.unexpected', params: {} } });
    expect(logged.join('\n')).toMatch(/Binder Error: Referenced column[\s\S]*TypeError: Cannot read properties/);
    const disk = await call(host, '/api/release', { method: 'POST', headers: json(), body: '{"address":"a@b.fr","reason":"asked"}' });
    expect(disk.status).toBe(500);
    expect(JSON.parse(disk.body)).toEqual({ message: SYSTEM_FAILURE, problem: { code: 'host.systemError', params: {} } });
    expect(logged.join('\n')).toContain("ENOSPC: no space left on device, write '/home/agent/private/workspace.duckdb.wal'");
  });

  it('never repeats what a policy file holds to the page', async () => {
    const notJson = join(dir, 'passwd');
    await writeFile(notJson, 'root:x:0:0:root:/root:/bin/bash\n');
    const wrongValues = join(dir, 'credentials.json');
    await writeFile(wrongValues, JSON.stringify({ apiToken: 'hunter2', softQuarantineDays: 'hunter3', mailboxFullAs: 'hunter4' }));
    const asked = fake.calls.length;

    const parsed = await call(host, '/api/setSettings', { method: 'POST', headers: json(), body: JSON.stringify({ policyFile: notJson }) });
    expect(parsed.status).toBe(400);
    expect(JSON.parse(parsed.body)).toEqual({
      message: `${notJson}: the policy settings are not valid — the file is not valid JSON.`,
      problem: { code: 'settings.policyFileNotJson', params: { file: notJson } },
    });
    const checked = await call(host, '/api/setSettings', { method: 'POST', headers: json(), body: JSON.stringify({ policyFile: wrongValues }) });
    expect(checked.status).toBe(400);
    const message = JSON.parse(checked.body).message as string;
    expect(message).toContain('softQuarantineDays: must be a list in [ ]');
    expect(message).toContain('mailboxFullAs: must be one of "soft", "hard"');
    expect(message).toContain('a setting Rebond does not know');
    expect(message).not.toMatch(/hunter|apiToken/);
    // the code names the fields, never their values
    expect(JSON.stringify(JSON.parse(checked.body).problem)).not.toMatch(/hunter|apiToken/);
    expect(fake.calls.length).toBe(asked);

    // a good file goes on to the engine
    const good = join(dir, 'policy.json');
    await writeFile(good, '{"preset":"strict"}');
    const saved = await call(host, '/api/setSettings', { method: 'POST', headers: json(), body: JSON.stringify({ policyFile: good }) });
    expect(saved.status).toBe(200);

    // a chosen file that stops loading later fails other calls: still without its contents
    const later = await call(host, '/api/releaseRisk', { method: 'POST', headers: json(), body: JSON.stringify({ addresses: [notJson] }) });
    expect(later.status).toBe(500);
    expect(JSON.parse(later.body).message).toBe(`${notJson}: the policy settings are not valid — the file is not valid JSON.`);
  });

  it('refuses an unknown or already imported upload with 410, and keeps the others for a retry', async () => {
    const unknown = await call(host, '/host/import', { method: 'POST', headers: json(), body: JSON.stringify({ uploads: ['0123456789abcdef01234567'] }) });
    expect(unknown.status).toBe(410);
    expect(JSON.parse(unknown.body).message).toMatch(/no longer available.*drop it again/);

    const sent = await call(host, '/host/upload', { method: 'POST', headers: { ...auth(), 'x-file-name': 'a.log' }, body: 'line\n' });
    const { id } = JSON.parse(sent.body) as { id: string };
    const mixed = await call(host, '/host/import', { method: 'POST', headers: json(), body: JSON.stringify({ uploads: [id, 'gone'] }) });
    expect(mixed.status).toBe(410);
    const retry = await call(host, '/host/import', { method: 'POST', headers: json(), body: JSON.stringify({ uploads: [id] }) });
    expect(retry.status).toBe(200);
  });

  it('never serves a file outside the renderer folder, even through a link or an encoded path', async () => {
    expect(existsSync(join(dir, 'renderer', 'escape.txt'))).toBe(true);
    expect((await call(host, '/escape.txt', { headers: auth() })).status).toBe(404);
    expect((await call(host, '/%2e%2e/secret.txt', { headers: auth() })).status).toBe(404);
    expect((await call(host, '/..%5csecret.txt', { headers: auth() })).status).toBe(404);
    expect((await call(host, '/%00index.html', { headers: auth() })).status).toBe(404);
    const script = await call(host, '/app.js', { headers: auth() });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const head = await call(host, '/app.js', { method: 'HEAD', headers: auth() });
    expect(head.headers['content-length']).toBe(String('console.log("rebond")'.length));
    expect(head.body).toBe('');
  });

  it('answers 500 for a file it cannot read, cuts a failed read short, and keeps serving', async () => {
    const unreadable = await call(host, '/unreadable.js', { headers: auth() });
    expect(unreadable.status).toBe(500);
    expect(unreadable.body).not.toMatch(/EACCES|renderer/);
    await expect(call(host, '/broken.js', { headers: auth() })).rejects.toThrow();
    expect((await call(host, '/app.js', { headers: auth() })).status).toBe(200);
  });
});

describe('uploads to the browser host', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rebond-host-uploads-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a file over the size limit with 413, whether its size is declared or not', async () => {
    await withHost({ maxUploadBytes: 1000 }, dir, async (host) => {
      const headers = { 'x-rebond-token': host.token, 'x-file-name': 'big.log' };
      const declared = await call(host, '/host/upload', { method: 'POST', headers, body: 'x'.repeat(5000) });
      expect(declared.status).toBe(413);
      expect(JSON.parse(declared.body).message).toMatch(/larger than 1000 bytes.*rebond import/);
      const streamed = await callChunked(host, '/host/upload', headers, ['x'.repeat(600), 'x'.repeat(600)]);
      expect(streamed.status).toBe(413);
      // nothing half-written is left behind, and the next file is welcome
      const small = await call(host, '/host/upload', { method: 'POST', headers, body: 'x'.repeat(1000) });
      expect(small.status).toBe(200);
      const { path } = JSON.parse(small.body) as { path: string };
      expect(await readdir(join(path, '..'))).toHaveLength(1);
    });
  });

  it('deletes uploads nobody imported once they are stale', async () => {
    await withHost({ uploadStaleMs: 50 }, dir, async (host) => {
      const sent = await call(host, '/host/upload', { method: 'POST', headers: { 'x-rebond-token': host.token }, body: 'line\n' });
      const { id, path } = JSON.parse(sent.body) as { id: string; path: string };
      expect(existsSync(path)).toBe(true);
      await vi.waitFor(() => expect(existsSync(path)).toBe(false), { timeout: 2000, interval: 25 });
      const late = await call(host, '/host/import', {
        method: 'POST',
        headers: { 'x-rebond-token': host.token, 'content-type': 'application/json' },
        body: JSON.stringify({ uploads: [id] }),
      });
      expect(late.status).toBe(410);
    });
  });
});

describe('pending uploads on the browser host', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rebond-host-pending-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('holds at most so many uploads waiting for their import, and says so with 429', async () => {
    await withHost({ maxPendingUploads: 2 }, dir, async (host) => {
      const headers = { 'x-rebond-token': host.token, 'x-file-name': 'day.log' };
      const json = { 'x-rebond-token': host.token, 'content-type': 'application/json' };
      const first = JSON.parse((await call(host, '/host/upload', { method: 'POST', headers, body: 'one\n' })).body) as { id: string; path: string };
      const second = JSON.parse((await call(host, '/host/upload', { method: 'POST', headers, body: 'two\n' })).body) as { id: string };
      const third = await call(host, '/host/upload', { method: 'POST', headers, body: 'three\n' });
      expect(third.status).toBe(429);
      expect(JSON.parse(third.body).message).toBe(
        'Rebond already holds 2 dropped files waiting to be imported. Drop at most 2 files at a time; files never imported are cleared after 30 minutes.',
      );
      // the refused file left nothing on disk
      expect(await readdir(join(first.path, '..'))).toHaveLength(2);

      // a page that gives up on its uploads frees their places at once
      const discarded = await call(host, '/host/discard', { method: 'POST', headers: json, body: JSON.stringify({ uploads: [second.id] }) });
      expect(JSON.parse(discarded.body)).toEqual({ discarded: 1 });
      expect((await call(host, '/host/upload', { method: 'POST', headers, body: 'three\n' })).status).toBe(200);
      expect((await call(host, '/host/upload', { method: 'POST', headers, body: 'four\n' })).status).toBe(429);
      // and an import frees them too
      expect((await call(host, '/host/import', { method: 'POST', headers: json, body: JSON.stringify({ uploads: [first.id] }) })).status).toBe(200);
      expect((await call(host, '/host/upload', { method: 'POST', headers, body: 'four\n' })).status).toBe(200);
    });
  });

  it('deletes every upload still waiting when the host stops', async () => {
    const host = await createHost({ engine: fakeEngine().engine, rendererDir: dir });
    let path: string;
    try {
      const sent = await call(host, '/host/upload', { method: 'POST', headers: { 'x-rebond-token': host.token, 'x-file-name': 'a.log' }, body: 'line\n' });
      path = (JSON.parse(sent.body) as { path: string }).path;
      expect(existsSync(path)).toBe(true);
    } finally {
      await host.close();
    }
    expect(existsSync(path)).toBe(false);
    expect(existsSync(join(path, '..'))).toBe(false);
  });
});

/** A raw connection, to send exactly what a slow or stuck client sends. */
function rawSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Resolves with what the server sent once it closed the connection, or 'still open' after waitMs. */
function closedWithin(socket: Socket, waitMs: number): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    socket.on('data', (c: Buffer) => (received += c.toString()));
    const timer = setTimeout(() => resolve('still open'), waitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received || 'closed');
    });
  });
}

describe('connection limits of the browser host', () => {
  let dir: string;
  const quick = { headersTimeoutMs: 300, idleTimeoutMs: 400 };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rebond-host-limits-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('closes a connection whose headers never end', async () => {
    await withHost({ limits: quick }, dir, async (host) => {
      const socket = await rawSocket(host.port);
      socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Slow: `);
      const answer = await closedWithin(socket, 3_000);
      expect(answer).not.toBe('still open');
      expect(answer.startsWith('HTTP/1.1 408') || answer === 'closed').toBe(true);
    });
  });

  it('closes an upload that stops sending, and keeps nothing of it', async () => {
    await withHost({ limits: quick }, dir, async (host) => {
      const kept = await call(host, '/host/upload', { method: 'POST', headers: { 'x-rebond-token': host.token, 'x-file-name': 'kept.log' }, body: 'kept\n' });
      const folder = join((JSON.parse(kept.body) as { path: string }).path, '..');
      const socket = await rawSocket(host.port);
      socket.write(
        `POST /host/upload HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Rebond-Token: ${host.token}\r\nX-File-Name: stuck.log\r\nContent-Length: 100000\r\n\r\nfirst bytes`,
      );
      expect(await closedWithin(socket, 3_000)).not.toBe('still open');
      // the half-received copy is deleted; the upload before it waits for its import as before
      await vi.waitFor(async () => expect(await readdir(folder)).toHaveLength(1), { timeout: 2000, interval: 25 });
    });
  });

  it('never cuts a long upload that keeps sending, nor an answer the engine takes long to give', async () => {
    // an idle limit five times the gap between chunks: a loaded machine delays a 200 ms timer, not by 800 ms
    await withHost({ limits: { ...quick, idleTimeoutMs: 1000 } }, dir, async (host) => {
      // twelve chunks 200 ms apart: 2.4 s in all, more than twice the idle limit
      const chunks = Array.from({ length: 12 }, (_, i) => `line ${i}\n`);
      const slowUpload = new Promise<Answer>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: host.port, path: '/host/upload', method: 'POST', headers: { host: `127.0.0.1:${host.port}`, 'x-rebond-token': host.token } },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          },
        );
        req.on('error', reject);
        let i = 0;
        const next = () => {
          if (i === chunks.length) return void req.end();
          req.write(chunks[i++]);
          setTimeout(next, 200);
        };
        next();
      });
      const uploaded = await slowUpload;
      expect(uploaded.status).toBe(200);
      expect(JSON.parse(uploaded.body).bytes).toBe(chunks.join('').length);

      // the engine answers after 1.5 s (a call queued behind an import): the host is the one silent
      const slow = await call(host, '/api/unknowns', { method: 'POST', headers: { 'x-rebond-token': host.token, 'content-type': 'application/json' }, body: '{"limit":1500}' });
      expect(slow.status).toBe(200);
      expect(JSON.parse(slow.body)).toEqual([]);
    });
  });

  it('keeps the import progress stream open while nothing happens', async () => {
    await withHost({ limits: quick }, dir, async (host) => {
      const socket = await rawSocket(host.port);
      socket.write(`GET /host/events HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Rebond-Token: ${host.token}\r\n\r\n`);
      expect(await closedWithin(socket, 1_500)).toBe('still open');
      socket.destroy();
    });
  });

  it('accepts only so many connections at once', async () => {
    await withHost({ limits: { maxConnections: 2 } }, dir, async (host) => {
      const held = [await rawSocket(host.port), await rawSocket(host.port)];
      // the server has seen both before the third arrives
      await new Promise((r) => setTimeout(r, 100));
      await expect(call(host, '/missing')).rejects.toThrow();
      for (const socket of held) socket.destroy();
      await vi.waitFor(async () => expect((await call(host, '/missing')).status).toBe(404), { timeout: 2000, interval: 50 });
    });
  });
});
