import { describe, expect, it, vi } from 'vitest';
import { EXTERNAL_LINK_HOSTS } from './external-links';
import {
  APP_URL,
  CONTENT_SECURITY_POLICY,
  denyAllPermissions,
  guardNavigation,
  isSafeExternalUrl,
  isTrustedSender,
  secureWebPreferences,
  withContentSecurityPolicy,
} from './security';

describe('the window web preferences', () => {
  it('isolate the page from Node and Electron', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });
});

describe('the content security policy', () => {
  it('allows scripts from the app only: no inline, no eval, no remote', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('replaces whatever policy a response carried', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

function fakeContents() {
  const listeners = new Map<string, (event: { url?: string; preventDefault(): void }) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    contents: {
      setWindowOpenHandler: (handler: typeof openHandler) => {
        openHandler = handler;
      },
      on: (name: string, listener: (event: { url?: string; preventDefault(): void }) => void) => {
        listeners.set(name, listener);
      },
    },
    fire(name: string, url?: string) {
      const event = { url, preventDefault: vi.fn() };
      listeners.get(name)?.(event);
      return event.preventDefault.mock.calls.length > 0;
    },
    open: (url: string) => openHandler!({ url }),
  };
}

describe('the navigation guard', () => {
  it('keeps the window on the app and refuses everything else', () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const fake = fakeContents();
    guardNavigation(fake.contents as never, shell);
    expect(fake.fire('will-navigate', APP_URL)).toBe(false);
    expect(fake.fire('will-navigate', 'app://rebond/assets/index.js')).toBe(false);
    expect(fake.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fake.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fake.fire('will-navigate', 'app://other/index.html')).toBe(true);
    expect(fake.fire('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(fake.fire('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(fake.fire('will-attach-webview')).toBe(true);
  });

  it('denies every new window; links to an allowed host go to the browser, others nowhere', () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const fake = fakeContents();
    guardNavigation(fake.contents as never, shell);
    expect(fake.open('https://postmaster.google.com/')).toEqual({ action: 'deny' });
    expect(fake.open('https://evil.example/login')).toEqual({ action: 'deny' });
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(fake.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://postmaster.google.com/');
  });

  it('opens externally only plain https links to a host on the allow-list', () => {
    expect(isSafeExternalUrl('https://support.google.com/mail/?p=OverQuotaTemp')).toBe(true);
    expect(isSafeExternalUrl('https://SUPPORT.Google.com/mail/')).toBe(true);
    // any https site is not enough
    expect(isSafeExternalUrl('https://example.com/')).toBe(false);
    // look-alikes of an allowed host
    expect(isSafeExternalUrl('https://support.google.com.evil.example/')).toBe(false);
    expect(isSafeExternalUrl('https://evil.support.google.com/')).toBe(false);
    expect(isSafeExternalUrl('https://support.google.com@evil.example/')).toBe(false);
    expect(isSafeExternalUrl('https://suppоrt.google.com/')).toBe(false); // Cyrillic о
    expect(isSafeExternalUrl('https://support.google.com:8443/')).toBe(false);
    expect(isSafeExternalUrl('http://support.google.com/')).toBe(false);
    expect(isSafeExternalUrl('https://user:pw@support.google.com/')).toBe(false);
    expect(isSafeExternalUrl('smb://server/share')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });

  it('takes its hosts from the allow-list data, every entry saying why', () => {
    expect(EXTERNAL_LINK_HOSTS.length).toBeGreaterThan(0);
    for (const { host, why } of EXTERNAL_LINK_HOSTS) {
      expect(new URL(`https://${host}/`).hostname, 'a plain lower-case host name').toBe(host);
      expect(why.length).toBeGreaterThan(10);
      expect(isSafeExternalUrl(`https://${host}/some/page?q=1`)).toBe(true);
    }
    expect(isSafeExternalUrl('https://example.org/', ['example.org'])).toBe(true);
    expect(isSafeExternalUrl('https://support.google.com/', ['example.org'])).toBe(false);
  });
});

describe('the IPC sender check', () => {
  it('trusts only the app page in the top frame', () => {
    expect(isTrustedSender({ senderFrame: { url: APP_URL, parent: null } })).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'https://evil.example/', parent: null } })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: APP_URL, parent: {} } })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'file:///tmp/x.html', parent: null } })).toBe(false);
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
  });
});

describe('permissions', () => {
  it('are all refused', () => {
    let request: ((wc: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: ((wc: unknown, p: string) => boolean) | undefined;
    denyAllPermissions({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h) });
    const callback = vi.fn();
    request!({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check!({}, 'clipboard-read')).toBe(false);
  });
});
