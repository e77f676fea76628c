/**
 * How long the host waits for a browser, and how many connections it keeps. Without limits a
 * client that sends half its headers, or a body that never ends, holds a socket for ever.
 *
 * There is no limit on a request's total time: an upload streams hundreds of megabytes (4 GB at
 * most) and may take many minutes on a slow disk. Instead the socket may stay *silent* only so
 * long while the host waits for the client. Once the request has fully arrived the host is the
 * one working (an import, or a call queued behind one, may take minutes with nothing to send),
 * so the silence limit is lifted until the answer is sent (idleUntilAnswered); Node puts it back
 * for the next request on the same connection.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';

export interface ConnectionLimits {
  /** the whole header block must arrive within this time (Node answers 408 otherwise) */
  headersTimeoutMs: number;
  /** a socket on which the client sends nothing for this long, while the host waits for it, is closed */
  idleTimeoutMs: number;
  /** an open connection between two requests */
  keepAliveTimeoutMs: number;
  /** connections at once; past this, new ones are closed at once (a browser opens about 6 a host) */
  maxConnections: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 20_000,
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 64,
};

export function createLimitedServer(limits: ConnectionLimits, listener: RequestListener): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      // no total limit: see above (the idle timeout below takes its place)
      requestTimeout: 0,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // how often Node looks for late headers: often enough for the limit to mean what it says
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    listener,
  );
  server.setTimeout(limits.idleTimeoutMs);
  server.maxConnections = limits.maxConnections;
  return server;
}

/** The request has fully arrived and the host works on the answer: silence is the host's, not the client's. */
export function idleUntilAnswered(req: IncomingMessage): void {
  req.socket.setTimeout(0);
}
