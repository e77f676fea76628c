/**
 * SPEC §11.3 on the Lists screen: our suppressed addresses beside an imported list's, by status
 * and cause, and the addresses on one side only — in English, then in French, with no axe-core
 * violation. The AssoConnect fixtures: a campaign (a hard bounce, an unsubscription, an
 * "Email invalide") and its "Emails identifiés comme invalides" list.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES as TEST_FIXTURES } from '../helpers';
import { appSession } from './app-session';
import { axeViolations } from './axe';
import { canRun, screenshot } from './harness';

const skip = canRun();

describe.skipIf(skip !== null)('The reconciliation on the Lists screen', () => {
  const session = appSession();

  it('shows both sides by status and the addresses on one side only, in English', async () => {
    const { page, app } = session;
    await app.importFiles([join(TEST_FIXTURES, 'assoconnect', 'campagne-utf8-bom.csv'), join(TEST_FIXTURES, 'assoconnect', 'emails-invalides.csv')]);
    await app.open('Lists');
    const section = page.getByRole('region', { name: 'Our lists and the imported lists' });
    await expect.poll(() => section.getByRole('status').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await section.getByRole('status').innerText()).toBe('Suppressed addresses: 2 in our data, 2 in the imported lists, 0 on both sides.');
    await expect.poll(() => section.getByText('Compared with: emails-invalides.csv (2 addresses)').isVisible()).toBe(true);
    const counts = section.getByRole('table', { name: 'Addresses by status, on each side' });
    expect(await counts.getByRole('row', { name: /Long quarantine/ }).locator('td').allInnerTexts()).toEqual(['1', '2']);
    expect(await counts.getByRole('row', { name: /Unsubscribed/ }).locator('td').allInnerTexts()).toEqual(['1', '0']);
    const causes = section.getByRole('table', { name: 'Our addresses by status and cause' });
    expect(await causes.getByRole('row', { name: /Long quarantine/ }).locator('td').allInnerTexts()).toEqual(['Hard bounce', '1']);

    const ours = section.getByRole('table', { name: 'Only in our data: 2 addresses' });
    expect(await ours.locator('tbody th').allInnerTexts()).toEqual(['berenice.mauvais@gmail.com', 'aesa.oeuvrard@sfr.fr']);
    const theirs = section.getByRole('table', { name: 'Only in the imported lists: 2 addresses' });
    expect(await theirs.locator('tbody th').allInnerTexts()).toEqual(['jean@email.com', 'ancien.membre@wanadoo.fr']);
    const former = theirs.getByRole('row', { name: /ancien\.membre@wanadoo\.fr/ });
    expect(await former.locator('td').first().innerText()).toBe('Invalid');
    await expect.poll(() => former.getByText('Never seen').isVisible()).toBe(true);
    await screenshot(page, 'reconcile-1-en');
    expect(await axeViolations(page)).toEqual([]);

    // one click to the address itself
    await theirs.getByRole('button', { name: 'jean@email.com' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'jean@email.com' }).isVisible(), { timeout: 15_000 }).toBe(true);
  });

  it('says the same in French', async () => {
    const { page, app } = session;
    await app.open('Settings');
    await page.getByLabel(/Language|Langue/).selectOption('fr');
    await expect.poll(() => page.getByRole('navigation').getByRole('button', { name: 'Listes' }).isVisible()).toBe(true);
    await page.getByRole('navigation').getByRole('button', { name: 'Listes' }).click();
    const section = page.getByRole('region', { name: 'Nos listes et les listes importées' });
    await expect.poll(() => section.getByRole('status').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await section.getByRole('status').innerText()).toBe('Adresses écartées : 2 dans nos données, 2 dans les listes importées, 0 des deux côtés.');
    const counts = section.getByRole('table', { name: 'Adresses par statut, de chaque côté' });
    expect(await counts.getByRole('row', { name: /Quarantaine longue/ }).locator('td').allInnerTexts()).toEqual(['1', '2']);
    const theirs = section.getByRole('table', { name: 'Seulement dans les listes importées : 2 adresses' });
    const former = theirs.getByRole('row', { name: /ancien\.membre@wanadoo\.fr/ });
    expect(await former.locator('td').first().innerText()).toBe('Invalide');
    await expect.poll(() => former.getByText('Jamais vue').isVisible()).toBe(true);
    await screenshot(page, 'reconcile-2-fr');
    expect(await axeViolations(page)).toEqual([]);
  });
});
