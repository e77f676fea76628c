import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../core/contract';
import { EngineClient, type EngineChild } from './engine-client';
import { createDispatcher, type DispatchEngine } from './engine-dispatch';
import type { EngineReply } from './engine-messages';

/** main ⇄ utility process, wired in memory: what crosses is exactly what would cross the port. */
function wire(engine: Partial<DispatchEngine>) {
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

describe('the engine utility process bridge', () => {
  it('answers named calls and carries engine errors as readable messages', async () => {
    const { client } = wire({
      searchAddresses: async ({ query }) => [{ address: `${query}@gmail.com`, events: 3, lastEventTime: null }],
      removeImport: async () => {
        throw new Error('There is no import number 7.');
      },
    });
    await expect(client.call('searchAddresses', { query: 'jean' })).resolves.toEqual([{ address: 'jean@gmail.com', events: 3, lastEventTime: null }]);
    await expect(client.call('removeImport', { id: 7 })).rejects.toThrow('There is no import number 7.');
  });

  it('refuses names that are not Engine methods', async () => {
    const { client } = wire({ close: async () => undefined } as unknown as Partial<DispatchEngine>);
    await expect(client.call('close' as never, {})).rejects.toThrow(/no such method/);
  });

  it('forwards import progress', async () => {
    const { progress, emit } = wire({});
    await new Promise((r) => setTimeout(r, 0));
    emit({ path: '/tmp/a.log', phase: 'reading', bytesRead: 10, totalBytes: 100, rows: 4, fraction: 0.5 });
    await new Promise((r) => setTimeout(r, 0));
    expect(progress).toEqual([{ path: '/tmp/a.log', phase: 'reading', bytesRead: 10, totalBytes: 100, rows: 4, fraction: 0.5 }]);
  });
});
