import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../core/contract';
import type { DispatchEngine } from './engine-dispatch';
import { wire } from './wired-engine';

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
