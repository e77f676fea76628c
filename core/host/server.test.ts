import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportProgress, ImportRequest } from '../contract';
import { createHost, type Host, type HostEngine } from './server';
import { allowedHost } from './guard';
import { resolveStatic } from './static-files';

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
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the browser host', () => {
  let dir: string;
  let host: Host;
  let fake: ReturnType<typeof fakeEngine>;
  const auth = () => ({ cookie: `rebond_token=${host.token}` });
  const json = () => ({ ...auth(), 'content-type': 'application/json' });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rebond-host-'));
    await mkdir(join(dir, 'renderer'));
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Rebond</title>');
    await writeFile(join(dir, 'secret.txt'), 'not for the browser');
    fake = fakeEngine();
    host = await createHost({ engine: fake.engine, rendererDir: join(dir, 'renderer') });
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
    expect(again.status).toBe(500);
    expect(JSON.parse(again.body).message).toMatch(/drop it again/);
  });
});
