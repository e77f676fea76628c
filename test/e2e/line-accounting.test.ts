/**
 * The Import screen accounts for every line of a dropped file in plain words, in both
 * languages: a real maillog where sendmail and Postfix share the file (test/fixtures/postfix/wild),
 * a JSON-lines export with a line that is not JSON, and a CSV export whose stray quote makes three
 * lines part of another line's value (test/e2e/fixtures/stray-quote.csv).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appSession } from './app-session';
import { canRun, ROOT, screenshot } from './harness';

const skip = canRun();
const MAILLOG = join(ROOT, 'test/fixtures/postfix/wild/gomaillex-maillog');
const JSONL = join(ROOT, 'test/fixtures/mailjet/events.jsonl');
const STRAY_QUOTE = join(ROOT, 'test/e2e/fixtures/stray-quote.csv');
const NBSP = '\u00a0';

/** The maillog's lines by kind, read here with patterns of their own. */
function maillogFigures() {
  const text = readFileSync(MAILLOG, 'utf8');
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  const deliveries = lines.filter((l) =>
    /postfix\/\w+\[\d+\]: \w+: (to=<[^>]+>,.* status=(sent|deferred|bounced) |from=.*, status=expired)/.test(l),
  ).length;
  const others = lines.filter((l) => / sendmail\[\d+\]: /.test(l)).length;
  return { total: lines.length, deliveries, others, context: lines.length - deliveries - others };
}

describe.skipIf(skip !== null)('The line accounting on the Import screen', () => {
  const session = appSession();

  it('says what every line of the file was, in English and in French', async () => {
    const { page, app, opened } = session;
    const f = maillogFigures();
    await app.importFiles([MAILLOG]);
    const current = app.currentImport();
    const job = (name: string) => app.currentImport().locator('.job').filter({ hasText: name });
    const en = (n: number) => n.toLocaleString('en-GB');
    await expect
      .poll(() => job('gomaillex-maillog').locator('.line-accounting-sentence').innerText())
      .toBe(
        `${en(f.total)} lines: ${en(f.deliveries)} deliveries, ${en(f.context)} context lines, ` +
          `${en(f.others)} lines of other programs, 0 lines not understood`,
      );
    expect(await job('gomaillex-maillog').locator('.other-program').innerText()).toMatch(/^sendmail also logged \d+ delivery results here, which this import does not read/);
    await screenshot(page, 'line-accounting-1-maillog');

    await app.importFiles([JSONL]);
    expect(await job('events.jsonl').locator('.line-accounting-sentence').innerText()).toMatch(/, 1 line not understood — see the examples below$/);

    // lines 5–7 are inside line 4's quoted value: neither blank lines nor lost, each counted once
    await app.importFiles([STRAY_QUOTE]);
    expect(await job('stray-quote.csv').locator('.line-accounting-sentence').innerText()).toBe(
      '10 lines: 5 events, 1 context line, 1 blank line, 3 lines inside quoted values, 0 lines not understood',
    );
    expect(await job('stray-quote.csv').locator('.quoted-value').allInnerTexts()).toEqual(['lines 5–7: read as part of line 4’s quoted value']);
    await screenshot(page, 'line-accounting-3-quoted-value');

    await app.open('Settings');
    await page.getByLabel('Language').selectOption('fr');
    // the screen's list of this session's imports starts again: the same file again is all duplicates, every line still accounted for
    await app.importFiles([MAILLOG]);
    const fr = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
    await expect
      .poll(() => job('gomaillex-maillog').locator('.line-accounting-sentence').innerText())
      .toBe(
        `${fr(f.total)} lignes : ${fr(f.deliveries)} distributions, ${fr(f.context)} lignes de contexte, ` +
          `${fr(f.others)} lignes d’autres programmes, 0 ligne non comprise`,
      );
    await screenshot(page, 'line-accounting-2-maillog-fr');

    await app.importFiles([STRAY_QUOTE]);
    expect(await job('stray-quote.csv').locator('.line-accounting-sentence').innerText()).toBe(
      `10 lignes${NBSP}: 5 événements, 1 ligne de contexte, 1 ligne vide, 3 lignes lues dans des valeurs entre guillemets, 0 ligne non comprise`,
    );
    expect(await job('stray-quote.csv').locator('.quoted-value').allInnerTexts()).toEqual([
      `lignes 5 à 7${NBSP}: lues dans la valeur entre guillemets de la ligne 4`,
    ]);
    await screenshot(page, 'line-accounting-4-quoted-value-fr');
    expect(opened.consoleErrors).toEqual([]);
  });
});
