/**
 * A stray quote that a later line closes is valid CSV: DuckDB reads the lines between as one
 * value, so nothing is rejected — and the line account says where those lines went ("lines
 * 5–7: read as part of line 4's quoted value"), not "blank lines" (issue 17). Every line of the
 * file is still accounted for exactly once, in the engine and in `rebond import`, in both
 * languages.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileImportResult } from '../../core/contract';
import { rebond, tempDir, withEngine } from '../helpers';

/**
 * A Mailjet export whose line 4 opens a quote in its comment and line 7 closes it (lines 5 to 7
 * are then part of line 4's comment), with a blank line 8 and two more events after it.
 */
function exportWithStrayQuote(): string {
  const row = (i: number, comment: string) => `bounce,161087400${i},${i},person${i}@orange.fr,${comment}`;
  return [
    'event,time,MessageID,email,comment',
    row(1, 'ok'),
    row(2, 'ok'),
    row(3, '"mailbox full'),
    row(4, 'ok'),
    row(5, 'ok'),
    row(6, 'ok"'),
    '',
    row(7, 'ok'),
    row(8, 'ok'),
    '',
  ].join('\n');
}

/** Each line counted once: the parts add up to the file's 10 lines. */
function expectEveryLineOnce(result: FileImportResult) {
  expect(result.lines).toBe(10);
  const parts = [
    result.eventLines,
    result.contextLines,
    result.otherProgramLines,
    result.blankLines,
    result.quotedLines,
    result.skipped,
    result.rejected,
  ];
  expect(parts.reduce<number>((sum, n) => sum + (n ?? 0), 0)).toBe(10);
}

describe('lines read inside a quoted value', () => {
  it('are accounted for as part of the line whose value they are, not as blank lines', async () => {
    await withEngine(async (engine, dir) => {
      const path = join(dir, 'events.csv');
      writeFileSync(path, exportWithStrayQuote());
      const result = (await engine.importFiles({ paths: [path], lang: 'en' })).files[0];
      expect(result).toMatchObject({ ok: true, format: 'mailjet', stored: 5, rejected: 0 });
      expect(result).toMatchObject({ eventLines: 5, contextLines: 1, blankLines: 1, quotedLines: 3 });
      expect(result.quotedValues).toEqual([{ line: 4, from: 5, to: 7 }]);
      expectEveryLineOnce(result);
      // the events after the quoted value keep their own lines
      const lines = await engine.db.all<{ line: bigint }>(`SELECT line FROM events ORDER BY line`);
      expect(lines.map((l) => Number(l.line))).toEqual([2, 3, 4, 9, 10]);
    });
  });

  it('are told apart from a rejected line in a file DuckDB reads twice', async () => {
    await withEngine(async (engine, dir) => {
      const path = join(dir, 'events.csv');
      // line 11 has a column too many: the file is scanned for its bad lines (csv-scan.ts scanCsv)
      writeFileSync(path, `${exportWithStrayQuote()}bounce,1610874009,9,person9@orange.fr,ok,extra\n`);
      const result = (await engine.importFiles({ paths: [path], lang: 'en' })).files[0];
      expect(result).toMatchObject({ ok: true, stored: 5, rejected: 1, blankLines: 1, quotedLines: 3 });
      expect(result.quotedValues).toEqual([{ line: 4, from: 5, to: 7 }]);
      expect(result.errors.map((e) => e.line)).toEqual([11]);
      expect(result.lines).toBe(11);
      const parts = [result.eventLines, result.contextLines, result.otherProgramLines, result.blankLines, result.quotedLines, result.skipped, result.rejected];
      expect(parts.reduce<number>((sum, n) => sum + (n ?? 0), 0)).toBe(11);
    });
  });

  it('are said in `rebond import`, in French and in English', async () => {
    const dir = tempDir();
    try {
      const path = join(dir.path, 'events.csv');
      writeFileSync(path, exportWithStrayQuote());
      const fr = await rebond(['import', '--db', join(dir.path, 'fr.duckdb'), '--lang', 'fr', path]);
      expect(fr.stderr).toBe('');
      expect(fr.code).toBe(0);
      // U+00A0 before « : » (French typography)
      expect(fr.stdout.split('\n').slice(1, 3)).toEqual([
        '  10 lignes\u00a0: 5 événements, 1 ligne de contexte, 1 ligne vide, 3 lignes lues dans des valeurs entre guillemets, 0 ligne non comprise',
        '  lignes 5 à 7\u00a0: lues dans la valeur entre guillemets de la ligne 4',
      ]);
      const en = await rebond(['import', '--db', join(dir.path, 'en.duckdb'), '--lang', 'en', path]);
      expect(en.code).toBe(0);
      expect(en.stdout.split('\n').slice(1, 3)).toEqual([
        '  10 lines: 5 events, 1 context line, 1 blank line, 3 lines inside quoted values, 0 lines not understood',
        '  lines 5–7: read as part of line 4’s quoted value',
      ]);
      const json = await rebond(['import', '--db', join(dir.path, 'json.duckdb'), '--json', path]);
      const file = JSON.parse(json.stdout).files[0];
      expect(file).toMatchObject({ lines: 10, blankLines: 1, quotedLines: 3, quotedValues: [{ line: 4, from: 5, to: 7 }] });
    } finally {
      dir.remove();
    }
  });
});
