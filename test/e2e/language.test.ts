/**
 * One language everywhere (issue 17): with the app in French, every message an agent can meet
 * on the import, address, release and settings screens is French — import errors for an empty
 * file, a binary file and a file with bad lines, the release dialog's risk and refusal, a
 * settings error, "Rebond stopped" — and names the file as it was dropped, never the temporary
 * upload. The same in English. The workspace's own language is left at the machine's (the host
 * runs with LANG=C): the page's language is the one the engine must speak.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebondPage } from './app-page';
import { canRun, FIXTURES, openApp, screenshot, type OpenApp } from './harness';

const skip = canRun();

/** Words that give an English sentence away in a French message (and French ones in English). */
const ENGLISH = /\b(the|is|not|could|cannot|file|line|lines|expected|found|columns|empty|rejected|there|nothing|refused)\b/i;
const FRENCH = /\b(le|la|les|est|pas|fichier|ligne|lignes|colonnes|attendues|vide|rejetée?s?|rien|aucun)\b/i;
/** what a temporary copy's name looks like (core/host/uploads.ts) */
const TEMPORARY = /rebond-uploads-|\/tmp\/|[0-9a-f]{24}/;

interface Words {
  locale: string;
  release: string;
  reason: string;
  name: string;
  empty: RegExp;
  binary: RegExp;
  columns: RegExp;
  notRecognised: RegExp;
  emptyLabel: string;
  binaryLabel: string;
  refused: string;
  stopped: RegExp;
  policy: RegExp;
  foreign: RegExp;
}

const LANGS: Record<'fr' | 'en', Words> = {
  fr: {
    locale: 'fr-FR',
    release: 'Libérer…',
    reason: 'Motif de la libération',
    name: 'Votre nom',
    empty: /^vide\.csv est vide : il n’y a rien à importer\.$/,
    binary: /^photo\.csv n’est pas un fichier texte/,
    columns: /^23 colonnes attendues, la ligne en compte 9$/,
    notRecognised: /Rebond ne reconnaît pas ce format/,
    emptyLabel: 'Fichier vide',
    binaryLabel: 'Pas un fichier texte',
    refused: 'Pas de libération.',
    stopped: /Rebond ne fonctionne plus/,
    policy: /ce fichier de politique n’existe pas/,
    foreign: ENGLISH,
  },
  en: {
    locale: 'en-GB',
    release: 'Release…',
    reason: 'Reason for the release',
    name: 'Your name',
    empty: /^vide\.csv is empty: there is nothing to import\.$/,
    binary: /^photo\.csv is not a text file/,
    columns: /^expected 23 columns, found 9$/,
    notRecognised: /not a format Rebond reads/,
    emptyLabel: 'Empty file',
    binaryLabel: 'Not a text file',
    refused: 'Not released.',
    stopped: /Rebond is not running any more/,
    policy: /the policy file does not exist/,
    foreign: FRENCH,
  },
};

describe.skipIf(skip !== null).each(['fr', 'en'] as const)('The app in %s', (lang) => {
  const words = LANGS[lang];
  let opened: OpenApp;
  let page: Page;
  let app: RebondPage;
  let files: string;

  beforeAll(async () => {
    files = await mkdtemp(join(tmpdir(), 'rebond-e2e-words-'));
    await writeFile(join(files, 'vide.csv'), '');
    await writeFile(join(files, 'photo.csv'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(4000, 7)]));
    // the fixture with one line cut short: 9 of its 23 columns
    const lines = (await readFile(join(FIXTURES, 'mailjet-events.csv'), 'utf8')).split('\n');
    lines.splice(5, 0, lines[5].split(',').slice(0, 9).join(','));
    await writeFile(join(files, 'lignes-abîmées.csv'), lines.join('\n'));
    opened = await openApp(undefined, { locale: words.locale });
    page = opened.page;
    app = new RebondPage(page);
  }, 60_000);

  afterAll(async () => {
    // the last test stopped the host already
    await opened?.close().catch(() => undefined);
    await rm(files, { recursive: true, force: true });
  });

  it('words the import errors in the page’s language and names each file as it was dropped', async () => {
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
    await app.importFiles([join(files, 'vide.csv'), join(files, 'photo.csv'), join(files, 'lignes-abîmées.csv')], { failuresExpected: true });
    const current = app.currentImport();
    const job = (name: string) => current.locator('.job').filter({ has: page.getByText(name, { exact: true }) });

    expect(await job('vide.csv').locator('.job-error').innerText()).toMatch(words.empty);
    expect(await job('vide.csv').locator('.job-result strong').innerText()).toBe(words.emptyLabel);
    expect(await job('photo.csv').locator('.job-error').innerText()).toMatch(words.binary);
    expect(await job('photo.csv').locator('.job-result strong').innerText()).toBe(words.binaryLabel);
    const bad = job('lignes-abîmées.csv');
    const lineError = await bad.locator('.line-errors li').first().innerText();
    expect(lineError.split(' — ')[1]).toMatch(words.columns);
    expect(await bad.locator('.count-rejected').innerText()).toBe(lang === 'fr' ? '1 ligne rejetée' : '1 line rejected');
    expect(await bad.locator('.count-duplicates').innerText()).toBe(lang === 'fr' ? 'aucun doublon' : 'no duplicate');

    const text = await current.innerText();
    expect(text).not.toMatch(TEMPORARY);
    expect(text).not.toMatch(/\(s\)/);
    for (const message of await current.locator('.job-error, .line-errors li').allInnerTexts()) {
      // the file names and the line numbers are the user's; the rest is in the page's language
      const said = message.replace(/vide\.csv|photo\.csv|lignes-abîmées\.csv|\bligne \d+|\bline \d+/g, '');
      expect(said, message).not.toMatch(words.foreign);
    }
    await screenshot(page, `language-${lang}-1-import-errors`);
  });

  it('says the release dialog’s risk and refusal in the page’s language', async () => {
    // the failed files of the first test are still listed above: these two must succeed
    await app.importFiles([join(FIXTURES, 'mailjet-events.csv'), join(FIXTURES, 'postfix-maillog.log')], { failuresExpected: true });
    expect(await app.currentImport().locator('.job.done').count()).toBe(3);
    await app.open(lang === 'fr' ? 'Adresse' : 'Address');
    await app.searchBox(lang === 'fr' ? 'Rechercher une adresse' : 'Search address').fill('sophie');
    await page.getByRole('option', { name: /sophie\.leroy@orange\.fr/ }).click();
    const sophie = page.getByRole('region', { name: 'sophie.leroy@orange.fr' });
    await expect.poll(() => sophie.getByText(lang === 'fr' ? 'Liste noire' : 'Blacklisted', { exact: true }).first().isVisible(), { timeout: 15_000 }).toBe(true);
    const explanation = await sophie.locator('.explanation').innerText();
    expect(explanation).not.toMatch(lang === 'fr' ? /\b(the|since|after|blacklist)\b/i : /\b(depuis|après|liste noire)\b/i);
    await screenshot(page, `language-${lang}-2-address`);

    await page.getByRole('button', { name: words.release }).click();
    const dialog = page.getByRole('dialog');
    const risk = dialog.getByRole('region', { name: lang === 'fr' ? 'Risque pour la prochaine campagne' : 'Risk for the next campaign' });
    await expect.poll(() => risk.locator('p').count()).toBeGreaterThan(1);
    for (const said of await risk.locator('p').allInnerTexts()) expect(said, said).not.toMatch(words.foreign);

    await dialog.getByLabel(words.reason).fill(lang === 'fr' ? 'Le client a appelé' : 'Customer called, please unblock');
    await dialog.getByLabel(words.name).fill('Claire');
    await dialog.getByRole('button', { name: lang === 'fr' ? 'Libérer' : 'Release', exact: true }).click();
    const refusal = dialog.getByRole('alert');
    await expect.poll(() => refusal.isVisible()).toBe(true);
    const refused = await refusal.innerText();
    expect(refused.startsWith(words.refused)).toBe(true);
    expect(refused.slice(words.refused.length)).not.toMatch(words.foreign);
    await screenshot(page, `language-${lang}-3-release-refused`);
    await dialog.getByRole('button', { name: lang === 'fr' ? 'Annuler' : 'Cancel' }).click();
  });

  it('says a settings error in the page’s language, without the file’s path beyond what was typed', async () => {
    await app.open(lang === 'fr' ? 'Réglages' : 'Settings');
    await page.getByLabel(lang === 'fr' ? /Fichier de politique/ : /Policy file/).fill('/nulle-part/politique.json');
    await page.getByRole('button', { name: lang === 'fr' ? 'Enregistrer' : 'Save' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.isVisible()).toBe(true);
    const said = await alert.innerText();
    expect(said).toMatch(words.policy);
    expect(said.replace('/nulle-part/politique.json', '').replace(lang === 'fr' ? 'Fermer' : 'Dismiss', '')).not.toMatch(words.foreign);
    await screenshot(page, `language-${lang}-4-settings-error`);
  });

  it('says in the page’s language that Rebond stopped', async () => {
    await opened.served.stop();
    await app.open(lang === 'fr' ? 'Import' : 'Import');
    const alert = page.getByRole('alert').filter({ hasText: words.stopped });
    await expect.poll(() => alert.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, `language-${lang}-5-stopped`);
    // the failed requests to the stopped host are the only console errors
    expect(opened.consoleErrors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED|Failed to fetch/.test(e))).toEqual([]);
  });
});
