/** Every problem code the engine reports (core/model/problems.ts) has the app’s words, in both languages. */
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../core/model/problems';
import { en } from '../../renderer/i18n/en';
import { fr } from '../../renderer/i18n/fr';

describe('the app’s words for a problem (renderer/i18n)', () => {
  it('exist for every code in both languages', () => {
    for (const code of PROBLEM_CODES) {
      for (const [name, table] of [['en', en], ['fr', fr]] as const) {
        const parts = code.split('.');
        const parent = parts.slice(0, -1).reduce<unknown>((n, part) => (n as Record<string, unknown> | undefined)?.[part], table.problems) as Record<string, unknown> | undefined;
        const last = parts[parts.length - 1];
        expect(typeof (parent?.[last] ?? parent?.[`${last}_other`]), `${code} in ${name}`).toBe('string');
      }
    }
  });
});
