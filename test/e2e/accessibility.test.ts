/**
 * Accessible to everyone (issue 17 item 6): axe-core finds no violation on any screen state —
 * empty, imported, each status of the address page, the dialogs, the lists, the settings — in
 * English and in French; choosing a screen moves the focus to its heading or search box. Each
 * state leaves a screenshot in test-results/ with REBOND_SCREENSHOTS=1.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSession } from './app-session';
import { axeViolations } from './axe';
import { canRun, FIXTURES, screenshot } from './harness';

const skip = canRun();

/** Addresses in the statuses the e2e fixtures leave in the past: a file of events from the last days. */
function recentEvents(file: string): void {
  const now = Math.floor(Date.now() / 1000);
  const header = 'event,time,email,blocked,hard_bounce,error_related_to,error,smtp_reply';
  const lines = [
    `sent,${now - 7200},chloe.soft@orange.fr,,,,,`,
    `bounce,${now - 3600},chloe.soft@orange.fr,false,false,recipient,quota exceeded,452 4.2.2 Boite du destinataire pleine`,
    `sent,${now - 86400},hugo.unsub@free.fr,,,,,`,
    `unsub,${now - 80000},hugo.unsub@free.fr,,,,,`,
    `sent,${now - 86400},tom@mailinator.com,,,,,`,
  ];
  writeFileSync(file, [header, ...lines].join('\n') + '\n');
}

describe.skipIf(skip !== null)('Accessibility (axe-core) on every screen state', () => {
  const session = appSession();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rebond-a11y-'));
    recentEvents(join(dir, 'recent-events.csv'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const check = async (name: string) => {
    await screenshot(session.page, `a11y-${name}`);
    expect(await axeViolations(session.page), name).toEqual([]);
  };

  it('has no violation on the empty workspace: Import, Overview, Address, Lists, Settings', async () => {
    const { page, app } = session;
    await expect.poll(() => page.getByRole('heading', { name: 'Import files' }).isVisible()).toBe(true);
    await check('empty-import');
    await app.open('Overview');
    await expect.poll(() => page.getByRole('heading', { name: 'Overview', level: 1 }).isVisible()).toBe(true);
    await check('empty-overview');
    await app.open('Address');
    await expect.poll(() => page.getByRole('heading', { name: 'Look up an address from a ticket' }).isVisible()).toBe(true);
    await check('empty-address');
    await app.open('Lists');
    await expect.poll(() => page.getByText('No address in this status.').isVisible()).toBe(true);
    await check('empty-lists');
    await app.open('Settings');
    await expect.poll(() => page.getByRole('heading', { name: 'Settings', level: 1 }).isVisible()).toBe(true);
    await check('empty-settings');
  });

  it('moves the focus to the chosen screen’s search box or heading', async () => {
    const { page, app } = session;
    await app.open('Address');
    await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('role')")).toBe('combobox');
    await app.open('Settings');
    await expect.poll(() => page.evaluate('document.activeElement?.tagName')).toBe('H1');
    await app.open('Lists');
    await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toBe('Address lists');
  });

  it('has no violation once files are imported: the import report, the Overview with its charts and tables', async () => {
    const { page, app } = session;
    await app.importFiles([join(FIXTURES, 'mailjet-events.csv'), join(FIXTURES, 'postfix-maillog.log'), join(dir, 'recent-events.csv')]);
    await check('imported-import');
    await app.open('Overview');
    await expect.poll(() => page.getByRole('figure', { name: 'Volume over time' }).isVisible(), { timeout: 15_000 }).toBe(true);
    const summaries = await page.getByText('Show as a table').all();
    for (const summary of summaries) await summary.click();
    // each table is drawn on its details' toggle event, after the click returns: check them drawn
    await expect.poll(() => page.locator('.chart-table table').count()).toBe(summaries.length);
    await check('imported-overview');
  });

  it('has no violation on the address page in each status, and in its dialogs', async () => {
    const { page, app } = session;
    await app.open('Address');
    const statuses: Array<[string, string]> = [
      ['adam.durand@sfr.fr', 'Deliverable'],
      ['chloe.soft@orange.fr', 'Temporary quarantine'],
      ['marc.petit@gmail.com', 'Long quarantine'],
      ['sophie.leroy@orange.fr', 'Blacklisted'],
      ['tom@mailinator.com', 'Filtered'],
      ['hugo.unsub@free.fr', 'Unsubscribed'],
    ];
    for (const [address, status] of statuses) {
      await app.searchBox().fill(address);
      await app.searchBox().press('Enter');
      const region = page.getByRole('region', { name: address });
      await expect.poll(() => region.getByText(status, { exact: true }).first().isVisible(), { timeout: 15_000 }).toBe(true);
      await check(`address-${status.toLowerCase().replace(/\s+/g, '-')}`);
    }
    // never seen, with the nearest known addresses
    await app.searchBox().fill('marc.peitt@gmail.com');
    await app.searchBox().press('Enter');
    await expect.poll(() => page.getByRole('region', { name: /Known addresses close to/ }).isVisible(), { timeout: 15_000 }).toBe(true);
    await check('address-never-seen');

    await app.searchBox().fill('marc.petit@gmail.com');
    await app.searchBox().press('Enter');
    await page.getByRole('button', { name: 'Release…' }).click();
    const release = page.getByRole('dialog', { name: 'Release marc.petit@gmail.com' });
    await expect.poll(() => release.getByRole('region', { name: 'Risk for the next campaign' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await check('dialog-release');
    await release.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Export report…' }).click();
    const report = page.getByRole('dialog');
    await expect.poll(() => report.isVisible()).toBe(true);
    await page.waitForTimeout(500);
    await check('dialog-report');
    await page.keyboard.press('Escape');
  });

  it('has no violation on the lists, by status and behind a figure, and on the settings with data', async () => {
    const { page, app } = session;
    await app.open('Lists');
    await page.getByRole('radio', { name: 'Long quarantine' }).click();
    await expect.poll(() => page.getByText('3 addresses in this status').isVisible(), { timeout: 15_000 }).toBe(true);
    await check('lists-long-quarantine');
    await app.open('Overview');
    await page.getByRole('button', { name: /Show the addresses: Hard bounces/ }).click();
    await expect.poll(() => page.getByRole('heading', { name: /Addresses behind the figure/ }).isVisible(), { timeout: 15_000 }).toBe(true);
    await check('lists-behind-hard-bounces');
    await app.open('Settings');
    await check('imported-settings');
  });

  it('has no violation in French either', async () => {
    const { page } = session;
    await page.getByRole('combobox', { name: /Language|Langue/ }).selectOption('fr').catch(async () => {
      await page.getByLabel(/Language|Langue/).selectOption('fr');
    });
    await expect.poll(() => page.getByRole('navigation').getByRole('button', { name: 'Vue d’ensemble' }).isVisible()).toBe(true);
    await page.getByRole('navigation').getByRole('button', { name: 'Vue d’ensemble' }).click();
    await expect.poll(() => page.getByRole('figure', { name: 'Volume dans le temps' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await check('fr-overview');
    await page.getByRole('navigation').getByRole('button', { name: 'Listes' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Listes d’adresses' }).isVisible()).toBe(true);
    // the lists as the agent reads them, not while they load
    await expect.poll(() => page.getByText('Chargement…').count(), { timeout: 15_000 }).toBe(0);
    await check('fr-lists');
  });
});
