/**
 * Forgiving search in the app (issue 17 item 3): what an agent pastes from a ticket finds the
 * address, and a typo answers on Enter with the nearest known addresses and their status.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appSession } from './app-session';
import { canRun, FIXTURES, screenshot } from './harness';

const skip = canRun();

describe.skipIf(skip !== null)('Searching an address as it was pasted', () => {
  const session = appSession();
  beforeAll(async () => {
    await session.app.importFiles([join(FIXTURES, 'mailjet-events.csv'), join(FIXTURES, 'postfix-maillog.log')]);
    await session.app.open('Address');
  }, 90_000);

  it.each(['Marc Petit <marc.petit@gmail.com>', 'mailto:marc.petit@gmail.com', ' marc.petit@gmail.com. '])('finds the address from %j', async (pasted) => {
    const { page, app } = session;
    await app.searchBox().fill(pasted);
    await app.searchBox().press('Enter');
    const region = page.getByRole('region', { name: 'marc.petit@gmail.com' });
    await expect.poll(() => region.getByText('Long quarantine', { exact: true }).first().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText(/does not appear in the imported files/).count()).toBe(0);
  });

  it('offers suggestions while typing, each with its status', async () => {
    const { page, app } = session;
    await app.searchBox().fill('sophie.le');
    const option = page.getByRole('option', { name: /sophie\.leroy@orange\.fr/ });
    await expect.poll(() => option.isVisible()).toBe(true);
    await expect.poll(() => option.getByText('Blacklisted', { exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'search-1-suggestions-with-status');
    await app.searchBox().press('Escape');
  });

  it('answers a typo before the @ on Enter with the nearest known address and its status, one click from it', async () => {
    const { page, app } = session;
    await app.searchBox().fill('marc.peitt@gmail.com');
    await app.searchBox().press('Enter');
    const nearest = page.getByRole('region', { name: 'Known addresses close to marc.peitt@gmail.com' });
    await expect.poll(() => nearest.isVisible(), { timeout: 15_000 }).toBe(true);
    const item = nearest.getByRole('listitem').filter({ hasText: 'marc.petit@gmail.com' });
    await expect.poll(() => item.getByText('Long quarantine', { exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'search-2-typo-nearest');
    await item.getByRole('button', { name: 'marc.petit@gmail.com' }).click();
    const region = page.getByRole('region', { name: 'marc.petit@gmail.com' });
    await expect.poll(() => region.getByText('Long quarantine', { exact: true }).first().isVisible(), { timeout: 15_000 }).toBe(true);
  });
});
