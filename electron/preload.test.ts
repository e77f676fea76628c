import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ENGINE_METHODS } from '../core/contract';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (..._args: unknown[]) => ({ answered: true }));
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke,
    on: (channel: string, l: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(l);
    },
    removeListener: (channel: string, l: (...args: unknown[]) => void) => listeners.get(channel)?.delete(l),
  },
  webUtils: { getPathForFile: (file: { name: string }) => `/home/agent/Downloads/${file.name}` },
}));

describe('the preload', () => {
  beforeEach(async () => {
    await import('./preload');
  });

  it('exposes named functions only: one per Engine method plus the shell’s own, none that opens links', () => {
    const api = exposed.rebond as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...ENGINE_METHODS, 'onImportProgress', 'getPathForFile', 'onMenuImport', 'onMenuLanguage'].sort());
    expect(api).not.toHaveProperty('openExternal');
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('send');
  });

  it('calls each Engine method on its own channel', async () => {
    const api = exposed.rebond as Record<string, (req: unknown) => Promise<unknown>>;
    await expect(api.address({ address: 'jean@gmail.com' })).resolves.toEqual({ answered: true });
    expect(invoke).toHaveBeenLastCalledWith('engine:address', { address: 'jean@gmail.com' });
    await api.overview({ bucket: 'day' });
    expect(invoke).toHaveBeenLastCalledWith('engine:overview', { bucket: 'day' });
  });

  it('forwards import progress and stops when unsubscribed', () => {
    const api = exposed.rebond as { onImportProgress(l: (p: unknown) => void): () => void };
    const seen: unknown[] = [];
    const stop = api.onImportProgress((p) => seen.push(p));
    for (const l of listeners.get('engine:importProgress')!) l({}, { path: '/a.log', rows: 10 });
    stop();
    expect(listeners.get('engine:importProgress')!.size).toBe(0);
    expect(seen).toEqual([{ path: '/a.log', rows: 10 }]);
  });

  it('gives the engine the path of a dropped file', () => {
    const api = exposed.rebond as { getPathForFile(file: unknown): string };
    expect(api.getPathForFile({ name: 'maillog' })).toBe('/home/agent/Downloads/maillog');
  });
});
