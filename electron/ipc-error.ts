/**
 * An engine error over Electron's IPC. `ipcMain.handle` sends the renderer only the error's
 * message ("Error invoking remote method 'engine:x': Error: …"): the problem's code and
 * parameters, the file and the line would be lost, and the French app would show English words.
 * So the message carries them after a mark, as JSON; renderer/transport/ipc-error.ts reads them
 * back (the two marks are the same text, checked by electron/ipc-error.test.ts).
 */
import type { EngineErrorBody } from '../core/contract';
import { errorBody } from './engine-messages';

export const IPC_ERROR_MARK = '\u241Erebond-error:';

/** `error`, its message now carrying its body for the renderer. */
export function errorForIpc(error: unknown): Error {
  const body: EngineErrorBody = errorBody(error);
  const out = error instanceof Error ? error : new Error(body.message);
  if (!out.message.includes(IPC_ERROR_MARK)) out.message = `${body.message}${IPC_ERROR_MARK}${JSON.stringify(body)}`;
  return out;
}
