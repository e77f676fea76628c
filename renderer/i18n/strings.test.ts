import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { PROBLEM_CODES } from '../../core/model/problems';

function keys(table: object, prefix = ''): string[] {
  return Object.entries(table).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function leaf(table: object, key: string): string {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], table) as string;
}

describe('the UI strings', () => {
  it('exist in both languages, with the same placeholders', () => {
    expect(keys(fr).sort()).toEqual(keys(en).sort());
    for (const key of keys(en)) {
      const placeholders = (s: string) => (s.match(/\{\{\s*(\w+)/g) ?? []).sort();
      expect(placeholders(leaf(fr, key)), key).toEqual(placeholders(leaf(en, key)));
    }
  });

  it('name the search box as the tests and screen readers expect', () => {
    expect(en.address.search).toBe('Search address');
    expect(fr.address.search).toBe('Rechercher une adresse');
  });
});

describe('the problems the engine reports by code (core/model/problems.ts)', () => {
  it('each have words in both languages, with the same placeholders', () => {
    for (const code of PROBLEM_CODES) {
      for (const table of [en, fr]) {
        const node = code.split('.').reduce<unknown>((n, part) => (n as Record<string, unknown> | undefined)?.[part], table.problems);
        const plural = code.split('.').reduce<unknown>((n, part, i, all) => (n as Record<string, unknown> | undefined)?.[i === all.length - 1 ? `${part}_other` : part], table.problems);
        expect(typeof (node ?? plural), `${code} in ${table === en ? 'en' : 'fr'}`).toBe('string');
      }
    }
  });

  it('never write "(s)": plurals go through i18next', () => {
    const texts = (table: object) => keys(table).map((k) => leaf(table, k));
    for (const text of [...texts(en), ...texts(fr)]) expect(text).not.toMatch(/\w\(s\)/);
  });
});
