/**
 * The ticket's answer in the app (issue 16): an address refused because of our sender says, in
 * English and French, that its last e-mails did not arrive and why, in a look distinct from
 * "delivered"; its events are grouped by message; the report is exported from the page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebondPage } from './app-page';
import { canRun, FIXTURES, openApp, screenshot, type OpenApp } from './harness';

const skip = canRun();
if (skip) console.warn(`end-to-end tests skipped: ${skip}`);
/** test/ has no DOM types: the page's getComputedStyle, named. */
const backgroundOf = (el: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor;
const PDFTOTEXT = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));

describe.skipIf(skip !== null)('the answer to "why did this person not get our e-mail?"', () => {
  let opened: OpenApp;
  let app: RebondPage;

  beforeAll(async () => {
    opened = await openApp();
    app = new RebondPage(opened.page);
    await opened.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(opened.served.url).origin });
    await app.importFiles([join(FIXTURES, 'sender-blocked.csv')]);
  }, 90_000);

  afterAll(async () => {
    await opened?.close();
  });

  const answerOf = (address: string) => opened.page.getByRole('region', { name: address }).getByRole('region', { name: /Did our e-mails reach this person\?|Nos e-mails sont-ils arrivés/ });

  it('says the last e-mails did not arrive because Microsoft blocks our sending IP, and that the address is fine', async () => {
    const page = opened.page;
    await app.open('Address');
    await app.lookUp('marie', 'marie.leroy@hotmail.fr');
    const answer = answerOf('marie.leroy@hotmail.fr');
    await expect.poll(() => answer.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await answer.innerText()).toContain(
      'Last 3 e-mails not delivered: Microsoft refused our sending IP (block list S3150) since 12 Jan 2021 — the address itself is fine; the platform must ask Microsoft to delist it.',
    );
    expect(await answer.getAttribute('data-tone')).toBe('sender_problem');
    expect(await answer.textContent()).toContain('Not arriving — our side');
    // the quarantine status is still there, after the answer: the address is deliverable
    await expect.poll(() => page.getByRole('region', { name: 'marie.leroy@hotmail.fr' }).getByText('Deliverable', { exact: true }).isVisible()).toBe(true);
    const senderLook = await answer.evaluate(backgroundOf);

    // each message with its outcome, newest first
    const messages = page.getByRole('table', { name: 'E-mails to marie.leroy@hotmail.fr, newest first' });
    await expect.poll(() => messages.getByRole('row').count()).toBe(5);
    expect(await messages.getByText('Refused because of us').count()).toBe(3);
    expect(await messages.getByText('Delivered', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByText('Ask the platform to contact Microsoft to have its sending IP removed from the block list S3150').isVisible()).toBe(true);

    // the events grouped by message, with the campaign and the message id; the source line readable
    const events = page.getByRole('table', { name: 'Events of marie.leroy@hotmail.fr' });
    await expect.poll(() => events.getByText('Campaign rappel-distribution · Message 577100000000000003').isVisible()).toBe(true);
    const source = events.getByText('sender-blocked.csv:3', { exact: true });
    await expect.poll(() => source.isVisible()).toBe(true);
    expect(await source.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await screenshot(page, 'ticket-1-sender-blocked-en');

    // a delivered address looks different
    await app.searchBox().fill('');
    await app.lookUp('paul', 'paul.martin@gmail.com');
    const delivered = answerOf('paul.martin@gmail.com');
    await expect.poll(() => delivered.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await delivered.getAttribute('data-tone')).toBe('delivered');
    expect(await delivered.evaluate(backgroundOf)).not.toBe(senderLook);
  });

  it('exports the report: a live preview, Markdown to the clipboard, a PDF download', async () => {
    const page = opened.page;
    await app.searchBox().fill('');
    await app.lookUp('marie', 'marie.leroy@hotmail.fr');
    await expect.poll(() => answerOf('marie.leroy@hotmail.fr').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: 'Export report…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the remediation report' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // a second address pasted from the ticket joins the report
    await dialog.getByLabel(/^Addresses/).fill('marie.leroy@hotmail.fr, paul.martin@gmail.com');
    const preview = dialog.getByLabel('Preview (Markdown, as it will be pasted)');
    await expect.poll(() => preview.innerText(), { timeout: 15_000 }).toContain('## paul.martin@gmail.com');
    expect(await preview.innerText()).toContain('Microsoft refused our sending IP (block list S3150)');
    await screenshot(page, 'ticket-2-export-dialog');

    await dialog.getByRole('button', { name: 'Copy as Markdown' }).click();
    await expect.poll(() => dialog.getByRole('status').innerText()).toBe('Copied to the clipboard.');
    const clipboard = (await page.evaluate('navigator.clipboard.readText()')) as string;
    expect(clipboard).toMatch(/^# Remediation report/);
    expect(clipboard).toContain('marie.leroy@hotmail.fr — Deliverable. Last 3 e-mails not delivered');

    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Save as PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^rebond-report-marie\.leroy-hotmail\.fr-and-1-more-\d{4}-\d{2}-\d{2}\.pdf$/);
    const path = join(opened.served.dir, 'report.pdf');
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    if (PDFTOTEXT) expect(execFileSync(PDFTOTEXT, [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain('Microsoft refused our sending IP (block list S3150)');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });

  it('says the same in French', async () => {
    const page = opened.page;
    await app.open('Settings');
    await page.getByLabel('Language').selectOption('fr');
    await expect.poll(() => page.getByRole('heading', { name: 'Réglages' }).isVisible()).toBe(true);
    await app.open('Adresse');
    await app.searchBox('Rechercher une adresse').fill('marie');
    await page.getByRole('option', { name: /marie\.leroy@hotmail\.fr/ }).click();
    const answer = answerOf('marie.leroy@hotmail.fr');
    await expect.poll(() => answer.isVisible(), { timeout: 15_000 }).toBe(true);
    await expect
      .poll(() => answer.innerText(), { timeout: 15_000 })
      .toContain('Les 3 derniers e-mails n’ont pas été remis : Microsoft refuse notre adresse IP d’envoi (liste de blocage S3150) depuis le 12 janv. 2021 — l’adresse elle-même est bonne');
    expect(await answer.textContent()).toContain('N’arrive pas — de notre côté');
    expect(await page.getByRole('table', { name: /E-mails envoyés à marie\.leroy@hotmail\.fr/ }).getByText('Refusé à cause de nous').count()).toBe(3);
    await screenshot(page, 'ticket-3-sender-blocked-fr');
    expect(opened.consoleErrors).toEqual([]);
  });
});
