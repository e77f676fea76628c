/**
 * French typography as a French copy editor asks for it (issue 17), in every French word a user
 * can see — the app's strings, the engine's messages, the CLI's French output, the report's
 * French words: U+00A0 before « : » and inside « », U+202F before « ; », « ? » and « ! » (the
 * Imprimerie nationale convention). An ordinary space there lets a line break leave the sign
 * alone at the start of the next line. The words are found in the sources (french-literals.ts),
 * so a string added tomorrow is checked too.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeLines } from '../../core/formats/line-accounting';
import type { FileImportResult } from '../../core/contract';
import { ROOT } from '../helpers';
import { frenchLiteralsOf, NBSP, NNBSP, sharedSignsAfterFrench, sourcesUnder, typographyFaults, type FrenchLiteral } from './french-literals';

const APP_STRINGS = join(ROOT, 'renderer/i18n/fr.ts');

function allFrench(): FrenchLiteral[] {
  return sourcesUnder(ROOT, ['core', 'renderer', 'electron']).flatMap((file) => frenchLiteralsOf(file, ROOT, file === APP_STRINGS));
}

const prose = (text: string) => ({ text, afterSubstitution: false, beforeSubstitution: false });

describe('French typography', () => {
  it('puts the right no-break space before : ; ? ! and inside « » in every French string', () => {
    const french = allFrench();
    // the finder sees the tables and the French branches, or this test would prove nothing
    expect(french.filter((l) => l.file === 'renderer/i18n/fr.ts').length).toBeGreaterThan(500);
    for (const table of ['core/model/problem-words.ts', 'core/address/words.ts', 'core/policy/explain.ts', 'core/report/words.ts', 'core/commands/release.ts']) {
      expect(french.some((l) => l.file === table), table).toBe(true);
    }
    expect(french.some((l) => l.file === 'core/formats/line-accounting.ts' && l.text.includes('dates tirées de'))).toBe(true);
    const faults = french.flatMap((l) => typographyFaults(l).map((f) => `${l.file}:${l.line} ${f}`));
    expect(faults).toEqual([]);
  });

  it('gives a word chosen by language its own colon, not one shared with English', () => {
    const shared = sourcesUnder(ROOT, ['core', 'renderer', 'electron']).flatMap((file) => sharedSignsAfterFrench(file, ROOT));
    expect(shared).toEqual([]);
  });

  it('marks an ordinary space or none, and leaves times, URLs, placeholders and code alone', () => {
    expect(typographyFaults(prose('Statut : en quarantaine'))).toHaveLength(1);
    expect(typographyFaults(prose('Statut: en quarantaine'))).toHaveLength(1);
    expect(typographyFaults(prose(`Statut${NNBSP}: en quarantaine`))).toHaveLength(1);
    expect(typographyFaults(prose(`Statut${NBSP}: en quarantaine`))).toEqual([]);
    expect(typographyFaults(prose('Vraiment ? Oui ; non !'))).toHaveLength(3);
    expect(typographyFaults(prose(`Vraiment${NNBSP}? Oui${NNBSP}; non${NNBSP}!`))).toEqual([]);
    expect(typographyFaults(prose('le bouton « Libérer »'))).toHaveLength(2);
    expect(typographyFaults(prose(`le bouton «${NBSP}Libérer${NBSP}»`))).toEqual([]);
    expect(typographyFaults(prose('à 10:30, voir https://postmaster.free.fr/?a=1, ratio 1:2'))).toEqual([]);
    expect(typographyFaults(prose('{{count, number}} lignes, {date:long}, `rebond import --lang fr`'))).toEqual([]);
    // built by concatenation: a part that starts with the colon after a `${…}` has no space before it
    expect(typographyFaults({ text: ': suite', afterSubstitution: true, beforeSubstitution: false })).toHaveLength(1);
  });

  it('holds in a sentence the engine builds from parts', () => {
    const result = {
      lines: 12,
      eventLines: 10,
      contextLines: 1,
      otherProgramLines: 0,
      blankLines: 1,
      stored: 10,
      duplicates: 0,
      listed: 0,
      skipped: 0,
      rejected: 0,
      format: 'postfix',
      otherPrograms: [{ program: 'sendmail', lines: 0, deliveries: 2 }],
      timeField: 'timeLogged',
    } as unknown as FileImportResult;
    const sentence = describeLines(result, 'fr')!;
    expect(sentence).toBe(
      `12 lignes${NBSP}: 10 distributions, 1 ligne de contexte, 1 ligne vide, 0 ligne non comprise` +
        `${NNBSP}; sendmail a aussi écrit 2 résultats de distribution, que ce format ne lit pas${NNBSP}; dates tirées de timeLogged`,
    );
    expect(typographyFaults(prose(sentence))).toEqual([]);
  });
});
