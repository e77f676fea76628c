import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTable } from './classify';
import { normalizeText } from './normalize';
import { requiredLiterals } from './prefilter';
import { topLevelBranches, withoutCaseFlag } from './compile';

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
    const rules = defaultTable().rules.filter((r) => r.text && r.literals);
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
      for (const r of defaultTable().rules) {
        if (!r.text || !r.literals) continue;
        if (r.text.test(t)) expect(r.literals.some((l) => t.includes(l)), `${r.rule.id}: ${t}`).toBe(true);
      }
    }
  });
});

describe('rules tested by their branches, case-sensitively (speed, issue 14)', () => {
  it('splits only at the top level', () => {
    expect(topLevelBranches('a|b(?:c|d)|[|]e')).toEqual(['a', 'b(?:c|d)', '[|]e']);
    expect(topLevelBranches('(a)|\\1')).toBeNull();
    expect(topLevelBranches('abc')).toBeNull();
  });

  it('keeps the i flag where the pattern has upper-case letters or other than ASCII', () => {
    expect(withoutCaseFlag(/user \S+ unknown/i).flags).toBe('');
    expect(withoutCaseFlag(/User/i).flags).toBe('i');
    expect(withoutCaseFlag(/boîte/i).flags).toBe('i');
  });

  it('a rule matches a normalised text exactly when one of its branches does', () => {
    const rules = defaultTable().rules.filter((r) => r.text);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: rules.length - 1 }), fc.integer({ min: 0, max: rules.length - 1 }), fc.string({ maxLength: 30 }), (i, j, noise) => {
        const r = rules[i];
        const t = normalizeText(`${rules[j].rule.example} ${noise} ${r.rule.example}`);
        const branches = (topLevelBranches(r.text!.source) ?? [r.text!.source]).map((b) => withoutCaseFlag(new RegExp(b, r.text!.flags)));
        return r.text!.test(t) === branches.some((b) => b.test(t));
      }),
      { numRuns: 3000 },
    );
  });
});
