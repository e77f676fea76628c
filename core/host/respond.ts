/** The host's JSON answers: one shape, the security headers, never cached. */
import type { ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from './guard';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}
