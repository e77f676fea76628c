/**
 * The main process answers the preload's named calls — only from our own page (isTrustedSender),
 * and only with requests of the shape each Engine method takes (ipc-requests.ts, the browser
 * host's rules). There is no channel to open links: the renderer opens none (see external-links.ts).
 */
import { ENGINE_METHODS, type EngineMethod } from '../core/contract';
import { engineChannel } from './channels';
import { errorForIpc } from './ipc-error';
import { checkedRequest } from './ipc-requests';
import { isTrustedSender, type SenderEvent } from './security';

export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => Promise<unknown>): void;
}

export interface EngineCaller {
  call(method: EngineMethod, request: unknown): Promise<unknown>;
}

export class UntrustedSenderError extends Error {
  constructor() {
    super('Refused: this request does not come from the Rebond window.');
  }
}

export function registerIpcHandlers(ipcMain: IpcMainLike, engine: EngineCaller): void {
  for (const method of ENGINE_METHODS) {
    ipcMain.handle(engineChannel(method), async (event, request) => {
      try {
        if (!isTrustedSender(event)) throw new UntrustedSenderError();
        // no argument is an empty request (`listImports()`); anything else must have the method's shape
        return await engine.call(method, checkedRequest(method, request ?? {}));
      } catch (error) {
        // Electron sends the renderer the message alone: it carries the problem's code (ipc-error.ts)
        throw errorForIpc(error);
      }
    });
  }
}
