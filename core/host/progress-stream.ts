/**
 * `GET /host/events`: import progress, one JSON object a line, to every open page (fetch can send
 * the token header; EventSource cannot).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ImportProgress } from '../contract';
import { idleUntilAnswered } from './connection-limits';
import { SECURITY_HEADERS } from './guard';

/** a comment line on the progress stream, so that a dead tab is noticed and the socket stays busy */
const EVENTS_HEARTBEAT_MS = 15_000;

export interface ProgressSource {
  on(event: 'importProgress', listener: (progress: ImportProgress) => void): () => void;
}

export class ProgressStreams {
  private readonly streams = new Set<ServerResponse>();
  private readonly unsubscribe: () => void;

  constructor(source: ProgressSource) {
    this.unsubscribe = source.on('importProgress', (progress) => {
      const frame = `${JSON.stringify(progress)}\n`;
      for (const res of this.streams) res.write(frame);
    });
  }

  open(req: IncomingMessage, res: ServerResponse): void {
    idleUntilAnswered(req);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    // an empty line: the page's reader skips it; it proves the stream is open
    res.write('\n');
    this.streams.add(res);
    const heartbeat = setInterval(() => res.write('\n'), EVENTS_HEARTBEAT_MS);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      this.streams.delete(res);
    });
  }

  close(): void {
    this.unsubscribe();
    for (const res of this.streams) res.end();
    this.streams.clear();
  }
}
