/**
 * The classifier's fast paths (issue 14: speed) must give exactly what the general path gives:
 * the one-pass scan of plain texts (literal-automaton.ts, scanPlain: normalisation check, literals
 * and reply codes at once) against normalizeText, the automaton's scan and extractCode /
 * extractEnhanced; and the unit-by-unit accent folding (normalize.ts). Checked on every corpus
 * text and on random texts built from the awkward pieces.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTable } from './classify';
import { extractCode, extractEnhanced, foldAccents, normalizeText } from './normalize';
import { plainCodes } from './literal-automaton';

const CORPUS = path.resolve(import.meta.dirname, '../../test/fixtures/corpus/sisimai_labelled.tsv');
const corpusTexts = readFileSync(CORPUS, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t')[3] ?? '');

/** what the classifier does for a text that is not plain */
function general(raw: string): { bits: number[]; text: string; code: number | null; enhanced: string | null } {
  const bits = new Uint32Array(defaultTable().words);
  const text = normalizeText(raw);
  if (text.length >= 3) defaultTable().literalIndex.scan(text, bits);
  return { bits: [...bits], text, code: extractCode(raw), enhanced: extractEnhanced(raw) };
}

function plain(raw: string): ReturnType<typeof general> | null {
  const bits = new Uint32Array(defaultTable().words);
  const lower = raw.toLowerCase();
  if (!defaultTable().literalIndex.scanPlain(lower, bits)) return null;
  return { bits: [...bits], text: lower, code: plainCodes.code, enhanced: plainCodes.enhanced };
}

const PIECES = [
  ' ', '  ', '\t', '-', '.', '#', ':', ';', "'", '"', '(', ')', '<', '>', '=', ',', ']', '`', '\u212a', 'é', '\u00a0',
  '2', '4', '5', '0', '9', '550', '452', '250', '5.1.1', '4.7.1', '5.12.123', '5.1.1234', '1.5.1.1', '5.1.1.2', '550-',
  'User Unknown', 'MAILBOX FULL', 'over quota', 'rejected', 'Relay denied', 'spam', 'SIZE=222', 'x',
];
const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 14 }).map((a) => a.join(''));

describe('the one-pass scan of plain texts', () => {
  it('finds the candidates and codes of the general path on every corpus text it accepts', () => {
    let accepted = 0;
    for (const raw of corpusTexts) {
      const p = plain(raw);
      if (!p) continue;
      accepted++;
      expect(p, raw).toEqual(general(raw));
    }
    expect(accepted).toBeGreaterThan(corpusTexts.length / 2);
  });

  it('agrees with the general path on random texts (codes at the edges, capitals, Kelvin sign, backticks)', () => {
    fc.assert(
      fc.property(text, (raw) => {
        const p = plain(raw);
        if (p) expect(p).toEqual(general(raw));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('accent folding one unit at a time', () => {
  /** the definition: NFD, combining marks U+0300–U+036F removed, apostrophes and spaces unified */
  const reference = (s: string): string =>
    s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\u2018\u2019\u02bc\u00b4`]/g, "'").replace(/[\u00a0\u202f\u2007]/g, ' ');
  // marks of several classes, inside and outside U+0300–U+036F, and letters that decompose into them
  const UNITS = ['a', ' ', '`', '\u0301', '\u0316', '\u034f', '\u0345', '\u0653', '\u064b', '\u0651', '\u3099', '\u05b0', '\u05b4', '\u093c',
    '\u0f71', '\u0f72', '\u0f74', 'آ', 'デ', 'ǖ', 'ḕ', 'ễ', 'ç', 'क़', '한', '\u00a0', '\u2019', '😀', 'Σ', '\u0f73'];
  it('equals NFD and mark removal over the whole text, marks of any class in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...UNITS), { maxLength: 8 }), (units) => {
        const s = units.join('');
        expect(foldAccents(s)).toBe(reference(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('normalizes the corpus texts as the definition says', () => {
    for (const raw of corpusTexts) {
      const t = normalizeText(raw);
      expect(t, raw).not.toMatch(/[\u0300-\u036f]|\s\s|^\s|\s$/);
    }
    expect(normalizeText('Boîte  pleine\u00a0: utilisateur `inconnu´')).toBe("boite pleine : utilisateur 'inconnu'");
  });
});
