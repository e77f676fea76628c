/**
 * A CSV line reported as "expected 5 columns, found more" when the cause is a quote opened on it
 * and closed lines later: the message names the quote and the lines it joined (issue 17).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withEngine } from '../helpers';

function exportWithStrayQuote(): string {
  const rows = ['event,time,MessageID,email,comment'];
  for (let i = 1; i <= 8; i++) {
    // line 4 opens a quote in its comment; line 7's `ok",` closes it and adds a column
    const comment = i === 3 ? '"mailbox full' : i === 6 ? 'ok",more' : 'ok';
    rows.push(`bounce,161087400${i},${i},person${i}@orange.fr,${comment}`);
  }
  return `${rows.join('\n')}\n`;
}

describe('a quote that joins lines into one record', () => {
  it('is named as the cause, with the lines it joined, in French and English', async () => {
    await withEngine(async (engine, dir) => {
      const path = join(dir, 'events.csv');
      writeFileSync(path, exportWithStrayQuote());
      const fr = (await engine.importFiles({ paths: [path], lang: 'fr' })).files[0];
      expect(fr).toMatchObject({ ok: true, format: 'mailjet', stored: 4, rejected: 4 });
      expect(fr.errors).toEqual([
        {
          line: 4,
          problem: { code: 'line.quoteSpans', params: { from: 4, to: 7, expected: 5 } },
          message: 'un guillemet (") ouvert sur cette ligne n’est refermé qu’à la ligne 7 : les lignes 4 à 7 ont été lues comme un seul enregistrement (5 colonnes attendues)',
        },
      ]);
      const en = (await engine.importFiles({ paths: [path], lang: 'en' })).files[0];
      expect(en.errors[0].message).toBe('a quote (") opened on this line is closed only on line 7, so lines 4 to 7 were read as one record (expected 5 columns)');
      expect(en.errors[0].message).not.toMatch(/found/);
    });
  });
});
