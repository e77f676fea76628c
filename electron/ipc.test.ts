import { describe, expect, it, vi } from 'vitest';
import { ENGINE_METHODS } from '../core/contract';
import { registerIpcHandlers } from './ipc';
import { APP_URL } from './security';

function setup() {
  const handlers = new Map<string, (event: { senderFrame: { url: string; parent: unknown } | null }, ...args: unknown[]) => Promise<unknown>>();
  const engine = { call: vi.fn(async (method: string, request: unknown) => ({ method, request })) };
  const shell = { openExternal: vi.fn(async () => undefined) };
  registerIpcHandlers({ handle: (channel, listener) => handlers.set(channel, listener) }, engine, shell);
  return { handlers, engine, shell };
}

const ours = { senderFrame: { url: APP_URL, parent: null } };

describe('the IPC handlers', () => {
  it('cover exactly the Engine methods and the link opener', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual([...ENGINE_METHODS.map((m) => `engine:${m}`), 'shell:openExternal'].sort());
  });

  it('pass our page’s calls to the engine', async () => {
    const { handlers, engine } = setup();
    await expect(handlers.get('engine:searchAddresses')!(ours, { query: 'jean' })).resolves.toEqual({ method: 'searchAddresses', request: { query: 'jean' } });
    expect(engine.call).toHaveBeenCalledTimes(1);
  });

  it('refuse calls from any other frame, and never reach the engine', async () => {
    const { handlers, engine } = setup();
    for (const senderFrame of [null, { url: 'https://evil.example/', parent: null }, { url: APP_URL, parent: {} }]) {
      await expect(handlers.get('engine:removeImport')!({ senderFrame }, { id: 1 })).rejects.toThrow(/Refused/);
    }
    expect(engine.call).not.toHaveBeenCalled();
  });

  it('open only https links', async () => {
    const { handlers, shell } = setup();
    await handlers.get('shell:openExternal')!(ours, 'https://postmaster.live.com/');
    await expect(handlers.get('shell:openExternal')!(ours, 'file:///etc/passwd')).rejects.toThrow(/https/);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });
});
