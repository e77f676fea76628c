/**
 * What a failure looks like to the browser. Engine errors are written for people ("There is no
 * import number 5.") and pass through as they are; what is not — DuckDB's SQL internals, a bug's
 * TypeError, a policy file's contents quoted by a parser — becomes a plain sentence, and the
 * detail goes to the terminal running `rebond serve`.
 */
import type { EngineErrorBody } from '../contract';
import { problem, ProblemError, type Problem } from '../model/problems';
import { wordProblem } from '../model/problem-words';
import { policyFileCode, policyFileInMessage, policyFileProblem } from './policy-file';

/** A refusal by the host itself, with the HTTP status it answers with (and its problem, when it has a code). */
export class HttpError extends Error {
  readonly problem?: Problem;
  constructor(
    readonly status: number,
    said: string | Problem,
    /** with an English text of its own: the problem it words */
    coded?: Problem,
  ) {
    super(typeof said === 'string' ? said : wordProblem(said, 'en'));
    this.problem = typeof said === 'string' ? coded : said;
    this.name = 'HttpError';
  }
}

export interface PublicError {
  status: number;
  body: EngineErrorBody;
}

/**
 * DuckDB reports failures as `<Kind> Error: …` (exception.cpp, ExceptionTypeToString): SQL, plans
 * and column names a support agent cannot act on. `Invalid Input Error` is what DuckDB's own
 * `error()` raises, so it counts too.
 */
const DUCKDB_ERROR =
  /\b(?:Binder|Catalog|Conversion|Parser|Planner|Optimizer|Executor|Scheduler|Expression|Constraint|Dependency|Transaction|TransactionContext|Serialization|Sequence|Index|Stat|Connection|Syntax|Settings|Permission|IO|HTTP|Interrupt|INTERRUPT|INTERNAL|FATAL|Invalid|Invalid Input|Invalid type|Invalid Configuration|Out of Range|Out of Memory|Unknown Type|Decimal|Mismatch Type|Divide by Zero|Object Size|Not implemented|NullPointer|Parameter Not Resolved|Parameter Not Allowed|Missing Extension|Extension Autoloading) Error: /;

/** True when the text is DuckDB's own wording (SQL, plans, internal names), not Rebond's. */
export function isDatabaseText(message: string): boolean {
  return DUCKDB_ERROR.test(message);
}

/** JavaScript's own error classes mean a bug in Rebond, never a message meant for the user. */
const BUG_CLASSES = new Set(['TypeError', 'ReferenceError', 'SyntaxError', 'RangeError', 'EvalError', 'URIError']);

export const WORKSPACE_FAILED = wordProblem(problem('host.databaseError', {}), 'en');
export const UNEXPECTED_FAILURE = wordProblem(problem('host.unexpected', {}), 'en');
export const SYSTEM_FAILURE = wordProblem(problem('host.systemError', {}), 'en');

/** Node's own file and network errors (ENOENT, ENOSPC…): their text names paths on this machine. */
function isSystemError(error: unknown): boolean {
  const e = error as { code?: unknown; syscall?: unknown };
  return typeof e.code === 'string' && typeof e.syscall === 'string';
}

export async function publicError(error: unknown, log: (line: string) => void): Promise<PublicError> {
  if (error instanceof HttpError) return { status: error.status, body: { message: error.message, ...(error.problem ? { problem: error.problem } : {}) } };
  const message = error instanceof Error ? error.message : String(error);
  if (DUCKDB_ERROR.test(message)) {
    log(`rebond serve: database error: ${message}`);
    return { status: 500, body: { message: WORKSPACE_FAILED, problem: problem('host.databaseError', {}) } };
  }
  if (isSystemError(error)) {
    log(`rebond serve: system error: ${message}`);
    return { status: 500, body: { message: SYSTEM_FAILURE, problem: problem('host.systemError', {}) } };
  }
  if (!(error instanceof Error) || BUG_CLASSES.has(error.name)) {
    log(`rebond serve: unexpected error: ${error instanceof Error ? (error.stack ?? message) : message}`);
    return { status: 500, body: { message: UNEXPECTED_FAILURE, problem: problem('host.unexpected', {}) } };
  }
  // a policy file that stopped loading after it was chosen: the loader's message may quote the file
  const policyFile = policyFileInMessage(message);
  if (policyFile !== null) {
    const found = (await policyFileCode(policyFile)) ?? problem('settings.policyFileChanged', { file: policyFile });
    return { status: 500, body: { message: (await policyFileProblem(policyFile)) ?? wordProblem(found, 'en'), problem: found } };
  }
  const body: EngineErrorBody = { message };
  if (error instanceof ProblemError) body.problem = error.problem;
  const extra = error as { file?: unknown; line?: unknown };
  if (typeof extra.file === 'string') body.file = extra.file;
  if (typeof extra.line === 'number') body.line = extra.line;
  return { status: 500, body };
}
