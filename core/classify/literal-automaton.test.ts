/**
 * The literal automaton (issue 14: speed) gates which rules are tested: a literal it missed would
 * leave a rule untested and change a verdict. Every literal of the rules must be found in every
 * text that holds it, once the text is normalised as the classifier does (case, accents,
 * apostrophes and spaces folded), on the general path and on the one-pass path alike.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTable } from './classify';
import { LiteralAutomaton } from './literal-automaton';
import { normalizeText } from './normalize';

const CORPUS = path.resolve(import.meta.dirname, '../../test/fixtures/corpus/sisimai_labelled.tsv');
const corpusTexts = readFileSync(CORPUS, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t')[3] ?? '');

const automaton = defaultTable().literalIndex;
const entries = automaton.entries();

const has = (bits: Uint32Array, m: number): boolean => (bits[m >>> 5] & (1 << (m & 31))) !== 0;

/** the matchers the classifier's general path marks for a raw text */
function generalBits(raw: string): Uint32Array {
  const bits = new Uint32Array(defaultTable().words);
  automaton.scan(normalizeText(raw), bits);
  return bits;
}

/** the matchers the one-pass path marks, or null when it leaves the text to the general path */
function plainBits(raw: string): Uint32Array | null {
  const bits = new Uint32Array(defaultTable().words);
  return automaton.scanPlain(raw.toLowerCase(), bits) ? bits : null;
}

/** a text's normalised form holds the literal: every matcher it gates is marked, on both paths */
function expectFound(raw: string, literal: string, matchers: readonly number[]): void {
  expect(normalizeText(raw).includes(literal), `${JSON.stringify(raw)} should hold ${JSON.stringify(literal)}`).toBe(true);
  const general = generalBits(raw);
  const plain = plainBits(raw);
  for (const m of matchers) {
    expect(has(general, m), `general path: ${JSON.stringify(literal)} in ${JSON.stringify(raw)}`).toBe(true);
    if (plain) expect(has(plain, m), `one-pass path: ${JSON.stringify(literal)} in ${JSON.stringify(raw)}`).toBe(true);
  }
}

/** upper-cases, and puts an accent on each vowel of, the letters of `s` */
function dressed(s: string): string {
  const accent: Record<string, string> = { a: 'à', e: 'é', i: 'î', o: 'ô', u: 'ù' };
  return [...s].map((c, i) => (accent[c] && i % 2 === 0 ? accent[c] : c.toUpperCase())).join('');
}

describe('the literal automaton', () => {
  it('holds every literal the rules require', () => {
    const fromRules = new Set(defaultTable().rules.flatMap((r) => r.literals ?? []));
    const held = new Set(entries.map((e) => e.literal));
    for (const l of fromRules) expect(held.has(l), l).toBe(true);
    expect(held.size).toBeGreaterThan(500);
  });

  it('finds every literal in a text that holds it, whatever surrounds it, in any case, with accents', () => {
    let plainSeen = 0;
    for (const { literal, matchers } of entries) {
      const texts = [
        literal,
        `550 5.1.1 <jean.dupont@orange.fr>: ${literal} (in reply to RCPT TO)`,
        `x${literal}y`,
        literal.toUpperCase(),
        `Rejet : ${dressed(literal)} [id 42]`,
      ];
      for (const raw of texts) {
        // a folded accent or case can only be asked of letters the folding restores
        if (!normalizeText(raw).includes(literal)) continue;
        expectFound(raw, literal, matchers);
        if (plainBits(raw)) plainSeen++;
      }
    }
    expect(plainSeen).toBeGreaterThan(entries.length);
  });

  it('finds the literals of random texts made of the rules\' words (overlapping, repeated, cut)', () => {
    const words = entries.map((e) => e.literal);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 8 }), fc.boolean(), (parts, upper) => {
        const joined = parts.join('');
        const raw = upper ? joined.toUpperCase() : joined;
        const text = normalizeText(raw);
        const general = generalBits(raw);
        for (const { literal, matchers } of entries) {
          if (text.includes(literal)) for (const m of matchers) expect(has(general, m), literal).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds the corpus texts\' literals, and marks few matchers beyond them', () => {
    let exact = 0;
    let marked = 0;
    for (const raw of corpusTexts) {
      const text = normalizeText(raw);
      const bits = generalBits(raw);
      const want = new Set<number>();
      for (const { literal, matchers } of entries) if (text.includes(literal)) for (const m of matchers) want.add(m);
      for (const m of want) expect(has(bits, m), `${m} in ${text}`).toBe(true);
      exact += want.size;
      for (let m = 0; m < defaultTable().matchers.length; m++) if (has(bits, m)) marked++;
    }
    // a key without its literal costs one pattern test more: the keys are chosen rare enough
    expect(marked).toBeLessThan(exact * 1.5);
  });

  it('is an Aho–Corasick automaton: literals inside others and sharing ends are all found', () => {
    const a = new LiteralAutomaton();
    // up to 5 characters a literal is its own key: found exactly
    const short = ['she', 'hers', 'his', 'usher', 'ありません'];
    // longer ones are found by one of their windows: always when they are there
    const long = ['user unknown', 'unknown user', 'mailbox unavailable'];
    const lits = [...short, ...long];
    lits.forEach((l, i) => a.add(l, i));
    const found = (text: string): string[] => {
      const bits = new Uint32Array(1);
      a.scan(text, bits);
      return lits.filter((_, i) => has(bits, i));
    };
    expect(found('ushers')).toEqual(['she', 'hers', 'usher']);
    expect(found('HIS')).toEqual(['his']);
    expect(found('s he hi s')).toEqual([]);
    expect(found('宛先がありません')).toEqual(['ありません']);
    const text = 'user unknown user; mailbox unavailable';
    expect(found(text)).toEqual(expect.arrayContaining(long));
    const plain = new Uint32Array(1);
    expect(a.scanPlain(text, plain)).toBe(true);
    expect(lits.filter((_, i) => has(plain, i))).toEqual(expect.arrayContaining(long));
    // the one-pass path takes no text beyond ASCII: the general path folds it first
    expect(a.scanPlain('宛先がありません', new Uint32Array(1))).toBe(false);
    expect(() => a.add('ab', 9)).toThrow(/too short/);
  });
});
