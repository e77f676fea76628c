import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';

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

describe('the UI strings’ plurals', () => {
  it('never write "(s)": plurals go through i18next', () => {
    const texts = (table: object) => keys(table).map((k) => leaf(table, k));
    for (const text of [...texts(en), ...texts(fr)]) expect(text).not.toMatch(/\w\(s\)/);
  });
});
