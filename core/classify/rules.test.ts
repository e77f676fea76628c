import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../model/category';
import { classify, defaultTable } from './classify';
import { exampleInput } from './examples';
import { normalizeText } from './normalize';
import { RULES } from './rules';

describe('rule table', () => {
  it('has unique ids, a known category, an example and a source for every rule', () => {
    const ids = new Set<string>();
    for (const r of RULES) {
      expect(ids.has(r.id), r.id).toBe(false);
      ids.add(r.id);
      expect(CATEGORIES).toContain(r.category);
      expect(r.example.length, r.id).toBeGreaterThan(0);
      expect(r.source.length, r.id).toBeGreaterThan(0);
    }
  });

  it.each(RULES.map((r) => [r.id, r] as const))('rule %s: its own example is classified by it', (_id, rule) => {
    const v = classify(exampleInput(rule));
    expect({ rule: v.rule, category: v.category }).toEqual({ rule: rule.id, category: rule.category });
  });

  it('every text rule is prefiltered by literals, except a few that are always tested', () => {
    const unindexed = defaultTable().rules.filter((r) => r.text && !r.literals).map((r) => r.rule.id);
    expect(unindexed).toEqual([]);
  });

  it('prefilter is sound: when a text rule matches its example, one of its literals occurs', () => {
    for (const cr of defaultTable().rules) {
      if (!cr.text || !cr.literals) continue;
      const t = normalizeText(cr.rule.example);
      if (cr.text.test(t)) expect(cr.literals.some((l) => t.includes(l)), cr.rule.id).toBe(true);
    }
  });
});
