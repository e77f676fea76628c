import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTable } from './classify';
import { normalizeText } from './normalize';
import { requiredLiterals } from './prefilter';

const CORPUS = path.resolve(import.meta.dirname, '../../test/fixtures/corpus/sisimai_labelled.tsv');

describe('requiredLiterals', () => {
  it('extracts literals from sequences, alternations and required groups', () => {
    expect(requiredLiterals(/user unknown/)).toEqual(['user unknown']);
    expect(requiredLiterals(/mailbox (?:is )?full|over ?quota/)?.sort()).toEqual(['mailbox ', 'quota'].sort());
    expect(requiredLiterals(/a|bc/)).toBeNull();
    expect(requiredLiterals(/x\.co\/srbounce/)).toEqual(['x.co/srbounce']);
    expect(requiredLiterals(/\bspf\b/)).toEqual(['spf']);
    expect(requiredLiterals(/colou?r/)).toEqual(['colo']);
    expect(requiredLiterals(/colou?r chart/)).toEqual(['r chart']);
  });

  it('is sound on random texts built from each rule literal neighbourhood', () => {
    const rules = defaultTable.rules.filter((r) => r.text && r.literals);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: rules.length - 1 }), fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (i, pre, post) => {
        const r = rules[i];
        const t = normalizeText(pre + ' ' + r.rule.example + ' ' + post);
        if (r.text!.test(t)) return r.literals!.some((l) => t.includes(l));
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('is sound on every corpus text for every rule', () => {
    const texts = readFileSync(CORPUS, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => normalizeText(l.split('\t')[3] ?? ''));
    for (const t of texts) {
      for (const r of defaultTable.rules) {
        if (!r.text || !r.literals) continue;
        if (r.text.test(t)) expect(r.literals.some((l) => t.includes(l)), `${r.rule.id}: ${t}`).toBe(true);
      }
    }
  });
});
