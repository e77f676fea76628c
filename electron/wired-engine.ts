/**
 * For the tests: the main process's engine client and the utility process's dispatcher, wired
 * in memory, so that what crosses is exactly what would cross the port (structured clones).
 */
import type { ImportProgress } from '../core/contract';
import { EngineClient, type EngineChild } from './engine-client';
import { createDispatcher, type DispatchEngine } from './engine-dispatch';
import type { EngineReply } from './engine-messages';

/** main ⇄ utility process, wired in memory: what crosses is exactly what would cross the port. */
export function wire(engine: Partial<DispatchEngine>) {
  const progressListeners = new Set<(p: ImportProgress) => void>();
  const full = {
    ...engine,
    on: (_e: 'importProgress', l: (p: ImportProgress) => void) => {
      progressListeners.add(l);
      return () => progressListeners.delete(l);
    },
  } as DispatchEngine;
  const toMain = new Set<(reply: EngineReply) => void>();
  const dispatch = createDispatcher(Promise.resolve(full), (reply) => {
    const copy = structuredClone(reply);
    queueMicrotask(() => toMain.forEach((l) => l(copy)));
  });
  const child: EngineChild = {
    postMessage: (message) => void dispatch(structuredClone(message)),
    on: (event: 'message' | 'exit', listener: never) => {
      if (event === 'message') toMain.add(listener);
      return child;
    },
    kill: () => true,
  };
  const progress: ImportProgress[] = [];
  const client = new EngineClient(child, (p) => progress.push(p));
  return { client, progress, emit: (p: ImportProgress) => progressListeners.forEach((l) => l(p)) };
}
