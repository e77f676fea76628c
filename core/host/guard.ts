/**
 * Who may talk to the browser host: only a page opened with this run's token, addressed as
 * 127.0.0.1 or localhost on our port. The Host check defeats DNS rebinding (a web page that
 * renames itself 127.0.0.1); the token defeats other local pages and processes guessing the port.
 *
 * The token travels in a request header, never in a cookie: browsers do not separate cookies by
 * port, so a cookie set here would be sent to every other server on 127.0.0.1 the browser visits.
 * The page reads it from the address's #fragment (which never reaches any server) and keeps it
 * in its own origin's sessionStorage, which another port cannot read.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** the request header every API call and upload carries (lower case: Node's header names) */
export const TOKEN_HEADER = 'x-rebond-token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function allowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

/** A request that carries an Origin (fetch, XHR, EventSource) must come from our own page. */
export function allowedOrigin(originHeader: string | undefined, port: number): boolean {
  if (originHeader === undefined) return true;
  return originHeader === `http://127.0.0.1:${port}` || originHeader === `http://localhost:${port}`;
}

/** The token a request carries in its header; a cookie, even one named like the old one, is ignored. */
export function requestToken(req: IncomingMessage): string | undefined {
  const header = req.headers[TOKEN_HEADER];
  return typeof header === 'string' ? header : undefined;
}

/** The address `rebond serve` prints: the token after `#`, so no server, log or Referer sees it. */
export function pageUrl(port: number, token: string): string {
  return `http://127.0.0.1:${port}/#token=${token}`;
}

/** The page's own security headers: the same strict CSP as in Electron. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};
