/**
 * An engine error as it arrives over Electron's IPC: a message only, which carries the problem's
 * code, its parameters, the file and the line after a mark (electron/ipc-error.ts writes it).
 * Read back here, so that the screens word the problem in the app's language.
 */
import type { EngineErrorBody } from '../../core/contract';
import type { Problem } from '../../core/model/problems';

export const IPC_ERROR_MARK = '\u241Erebond-error:';

/** What an IPC error says; an error without the mark keeps its words, without Electron's prefix. */
export function readIpcError(message: string): EngineErrorBody {
  const at = message.indexOf(IPC_ERROR_MARK);
  const plain = (at < 0 ? message : message.slice(0, at)).replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, '');
  if (at < 0) return { message: plain };
  try {
    const body = JSON.parse(message.slice(at + IPC_ERROR_MARK.length)) as Partial<EngineErrorBody>;
    return {
      message: typeof body.message === 'string' ? body.message : plain,
      ...(isProblem(body.problem) ? { problem: body.problem } : {}),
      ...(typeof body.file === 'string' ? { file: body.file } : {}),
      ...(typeof body.line === 'number' ? { line: body.line } : {}),
    };
  } catch {
    return { message: plain };
  }
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as { code?: unknown; params?: unknown };
  return typeof p.code === 'string' && typeof p.params === 'object' && p.params !== null && !Array.isArray(p.params);
}
