import { describe, expect, it } from 'vitest';
import { wordLineProblem, wordProblem } from './problem-words';
import { problem } from './problems';

describe('the engine’s words for a problem', () => {
  it('say the same problem in French and in English, plurals included', () => {
    const none = problem('import.noEvents', { file: 'export.csv', format: 'Mailjet', count: 0 });
    const one = problem('import.noEvents', { file: 'export.csv', format: 'Mailjet', count: 1 });
    const many = problem('import.noEvents', { file: 'export.csv', format: 'Mailjet', count: 1200 });
    expect(wordProblem(none, 'fr')).toBe('export.csv : aucun événement n’a pu être lu au format Mailjet ; aucune ligne rejetée.');
    expect(wordProblem(one, 'fr')).toBe('export.csv : aucun événement n’a pu être lu au format Mailjet ; 1 ligne rejetée.');
    expect(wordProblem(many, 'fr')).toBe('export.csv : aucun événement n’a pu être lu au format Mailjet ; 1\u202f200 lignes rejetées.');
    expect(wordProblem(one, 'en')).toBe('export.csv: no event could be read as Mailjet; 1 line rejected.');
    expect(wordProblem(many, 'en')).toBe('export.csv: no event could be read as Mailjet; 1,200 lines rejected.');
  });

  it('count the lines an unclosed quote swallowed, without "(s)"', () => {
    const quote = { ...problem('line.unclosedQuote', {}), swallowed: 1 };
    expect(wordLineProblem(quote, 'en')).toBe('a quote (") is opened and never closed; the line after it was read as part of it');
    expect(wordLineProblem({ ...quote, swallowed: 3 }, 'fr')).toBe('un guillemet (") est ouvert et jamais refermé ; les 3 lignes suivantes ont été lues comme faisant partie de celle-ci');
  });
});
