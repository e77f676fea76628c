/** The main process answers the preload's named calls — only from our own page (isTrustedSender). */
import { ENGINE_METHODS, type EngineMethod } from '../core/contract';
import { engineChannel, OPEN_EXTERNAL_CHANNEL } from './channels';
import { isTrustedSender, openExternalSafely, type SenderEvent, type ShellLike } from './security';

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

export function registerIpcHandlers(ipcMain: IpcMainLike, engine: EngineCaller, shell: ShellLike): void {
  for (const method of ENGINE_METHODS) {
    ipcMain.handle(engineChannel(method), async (event, request) => {
      if (!isTrustedSender(event)) throw new UntrustedSenderError();
      return engine.call(method, request ?? {});
    });
  }
  ipcMain.handle(OPEN_EXTERNAL_CHANNEL, async (event, url) => {
    if (!isTrustedSender(event)) throw new UntrustedSenderError();
    if (typeof url !== 'string' || !(await openExternalSafely(shell, url))) throw new Error('Only https links can be opened.');
  });
}
