/**
 * The engine process's side: answers named calls from the main process with the Engine's
 * methods — ENGINE_METHODS only, never an arbitrary property of the engine object.
 */
import { ENGINE_METHODS, type EngineApi, type ImportProgress } from '../core/contract';
import { errorBody, type EngineCall, type EngineReply } from './engine-messages';

const METHODS = new Set<string>(ENGINE_METHODS);

export interface DispatchEngine extends EngineApi {
  on(event: 'importProgress', listener: (progress: ImportProgress) => void): () => void;
}

export function isEngineCall(message: unknown): message is EngineCall {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Partial<EngineCall>;
  return typeof m.id === 'number' && typeof m.method === 'string' && METHODS.has(m.method);
}

export function createDispatcher(engine: Promise<DispatchEngine>, post: (reply: EngineReply) => void) {
  engine.then(
    (ready) => {
      ready.on('importProgress', (payload) => post({ event: 'importProgress', payload }));
      post({ event: 'ready' });
    },
    (error: unknown) => post({ event: 'fatal', error: errorBody(error) }),
  );
  return async function dispatch(message: unknown): Promise<void> {
    if (!isEngineCall(message)) {
      const id = (message as { id?: unknown } | null)?.id;
      if (typeof id === 'number') post({ id, ok: false, error: { message: 'Rebond has no such method.' } });
      return;
    }
    try {
      const ready = await engine;
      const method = ready[message.method] as (request: unknown) => Promise<unknown>;
      const request = typeof message.request === 'object' && message.request !== null ? message.request : {};
      post({ id: message.id, ok: true, result: await method.call(ready, request) });
    } catch (error) {
      post({ id: message.id, ok: false, error: errorBody(error) });
    }
  };
}
