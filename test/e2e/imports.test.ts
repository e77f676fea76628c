/**
 * Taking a past import out of the workspace from the Import screen: it asks first, says how many
 * events went, and the overview's figures drop by exactly what that file had brought.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appSession } from './app-session';
import { canRun, FIXTURES, screenshot } from './harness';

const skip = canRun();

describe.skipIf(skip !== null)('Removing a past import', () => {
  const session = appSession();

  it('asks for confirmation, removes the file’s events, and the overview drops by what it had brought', async () => {
    const { page, app, opened } = session;
    // what the Postfix log alone brings, then both files together
    await app.importFiles([join(FIXTURES, 'postfix-maillog.log')]);
    await app.open('Overview');
    const postfixMessages = await app.headlineCount('Messages');
    const postfixDelivered = await app.headlineCount('Delivered');
    expect([postfixMessages, postfixDelivered]).toEqual([37, 35]);

    await app.importFiles([join(FIXTURES, 'mailjet-events.csv')]);
    await app.open('Overview');
    await expect.poll(() => app.headlineCount('Messages')).toBeGreaterThan(postfixMessages);
    const bothMessages = await app.headlineCount('Messages');
    const bothDelivered = await app.headlineCount('Delivered');

    await app.open('Import');
    const past = app.pastImports();
    await expect.poll(() => past.getByRole('row').count()).toBe(3); // header + 2 imports
    const row = past.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'postfix-maillog.log' }) });
    const stored = Number((await row.getByRole('cell').nth(2).innerText()).replace(/\D/g, ''));
    expect(stored).toBe(46);
    expect([bothMessages, bothDelivered]).toEqual([692, 675]);

    // the first click only asks; Cancel keeps the import
    await past.getByRole('button', { name: 'Remove import postfix-maillog.log' }).click();
    const confirm = past.getByRole('button', { name: 'Confirm removal of postfix-maillog.log' });
    expect(await confirm.innerText()).toMatch(new RegExp(`Remove its ${stored.toLocaleString('en-GB')} events`));
    await screenshot(page, 'imports-1-confirm-removal');
    await past.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => confirm.count()).toBe(0);
    expect(await past.getByRole('row').count()).toBe(3);

    await past.getByRole('button', { name: 'Remove import postfix-maillog.log' }).click();
    await confirm.click();
    await expect.poll(() => past.getByRole('status').innerText()).toBe(`postfix-maillog.log removed (${stored.toLocaleString('en-GB')} events).`);
    await expect.poll(() => past.getByRole('row').count()).toBe(2);
    expect(await past.getByRole('rowheader', { name: 'postfix-maillog.log' }).count()).toBe(0);
    await expect.poll(() => past.getByRole('rowheader', { name: 'mailjet-events.csv' }).isVisible()).toBe(true);
    await screenshot(page, 'imports-2-removed');

    await app.open('Overview');
    await expect.poll(() => app.headlineCount('Messages')).toBe(bothMessages - postfixMessages);
    expect(await app.headlineCount('Delivered')).toBe(bothDelivered - postfixDelivered);
    await screenshot(page, 'imports-3-overview-after-removal');
    expect(opened.consoleErrors).toEqual([]);
  });
});
