/**
 * A rejected line as the formats report it: its problem as a code (so each shell words it in
 * its own language, problems.ts) and the English words beside it for a client that words no codes.
 */
import type { LineError } from '../model/imports';
import type { LineProblem } from '../model/problems';
import { wordLineProblem } from '../model/problem-words';

export function lineError(line: number, problem: LineProblem): LineError {
  return { line, message: wordLineProblem(problem, 'en'), problem };
}

/** A parser's answer is a problem rather than what it parsed. */
export function isProblem(value: object): value is LineProblem {
  return 'code' in value && 'params' in value;
}
