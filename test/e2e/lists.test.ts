/**
 * Lists and drill-down in the app (issue 17 item 4): a headline figure or a reason on the Overview
 * opens the addresses behind it; the Lists screen lists the addresses in a status with their
 * until-date and cause, filters them by domain, and exports them as CSV with formulas neutralised.
 */
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSession } from './app-session';
import { canRun, FIXTURES, screenshot } from './harness';

const skip = canRun();

describe.skipIf(skip !== null)('Lists and drill-down', () => {
  const session = appSession();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rebond-lists-'));
    // an address a spreadsheet would read as a formula, hard-bounced: it must reach the CSV inert
    const now = Math.floor(Date.now() / 1000);
    await writeFile(
      join(dir, 'formula.csv'),
      ['event,time,email,blocked,hard_bounce,error_related_to,error,smtp_reply', `bounce,${now - 3600},+cmd@gmail.com,false,true,recipient,user unknown,550 5.1.1 User unknown`].join('\n') + '\n',
    );
    await session.app.importFiles([join(FIXTURES, 'mailjet-events.csv'), join(FIXTURES, 'postfix-maillog.log'), join(dir, 'formula.csv')]);
  }, 90_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('opens the addresses behind the hard-bounce count of the Overview', async () => {
    const { page, app } = session;
    await app.open('Overview');
    const hard = await app.headlineCount('Hard bounces');
    await page.getByRole('button', { name: `Show the addresses: Hard bounces ${hard}` }).click();
    const behind = page.getByRole('region', { name: /Addresses behind the figure — Hard bounce/ });
    await expect.poll(() => behind.isVisible(), { timeout: 15_000 }).toBe(true);
    const rows = behind.getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    const events = (await behind.locator('tbody td.num').allInnerTexts()).reduce((n, v) => n + Number(v.replace(/\D/g, '')), 0);
    expect(events).toBe(hard);
    await expect.poll(() => behind.getByRole('button', { name: 'marc.petit@gmail.com' }).isVisible()).toBe(true);
    await screenshot(page, 'lists-1-behind-hard-bounces');
    // one click to the address itself
    await behind.getByRole('button', { name: 'marc.petit@gmail.com' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'marc.petit@gmail.com' }).isVisible(), { timeout: 15_000 }).toBe(true);
  });

  it('opens the addresses behind one domain and reason of the reasons table', async () => {
    const { page, app } = session;
    await app.open('Overview');
    await page.getByText('Reasons by domain, as a table').click();
    const button = page.getByRole('button', { name: /^Show the addresses: gmail\.com, Mailbox does not exist, Hard bounce: \d+$/ });
    await button.click();
    const behind = page.getByRole('region', { name: /Hard bounce at gmail\.com because “Mailbox does not exist”/ });
    await expect.poll(() => behind.isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => behind.locator('tbody th').count()).toBeGreaterThan(0);
    const addresses = await behind.locator('tbody th').allInnerTexts();
    expect(addresses.every((a) => a.endsWith('@gmail.com'))).toBe(true);
  });

  it('lists the addresses in long quarantine with their cause, filters by domain and exports a CSV with formulas neutralised', async () => {
    const { page, app } = session;
    await app.open('Lists');
    await page.getByRole('radio', { name: 'Long quarantine' }).click();
    const list = page.getByRole('region', { name: 'Long quarantine' });
    const marc = list.getByRole('row').filter({ hasText: 'marc.petit@gmail.com' });
    await expect.poll(() => marc.getByText('Mailbox does not exist').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => marc.getByText('no end date').isVisible()).toBe(true);
    await screenshot(page, 'lists-2-long-quarantine');

    await list.getByLabel('Domain').selectOption('gmail.com');
    await expect.poll(async () => (await list.locator('tbody th').allInnerTexts()).every((a) => a.endsWith('@gmail.com'))).toBe(true);
    await expect.poll(() => list.getByText(/match(es)? the filters/).isVisible()).toBe(true);
    expect(await list.locator('tbody th').allInnerTexts()).toContain('marc.petit@gmail.com');

    expect(await list.locator('tbody th').allInnerTexts()).toContain('+cmd@gmail.com');
    const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: 'Export as CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\ufeffAddress,Domain,Status,Since,Until,Cause,Cause on');
    // the leading + is neutralised: a spreadsheet shows the text, it does not compute it
    expect(csv).toContain(`"'+cmd@gmail.com",gmail.com,Long quarantine,`);
    expect(csv).toContain('marc.petit@gmail.com,gmail.com,Long quarantine,');
    expect(csv).not.toMatch(/^\+cmd/m);
  });
});
