/**
 * The Electron security baseline (ARCHITECTURE.md), as small functions the tests can call:
 * locked-down web preferences, a strict CSP, no window.open and no navigation away from the app,
 * IPC accepted only from our own page, external links only to allowed https hosts, through the
 * shell. Typed structurally so the tests need no Electron.
 */
import { EXTERNAL_LINK_HOSTS } from './external-links';

/** The app is served from a custom, privileged scheme (not file://): one origin, nothing else. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rebond';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // a file dropped beside the drop zone must not replace the app with that file
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  } as const;
}

export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Only plain https links to a host on the allow-list (external-links.ts), on the default port and
 * without credentials, may leave for the browser. URL() lower-cases the host and turns an
 * internationalised one into its punycode, so a look-alike host does not match.
 */
export function isSafeExternalUrl(url: string, allowedHosts: readonly string[] = EXTERNAL_LINK_HOSTS.map((h) => h.host)): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'https:' &&
      parsed.port === '' &&
      parsed.username === '' &&
      parsed.password === '' &&
      allowedHosts.includes(parsed.hostname)
    );
  } catch {
    return false;
  }
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

export async function openExternalSafely(shell: ShellLike, url: string): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  await shell.openExternal(url);
  return true;
}

/** Adds the CSP to every response the session receives (session.webRequest.onHeadersReceived). */
export function withContentSecurityPolicy(headers: Record<string, string[] | string> | undefined): Record<string, string[] | string> {
  const result: Record<string, string[] | string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

interface PreventableEvent {
  preventDefault(): void;
}
interface NavigationEvent extends PreventableEvent {
  url: string;
}
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

/** No new windows (links to allowed hosts go to the user's browser instead), no navigation away, no webviews. */
export function guardNavigation(contents: GuardedContents, shell: ShellLike): void {
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(shell, url).catch(() => undefined);
    return { action: 'deny' };
  });
  const stayInApp = (event: NavigationEvent) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface SenderEvent {
  readonly senderFrame: { readonly url: string; readonly parent?: unknown } | null;
}

/** IPC is answered only for our own top-level page: not an iframe, not a page navigated elsewhere. */
export function isTrustedSender(event: SenderEvent): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent) return false;
  return isAppUrl(frame.url);
}

export interface PermissionSession<W, C> {
  setPermissionRequestHandler(handler: (webContents: W, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: C, permission: string) => boolean): void;
}

/** Rebond needs no camera, microphone, geolocation, notifications…: every permission is refused. */
export function denyAllPermissions<W, C>(session: PermissionSession<W, C>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
