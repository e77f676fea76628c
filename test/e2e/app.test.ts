/**
 * The app as a support agent meets it, in a real browser against `rebond serve`: drop a Mailjet
 * export and a Postfix log, read the overview, look up an address in quarantine, switch to French.
 * With REBOND_SCREENSHOTS=1 each test leaves a screenshot of what it checked in test-results/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebondPage } from './app-page';
import { canRun, FIXTURES, openApp, screenshot, type OpenApp } from './harness';

const skip = canRun();
if (skip) console.warn(`end-to-end tests skipped: ${skip}`);

describe.skipIf(skip !== null)('Rebond in a browser', () => {
  let opened: OpenApp;
  let page: Page;
  let app: RebondPage;

  beforeAll(async () => {
    opened = await openApp();
    page = opened.page;
    app = new RebondPage(page);
  }, 60_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('greets a new user with what to drop, then imports a Mailjet export and a Postfix log', async () => {
    await expect.poll(() => page.getByRole('heading', { name: 'Import files' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Start by dropping what you already have').isVisible()).toBe(true);
    // the token went from the address bar into a cookie
    expect(page.url()).not.toContain('token=');

    await app.watchProgress();
    await app.fileInput().setInputFiles([join(FIXTURES, 'mailjet-events.csv'), join(FIXTURES, 'postfix-maillog.log')]);

    const current = app.currentImport();
    await expect.poll(() => current.getByText('Format: Mailjet events').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => current.getByText('Format: Postfix log').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await current.getByText(/^[\d  ,]+ events stored$/).count()).toBe(2);
    expect(await current.getByText(/Failed/).count()).toBe(0);
    // progress bars were shown while the files were sent and read
    expect((await app.progressSeen()).length).toBeGreaterThan(0);

    const past = app.pastImports();
    await expect.poll(() => past.getByRole('row').count()).toBe(3); // header + 2 imports
    await expect.poll(() => past.getByRole('rowheader', { name: 'mailjet-events.csv' }).isVisible()).toBe(true);
    await expect.poll(() => past.getByRole('rowheader', { name: 'postfix-maillog.log' }).isVisible()).toBe(true);
    await expect.poll(() => past.getByRole('button', { name: 'Remove import postfix-maillog.log' }).isVisible()).toBe(true);
    await screenshot(page, '1-import');
  });

  it('shows the overview: headline figures, volume over time and the complaint rate against its thresholds', async () => {
    await app.open('Overview');
    const volume = app.figure('Volume over time');
    await expect.poll(() => volume.locator('.recharts-bar-rectangle').count(), { timeout: 15_000 }).toBeGreaterThan(10);
    expect(await volume.locator('.recharts-brush').count()).toBe(1);
    await expect.poll(() => volume.getByText('Delivered').first().isVisible()).toBe(true);

    const complaints = app.figure('Spam complaint rate per day');
    await expect.poll(() => complaints.locator('.recharts-line-curve').count()).toBe(1);
    expect(await complaints.getByText(/warning 0[.,]1 ?%/).count()).toBe(1);
    expect(await complaints.getByText(/limit 0[.,]3 ?%/).count()).toBe(1);

    const reasons = app.figure('Deferral and bounce reasons by domain');
    // the two files' deferral and bounce reasons, by domain
    await expect.poll(() => reasons.locator('.recharts-bar-rectangle').count()).toBe(11);

    // the two files' messages: 655 of the Mailjet export, 37 of the Postfix log (test/e2e/imports.test.ts)
    expect(await app.headlineCount('Messages')).toBe(692);
    expect(await app.headlineCount('Delivered')).toBe(675);
    expect(await app.headlineCount('Hard bounces')).toBe(3);
    await expect.poll(() => page.getByText('97.5% of messages').isVisible()).toBe(true);
    // the replies no rule understood, with their counts, or a word that there are none
    const unknowns = page.getByRole('region', { name: 'Replies no rule understood' });
    await expect.poll(() => unknowns.getByText(/different texts shown|understood by a rule/).isVisible()).toBe(true);
    await screenshot(page, '2-overview');
  });

  it('finds an address in quarantine, with its status, until-date, periods and the server’s words', async () => {
    await app.open('Address');
    await expect.poll(() => page.getByText('Look up an address from a ticket').isVisible()).toBe(true);
    await app.lookUp('jeanne', 'jeanne.dupont@gmail.com');
    // the fixture is from January 2021: today the quarantine is over, and the page offers the
    // address as it was at its last event — what a new user with an old export needs
    await page.getByRole('button', { name: 'See its status on 19 Jan 2021' }).click();
    await expect.poll(() => page.getByLabel('Status on').inputValue()).toBe('19/01/2021');

    const status = page.getByRole('region', { name: 'jeanne.dupont@gmail.com' });
    await expect.poll(() => status.getByText('Temporary quarantine', { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => status.getByText(/^until /).isVisible()).toBe(true);
    expect(await status.getByText(/^until .*26 Jan 2021/).count()).toBe(1);

    const periods = page.getByRole('region', { name: 'Periods' });
    // one period (and the header): the week the mailbox-full bounce of 19 January put her in
    expect(await periods.getByRole('row').count()).toBe(2);
    expect(await periods.getByRole('row').nth(1).innerText()).toMatch(/^Temporary quarantine #1\t19 Jan 2021, 11:00\t26 Jan 2021, 11:00\t/);
    expect(await periods.getByText(/over quota/).count()).toBe(1);

    const timeline = app.figure('Timeline');
    // that period as a band, and her four events (three sent, one bounce) as points
    await expect.poll(() => timeline.locator('.recharts-reference-area').count()).toBe(1);
    await expect.poll(() => timeline.locator('.recharts-scatter-symbol').count()).toBe(4);

    const events = page.getByRole('table', { name: 'Events of jeanne.dupont@gmail.com' });
    expect(await events.getByText(/452 4\.2\.2 The email account that you tried to reach is over quota/).count()).toBe(1);
    // the quarantine of that day is over today: there is nothing left to release (issue 17)
    expect(await page.getByRole('button', { name: 'Release…' }).count()).toBe(0);
    await screenshot(page, '3-address-quarantine');

    // a hard bounce at gmail.com: long quarantine at the first occurrence (seed 002)
    await page.getByRole('combobox', { name: 'Search address' }).fill('');
    await page.getByLabel('Status on').fill('');
    await app.lookUp('marc.p', 'marc.petit@gmail.com');
    const marc = page.getByRole('region', { name: 'marc.petit@gmail.com' });
    await expect.poll(() => marc.getByText('Long quarantine', { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(page, '4-address-long-quarantine');
  });

  it('switches the interface to French', async () => {
    await app.open('Settings');
    await page.getByLabel('Language').selectOption('fr');
    await expect.poll(() => page.getByRole('heading', { name: 'Réglages' }).isVisible()).toBe(true);
    await expect.poll(() => app.nav('Vue d’ensemble').isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');

    await app.open('Adresse');
    const search = app.searchBox('Rechercher une adresse');
    await expect.poll(() => search.isVisible()).toBe(true);
    await search.fill('sophie');
    await page.getByRole('option', { name: /sophie\.leroy@orange\.fr/ }).click();
    const sophie = page.getByRole('region', { name: 'sophie.leroy@orange.fr' });
    await expect.poll(() => sophie.getByText('Liste noire', { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(page, '5-french-blacklisted');

    await app.open('Vue d’ensemble');
    await expect.poll(() => app.figure('Volume dans le temps').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(10);
    await screenshot(page, '6-french-overview');
    expect(opened.consoleErrors).toEqual([]);
  });
});
