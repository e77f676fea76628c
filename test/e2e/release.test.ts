/**
 * Releasing an address, as the policy allows it (seed 002): the dialog says what the policy
 * requires and what the release would do to the next campaign's hard-bounce rate; a blacklist
 * reason that does not record the person's own request is refused and changes nothing; a proper
 * one releases the address, and the release (who, when, why) shows in the periods.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebondPage } from './app-page';
import { canRun, FIXTURES, openApp, screenshot, type OpenApp } from './harness';

const skip = canRun();

describe.skipIf(skip !== null)('Releasing an address', () => {
  let opened: OpenApp;
  let page: Page;
  let app: RebondPage;

  beforeAll(async () => {
    opened = await openApp();
    page = opened.page;
    app = new RebondPage(page);
    await app.importFiles([join(FIXTURES, 'mailjet-events.csv'), join(FIXTURES, 'postfix-maillog.log')]);
  }, 90_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('shows the bounce risk of releasing a long quarantine before anything is confirmed', async () => {
    await app.open('Address');
    await app.lookUp('marc.p', 'marc.petit@gmail.com');
    const marc = page.getByRole('region', { name: 'marc.petit@gmail.com' });
    await expect.poll(() => marc.getByText('Long quarantine', { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);

    await page.getByRole('button', { name: 'Release…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Release marc.petit@gmail.com' });
    await expect.poll(() => dialog.getByText(/a note is required/).isVisible()).toBe(true);
    const risk = dialog.getByRole('region', { name: 'Risk for the next campaign' });
    await expect.poll(() => risk.getByText(/Expected hard-bounce rate in a campaign of [\d,]+ messages: [\d.]+ ?% \(limit 1 ?%\)/).isVisible()).toBe(true);
    // one hard bounce at gmail.com: likely to bounce again, in a small fixture campaign
    await expect.poll(() => risk.getByText('Be careful', { exact: true }).isVisible()).toBe(true);
    expect(await risk.getByText(/^Releasing this address into a campaign of 128 sends would give about 0\.9 hard bounces \(0\.7\s?%\)/).count()).toBe(1);
    await screenshot(page, 'release-1-long-quarantine-risk');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => marc.getByText('Long quarantine', { exact: true }).isVisible()).toBe(true);
  });

  it('refuses to take an address off the blacklist without the person’s own request, then releases it with one', async () => {
    await page.getByRole('combobox', { name: 'Search address' }).fill('');
    await app.lookUp('sophie', 'sophie.leroy@orange.fr');
    const sophie = page.getByRole('region', { name: 'sophie.leroy@orange.fr' });
    await expect.poll(() => sophie.getByText('Blacklisted', { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);

    await page.getByRole('button', { name: 'Release…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Release sophie.leroy@orange.fr' });
    const requires = dialog.getByRole('region', { name: 'What the policy requires' });
    await expect.poll(() => requires.getByText(/only be lifted at the person’s own written request/).isVisible()).toBe(true);
    const risk = dialog.getByRole('region', { name: 'Risk for the next campaign' });
    await expect.poll(() => risk.getByText(/Expected hard-bounce rate in a campaign of [\d,]+ messages: 0 ?%/).isVisible()).toBe(true);
    await expect.poll(() => risk.getByText('No bounce expected', { exact: true }).isVisible()).toBe(true);

    // a reason that never says the person asked: refused, the dialog stays, nothing changes
    await dialog.getByLabel('Reason for the release').fill('Customer called, please unblock');
    await dialog.getByLabel('Your name').fill('Claire (support)');
    await dialog.getByRole('button', { name: 'Release', exact: true }).click();
    const refusal = dialog.getByRole('alert');
    await expect.poll(() => refusal.isVisible()).toBe(true);
    expect(await refusal.innerText()).toMatch(/Not released\.[\s\S]*justification that the person asked/);
    await screenshot(page, 'release-2-blacklist-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => sophie.getByText('Blacklisted', { exact: true }).isVisible()).toBe(true);
    const periods = page.getByRole('region', { name: 'Periods' });
    expect(await periods.getByText('Released', { exact: true }).count()).toBe(0);

    // the person's written request, recorded: released
    await page.getByRole('button', { name: 'Release…' }).click();
    const reason = 'Person asked in writing by e-mail on 3 Feb 2021, ticket #4512';
    await dialog.getByLabel('Reason for the release').fill(reason);
    // the name typed before was not remembered: the refused release recorded nothing
    await dialog.getByLabel('Your name').fill('Claire (support)');
    await dialog.getByRole('button', { name: 'Release', exact: true }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.getByRole('status').getByText('sophie.leroy@orange.fr was released.', { exact: false }).isVisible()).toBe(true);
    await expect.poll(() => sophie.getByText('Deliverable', { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole('button', { name: 'Release…' }).count()).toBe(0);

    const released = periods.getByRole('row').filter({ hasText: 'Released' });
    expect(await released.count()).toBe(1);
    await expect.poll(() => released.getByText(/^by Claire \(support\) on \d+ \w+ \d{4}/).isVisible()).toBe(true);
    await expect.poll(() => released.getByText(reason).isVisible()).toBe(true);
    await expect.poll(() => sophie.getByText(/Released from the blacklist by Claire \(support\)/).isVisible()).toBe(true);
    await screenshot(page, 'release-3-blacklist-released');
    expect(opened.consoleErrors).toEqual([]);
  });
});
