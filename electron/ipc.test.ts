import { describe, expect, it, vi } from 'vitest';
import { ENGINE_METHODS, type EngineMethod } from '../core/contract';
import { checkedRequest } from './ipc-requests';
import { registerIpcHandlers } from './ipc';
import { APP_URL } from './security';

function setup() {
  const handlers = new Map<string, (event: { senderFrame: { url: string; parent: unknown } | null }, ...args: unknown[]) => Promise<unknown>>();
  const engine = { call: vi.fn(async (method: string, request: unknown) => ({ method, request })) };
  registerIpcHandlers({ handle: (channel, listener) => handlers.set(channel, listener) }, engine);
  return { handlers, engine };
}

const ours = { senderFrame: { url: APP_URL, parent: null } };

describe('the IPC handlers', () => {
  it('cover exactly the Engine methods: no channel opens links', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(ENGINE_METHODS.map((m) => `engine:${m}`).sort());
  });

  it('pass our page’s calls to the engine', async () => {
    const { handlers, engine } = setup();
    await expect(handlers.get('engine:searchAddresses')!(ours, { query: 'jean' })).resolves.toEqual({ method: 'searchAddresses', request: { query: 'jean' } });
    await expect(handlers.get('engine:listImports')!(ours)).resolves.toEqual({ method: 'listImports', request: {} });
    expect(engine.call).toHaveBeenCalledTimes(2);
  });

  it('refuse calls from any other frame, and never reach the engine', async () => {
    const { handlers, engine } = setup();
    for (const senderFrame of [null, { url: 'https://evil.example/', parent: null }, { url: APP_URL, parent: {} }]) {
      await expect(handlers.get('engine:removeImport')!({ senderFrame }, { id: 1 })).rejects.toThrow(/Refused/);
    }
    expect(engine.call).not.toHaveBeenCalled();
  });

  it('refuse a request of the wrong shape in plain words, and never reach the engine', async () => {
    const { handlers, engine } = setup();
    const refused: [string, unknown, RegExp][] = [
      ['engine:address', { address: 5 }, /“address” must be a text/],
      ['engine:address', 'jean@gmail.com', /must be an object/],
      ['engine:addresses', { status: 'everything' }, /“status” must be one of/],
      ['engine:removeImport', { id: '1; DROP TABLE events' }, /“id” must be a number/],
      ['engine:unknowns', { limit: -3 }, /“limit” is out of range/],
      ['engine:releaseRisk', { addresses: 'a@b.fr' }, /“addresses” must be a list/],
      ['engine:importFiles', { paths: '/etc/passwd' }, /“paths” must be a list of file paths/],
      ['engine:importFiles', { paths: [] }, /“paths” must be a list of file paths/],
      ['engine:importFiles', { paths: ['/home/agent/a.csv'], format: 'sendmail' }, /“format” must be one of/],
      ['engine:importFiles', { paths: ['/home/agent/a.csv'], year: 'last' }, /“year” must be/],
    ];
    for (const [channel, request, words] of refused) {
      const answer = handlers.get(channel)!(ours, request);
      await expect(answer, `${channel} ${JSON.stringify(request)}`).rejects.toThrow(words);
      await expect(answer).rejects.toMatchObject({ name: 'InvalidRequestError' });
    }
    expect(engine.call).not.toHaveBeenCalled();
  });

  it('give the engine only the fields each method takes', async () => {
    const { handlers, engine } = setup();
    await handlers.get('engine:address')!(ours, { address: 'jean@gmail.com', lang: 'fr', sql: 'DROP TABLE events' });
    expect(engine.call).toHaveBeenLastCalledWith('address', { address: 'jean@gmail.com', lang: 'fr' });
    await handlers.get('engine:importFiles')!(ours, { paths: ['/home/agent/Downloads/maillog'], format: 'postfix', year: 2021, extra: 1 });
    expect(engine.call).toHaveBeenLastCalledWith('importFiles', { paths: ['/home/agent/Downloads/maillog'], format: 'postfix', year: 2021 });
  });

  it('refuse a method whose requests no rule checks, rather than pass it unchecked', () => {
    expect(() => checkedRequest('dropEverything' as EngineMethod, {})).toThrow(/has no method/);
  });
});
