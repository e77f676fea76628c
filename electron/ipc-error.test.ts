/**
 * An error thrown in the engine reaches the renderer with its problem's code and parameters,
 * though Electron's `ipcMain.handle` sends the renderer the error's message alone (mocked here as
 * Electron does it: "Error invoking remote method '<channel>': <Name>: <message>").
 */
import { describe, expect, it } from 'vitest';
import { problem, ProblemError } from '../core/model/problems';
import { electronTransport } from '../renderer/transport/electron';
import type { RebondBridge } from '../renderer/transport/bridge';
import { EngineError } from '../renderer/transport/transport';
import { IPC_ERROR_MARK as RENDERER_MARK } from '../renderer/transport/ipc-error';
import type { DispatchEngine } from './engine-dispatch';
import { registerIpcHandlers } from './ipc';
import { IPC_ERROR_MARK } from './ipc-error';
import { APP_URL } from './security';
import { wire } from './wired-engine';

/** The utility process, the main process's handlers, Electron's IPC and the preload, in memory. */
function app(engine: Partial<DispatchEngine>) {
  const { client } = wire(engine);
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  registerIpcHandlers({ handle: (channel, listener) => handlers.set(channel, listener as never) }, client);
  // what ipcRenderer.invoke gives the preload: the result, or a new Error with the message only
  const invoke = async (channel: string, request: unknown) => {
    try {
      return structuredClone(await handlers.get(channel)!({ senderFrame: { url: APP_URL, parent: null } }, request));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`);
    }
  };
  const bridge = new Proxy({} as RebondBridge, {
    get: (_target, name: string) => (request: unknown) => invoke(`engine:${name}`, request),
  });
  return electronTransport(bridge);
}

async function failure(call: Promise<unknown>): Promise<EngineError> {
  try {
    await call;
  } catch (error) {
    return error as EngineError;
  }
  throw new Error('the call did not fail');
}

describe('engine errors over Electron’s IPC', () => {
  it('reach the renderer with their problem’s code and parameters', async () => {
    const refused = problem('release.nothingToRelease', { address: 'paul.durand@orange.fr', status: 'ok' });
    const transport = app({
      release: async () => {
        throw new ProblemError(refused, 'paul.durand@orange.fr is not in quarantine or on the blacklist (status: ok); there is nothing to release.');
      },
    });
    const error = await failure(transport.call('release', { address: 'paul.durand@orange.fr', reason: 'asked' }));
    expect(error).toBeInstanceOf(EngineError);
    expect(error.problem).toEqual(refused);
    // the words shown when no code is worded: the engine's, without Electron's prefix or the mark
    expect(error.message).toBe('paul.durand@orange.fr is not in quarantine or on the blacklist (status: ok); there is nothing to release.');
  });

  it('keep the file and line of an error that has them, and plain words for one without a code', async () => {
    const transport = app({
      removeImport: async () => {
        throw Object.assign(new Error('janvier.csv: line 12 is broken.'), { file: 'janvier.csv', line: 12 });
      },
    });
    const error = await failure(transport.call('removeImport', { id: 3 }));
    expect(error).toMatchObject({ message: 'janvier.csv: line 12 is broken.', file: 'janvier.csv', line: 12, problem: undefined });
  });

  it('keep the main process’s own refusals readable', async () => {
    const transport = app({});
    const error = await failure(transport.call('address', { address: 5 } as never));
    expect(error.message).toBe("The request to “address” is not valid: “address” must be a text.");
    expect(error.message).not.toContain(IPC_ERROR_MARK);
  });

  it('use the same mark on both sides', () => {
    expect(RENDERER_MARK).toBe(IPC_ERROR_MARK);
  });
});
