/** The messages between the main process and the engine's utility process. */
import type { EngineErrorBody, EngineMethod, ImportProgress } from '../core/contract';
import type { Problem } from '../core/model/problems';

export interface EngineCall {
  id: number;
  method: EngineMethod;
  request: unknown;
}

/** asks the engine process to close the database cleanly and exit */
export interface EngineShutdown {
  control: 'shutdown';
}

export type EngineReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: EngineErrorBody }
  | { event: 'importProgress'; payload: ImportProgress }
  | { event: 'ready' }
  | { event: 'fatal'; error: EngineErrorBody };

export function errorBody(error: unknown): EngineErrorBody {
  const body: EngineErrorBody = { message: error instanceof Error ? error.message : String(error) };
  const extra = error as { file?: unknown; line?: unknown; problem?: unknown } | null;
  // a ProblemError's code and parameters (core/model/problems.ts): the renderer words them
  if (extra && isProblem(extra.problem)) body.problem = extra.problem;
  if (extra && typeof extra.file === 'string') body.file = extra.file;
  if (extra && typeof extra.line === 'number') body.line = extra.line;
  return body;
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as { code?: unknown; params?: unknown };
  return typeof p.code === 'string' && typeof p.params === 'object' && p.params !== null && !Array.isArray(p.params);
}
