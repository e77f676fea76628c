/**
 * The engine's problems (core/model/problems.ts) in the app's language: the code picks the
 * sentence in the i18n files, the parameters fill it. An answer from an older engine without a
 * code keeps its own words.
 */
import i18next from 'i18next';
import type { LineProblem, Problem } from '../core/model/problems';

export function sayProblem(problem: Problem | LineProblem): string {
  const key = `problems.${problem.code}`;
  if (!i18next.exists(key) && !i18next.exists(`${key}_other`)) return '';
  const text = i18next.t(key, { ...problem.params });
  const swallowed = (problem as LineProblem).swallowed;
  return swallowed ? text + i18next.t('problems.swallowed', { count: swallowed }) : text;
}

/** The words for something that carries a problem and an English message. */
export function sayOr(problem: Problem | LineProblem | undefined, message: string): string {
  return (problem && sayProblem(problem)) || message;
}
