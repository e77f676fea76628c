import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile, mkdir, symlink } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportProgress, ImportRequest } from '../contract';
import { loadPolicyFile } from '../policy/settings';
import { createHost, type Host, type HostEngine, type HostOptions } from './server';
import { allowedHost } from './guard';
import { UNEXPECTED_FAILURE, WORKSPACE_FAILED } from './public-errors';
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
        imported.push({ contents: await Promise.all(req.paths.map((p) => readFile(p, 'utf8'))), request: req });
        for (const path of req.paths) for (const l of listeners) l({ path, phase: 'done', bytesRead: 1, totalBytes: 1, rows: 1, fraction: 1 });
        return { files: req.paths.map((path) => ({ path, format: 'postfix', ok: true, importId: 1, stored: 1, duplicates: 0, rejected: 0, skipped: 0, listed: 0, errors: [], firstEventTime: null, lastEventTime: null, seconds: 0 })) };
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
      async overview(req: { from?: string }) {
        const loaded = await loadPolicyFile(req.from ?? '');
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
  const auth = () => ({ cookie: `rebond_token=${host.token}` });
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

  it('listens on 127.0.0.1 and prints a URL carrying its token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('trades the token in the URL for an HttpOnly cookie and refuses a wrong one', async () => {
    const ok = await call(host, `/?token=${host.token}`);
    expect(ok.status).toBe(303);
    expect(String(ok.headers['set-cookie'])).toMatch(/rebond_token=.+HttpOnly; SameSite=Strict/);
    expect((await call(host, '/?token=guess')).status).toBe(401);
    const page = await call(host, '/', { headers: auth() });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses requests without the token, or addressed to another host name', async () => {
    expect((await call(host, '/')).status).toBe(401);
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
    expect(fake.imported[0].request).toMatchObject({ paths: [path], displayNames: ['maillog été.log'], timeZone: 'Europe/Paris' });
    expect(fake.imported[0].contents[0]).toContain('postfix/smtp');
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
    expect(JSON.parse(database.body)).toEqual({ message: WORKSPACE_FAILED });
    expect(database.body).not.toMatch(/Binder|SELECT/);
    const bug = await call(host, '/api/classify', { method: 'POST', headers: json(), body: '{"text":"550 no"}' });
    expect(JSON.parse(bug.body)).toEqual({ message: UNEXPECTED_FAILURE });
    expect(logged.join('\n')).toMatch(/Binder Error: Referenced column[\s\S]*TypeError: Cannot read properties/);
  });

  it('never repeats what a policy file holds to the page', async () => {
    const notJson = join(dir, 'passwd');
    await writeFile(notJson, 'root:x:0:0:root:/root:/bin/bash\n');
    const wrongValues = join(dir, 'credentials.json');
    await writeFile(wrongValues, JSON.stringify({ apiToken: 'hunter2', softQuarantineDays: 'hunter3', mailboxFullAs: 'hunter4' }));
    const asked = fake.calls.length;

    const parsed = await call(host, '/api/setSettings', { method: 'POST', headers: json(), body: JSON.stringify({ policyFile: notJson }) });
    expect(parsed.status).toBe(400);
    expect(JSON.parse(parsed.body)).toEqual({ message: `${notJson}: the policy settings are not valid — the file is not valid JSON.` });
    const checked = await call(host, '/api/setSettings', { method: 'POST', headers: json(), body: JSON.stringify({ policyFile: wrongValues }) });
    expect(checked.status).toBe(400);
    const message = JSON.parse(checked.body).message as string;
    expect(message).toContain('softQuarantineDays: must be a list in [ ]');
    expect(message).toContain('mailboxFullAs: must be one of "soft", "hard"');
    expect(message).toContain('a setting Rebond does not know');
    expect(message).not.toMatch(/hunter|apiToken/);
    expect(fake.calls.length).toBe(asked);

    // a good file goes on to the engine
    const good = join(dir, 'policy.json');
    await writeFile(good, '{"preset":"strict"}');
    const saved = await call(host, '/api/setSettings', { method: 'POST', headers: json(), body: JSON.stringify({ policyFile: good }) });
    expect(saved.status).toBe(200);

    // a chosen file that stops loading later fails other calls: still without its contents
    const later = await call(host, '/api/overview', { method: 'POST', headers: json(), body: JSON.stringify({ from: notJson }) });
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
      const headers = { cookie: `rebond_token=${host.token}`, 'x-file-name': 'big.log' };
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
      const sent = await call(host, '/host/upload', { method: 'POST', headers: { cookie: `rebond_token=${host.token}` }, body: 'line\n' });
      const { id, path } = JSON.parse(sent.body) as { id: string; path: string };
      expect(existsSync(path)).toBe(true);
      await vi.waitFor(() => expect(existsSync(path)).toBe(false), { timeout: 2000, interval: 25 });
      const late = await call(host, '/host/import', {
        method: 'POST',
        headers: { cookie: `rebond_token=${host.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ uploads: [id] }),
      });
      expect(late.status).toBe(410);
    });
  });
});
