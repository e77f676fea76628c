/**
 * The browser host's credentials stay with its own page (issue 11). Browsers do not separate
 * cookies by port: a cookie set by `rebond serve` on 127.0.0.1 would be sent to any other local
 * server the same browser visits. Here the app is opened and used in Chromium, then the same
 * browser visits a second server on another 127.0.0.1 port, which records what it receives.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebondPage } from './app-page';
import { canRun, FIXTURES, newContext, serve, type Served } from './harness';

const skip = canRun();

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

/** Another local web server, as any program on the machine may run: it notes every request. */
async function otherLocalServer(): Promise<{ server: Server; port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>another local server</title><img src="/pixel.png">');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

describe.skipIf(skip !== null)('The browser host’s credentials', () => {
  let served: Served;
  let context: BrowserContext;
  let page: Page;
  let other: Awaited<ReturnType<typeof otherLocalServer>>;
  let token: string;

  beforeAll(async () => {
    served = await serve();
    token = new URL(served.url).hash.replace(/^#token=/, '');
    other = await otherLocalServer();
    context = await newContext();
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await served?.stop();
    await new Promise((resolve) => other?.server.close(resolve));
  });

  it('keeps the token to the app’s own page: no cookie, nothing sent to another local port', async () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // the printed address carries the token after #: no server, log or Referer ever sees it
    expect(served.url).not.toContain('?');

    // use the app: API calls, an upload, the progress stream, an import
    const toHost: { url: string; token: string | undefined }[] = [];
    page.on('request', (r) => {
      if (/\/(api|host)\//.test(r.url())) toHost.push({ url: r.url(), token: r.headers()['x-rebond-token'] });
    });
    await page.goto(served.url);
    const app = new RebondPage(page);
    await page.getByRole('heading', { name: 'Import files' }).waitFor();
    // engine progress reports reach the page through the token-carrying stream (strings: test/ has no DOM types)
    await page.evaluate(`(() => {
      window.__reports = 0;
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('[data-updates]')) window.__reports = Math.max(window.__reports, Number(bar.getAttribute('data-updates')));
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);
    await app.importFiles([join(FIXTURES, 'postfix-maillog.log')]);
    expect(await page.evaluate('window.__reports')).toBeGreaterThan(0);
    for (const kind of ['/api/', '/host/upload', '/host/import', '/host/events']) expect(toHost.some((r) => r.url.includes(kind))).toBe(true);
    expect(toHost.filter((r) => r.token !== token)).toEqual([]);
    await expect.poll(() => app.pastImports().getByRole('rowheader', { name: 'postfix-maillog.log' }).isVisible()).toBe(true);
    expect(page.url()).not.toContain(token);

    // nothing for the browser to send elsewhere
    expect(await page.evaluate('document.cookie')).toBe('');
    expect(await context.cookies()).toEqual([]);

    // a reload keeps working: the tab kept the token for its own origin
    await page.reload();
    await expect.poll(() => page.getByRole('navigation').isVisible()).toBe(true);
    await app.open(/^Import$/);
    await expect.poll(() => app.pastImports().getByRole('rowheader', { name: 'postfix-maillog.log' }).isVisible(), { timeout: 15_000 }).toBe(true);

    // the same browser visits another server on 127.0.0.1, by both names
    for (const host of ['127.0.0.1', 'localhost']) {
      const visit = await context.newPage();
      await visit.goto(`http://${host}:${other.port}/`);
      await visit.waitForLoadState('load');
      await visit.close();
    }
    expect(other.seen.length).toBeGreaterThanOrEqual(2);
    for (const request of other.seen) {
      expect(request.headers.cookie).toBeUndefined();
      expect(JSON.stringify(request.headers)).not.toContain(token);
      expect(request.url).not.toContain(token);
    }
  });

  it('refuses every API call that lacks the token header, even from the app’s own page', async () => {
    await page.goto(new URL('/', served.url).href);
    // the browser's own fetch, with whatever it would send on its own (cookies included)
    const status = await page.evaluate(
      `fetch('api/listImports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', credentials: 'include' }).then((r) => r.status)`,
    );
    expect(status).toBe(401);
    const upload = await page.evaluate(`fetch('host/upload', { method: 'POST', body: 'x', credentials: 'include' }).then((r) => r.status)`);
    expect(upload).toBe(401);

    // and from outside the browser: without the header, with the token as a cookie, with a wrong one
    const api = new URL('/api/listImports', served.url).href;
    const json = { 'content-type': 'application/json' };
    expect((await fetch(api, { method: 'POST', headers: json, body: '{}' })).status).toBe(401);
    expect((await fetch(api, { method: 'POST', headers: { ...json, cookie: `rebond_token=${token}` }, body: '{}' })).status).toBe(401);
    expect((await fetch(api, { method: 'POST', headers: { ...json, 'x-rebond-token': `${token}x` }, body: '{}' })).status).toBe(401);
    const allowed = await fetch(api, { method: 'POST', headers: { ...json, 'x-rebond-token': token }, body: '{}' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('set-cookie')).toBeNull();
  });
});
