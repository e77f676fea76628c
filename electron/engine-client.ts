/** The main process's handle on the engine utility process: named calls in, answers and progress out. */
import type { EngineErrorBody, EngineMethod, ImportProgress } from '../core/contract';
import type { EngineCall, EngineReply, EngineShutdown } from './engine-messages';

export interface EngineChild {
  postMessage(message: EngineCall | EngineShutdown): void;
  on(event: 'message', listener: (message: EngineReply) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export class EngineFailure extends Error {
  constructor(body: EngineErrorBody) {
    super(body.message);
    this.name = 'EngineFailure';
    Object.assign(this, body.file ? { file: body.file } : {}, body.line ? { line: body.line } : {}, body.problem ? { problem: body.problem } : {});
  }
}

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private exited: string | null = null;

  constructor(
    private readonly child: EngineChild,
    onProgress: (progress: ImportProgress) => void,
    onFatal: (message: string) => void = () => undefined,
  ) {
    child.on('message', (reply) => {
      if ('event' in reply) {
        if (reply.event === 'importProgress') onProgress(reply.payload);
        if (reply.event === 'fatal') onFatal(reply.error.message);
        return;
      }
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new EngineFailure(reply.error));
    });
    child.on('exit', (code) => {
      this.exited = `The Rebond engine stopped (code ${code}). Restart Rebond.`;
      for (const waiting of this.pending.values()) waiting.reject(new Error(this.exited));
      this.pending.clear();
    });
  }

  call(method: EngineMethod, request: unknown): Promise<unknown> {
    if (this.exited) return Promise.reject(new Error(this.exited));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.postMessage({ id, method, request });
    });
  }

  /** lets the engine close DuckDB (flushing its log); kills it if it has not left in time */
  stop(graceMs = 3000): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.child.kill();
        resolve();
      }, graceMs);
      this.child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.postMessage({ control: 'shutdown' });
    });
  }
}
