/**
 * Issue 15 in a real browser: the demo's injected incidents as bands on the day and hour charts,
 * the incident list with its summaries and figures, a click that zooms the charts to one and lists
 * what it touched, the per-domain view, and an address page naming the incidents that touched it.
 * With REBOND_SCREENSHOTS=1, screenshots in test-results/incidents-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type GroundTruth } from '../../core/demo/generate';
import { RebondPage } from './app-page';
import { canRun, openApp, screenshot, type OpenApp } from './harness';
import { tempDir } from '../helpers';

const skip = canRun();
if (skip) console.warn(`end-to-end tests skipped: ${skip}`);

describe.skipIf(skip !== null)('incidents in the app', () => {
  let open: OpenApp;
  let app: RebondPage;
  let truth: GroundTruth;
  const demo = tempDir();

  beforeAll(async () => {
    const result = await generateDemo({ out: demo.path, events: 20_000, seed: 1 });
    truth = result.groundTruth;
    open = await openApp();
    app = new RebondPage(open.page);
    await app.importFiles(result.files.slice(0, -1));
  }, 120_000);

  afterAll(async () => {
    await open?.close();
    demo.remove();
  });

  const volume = () => open.page.getByRole('figure', { name: 'Volume over time' });
  const list = () => open.page.getByRole('list', { name: 'Incidents' });

  it('draws the incidents as bands on the day chart and lists them with their figures', async () => {
    const page = open.page;
    await app.open(/^Overview$/);
    await expect.poll(() => list().getByRole('listitem').count(), { timeout: 20_000 }).toBe(truth.incidents.length);
    const throttling = list().locator('[data-kind="throttling"]');
    await expect.poll(() => throttling.getByText(/^Sending held at \d+ messages\/hour/).isVisible()).toBe(true);
    await expect.poll(() => throttling.getByText('cap per hour').isVisible()).toBe(true);
    await expect.poll(() => list().locator('[data-kind="provider_block"]').getByText('domain sfr.fr').isVisible()).toBe(true);
    // the day view: one band per incident, labelled by kind
    await expect.poll(() => volume().locator('.recharts-reference-area').count()).toBe(truth.incidents.length);
    await screenshot(page, 'incidents-1-day-bands');
    expect(await volume().locator('svg text').filter({ hasText: /^Throttling$/ }).count()).toBe(1);
    expect(await volume().locator('svg text').filter({ hasText: /^Provider block sfr\.fr$/ }).count()).toBe(1);
    expect(open.consoleErrors).toEqual([]);
  });

  it('keeps the bands readable at the hour grain', async () => {
    await volume().getByRole('radio', { name: 'hour' }).click();
    await expect.poll(() => volume().getByRole('radio', { name: 'hour' }).getAttribute('aria-checked')).toBe('true');
    // every hour has its bar, so a band covers the hours it spans, wide enough to see
    await expect.poll(() => volume().locator('.recharts-reference-area').count()).toBe(truth.incidents.length);
    await screenshot(open.page, 'incidents-2-hour-bands');
    const widths = await volume().locator('.recharts-reference-area-rect').evaluateAll((nodes) => nodes.map((n) => (n as unknown as { getBBox(): { width: number } }).getBBox().width));
    // the six-day throttling is a wide band; the one-hour provider block is still a visible one
    expect(Math.max(...widths)).toBeGreaterThan(200);
    expect(Math.min(...widths)).toBeGreaterThan(1);
  });

  it('zooms the charts to an incident and lists the addresses and campaigns it touched', async () => {
    const page = open.page;
    await list().getByRole('button', { name: 'Zoom to this incident: Provider block domain sfr.fr' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Charts zoomed to Provider block' }).isVisible()).toBe(true);
    // an hour-long block, zoomed: the chart is by the hour and spans a few hours, not three weeks
    await expect.poll(() => volume().getByRole('radio', { name: 'hour' }).getAttribute('aria-checked')).toBe('true');
    const detail = page.getByRole('region', { name: /What it touched/ });
    await expect.poll(() => detail.getByRole('list', { name: /\d+ addresses/ }).getByRole('listitem').count(), { timeout: 20_000 }).toBeGreaterThan(5);
    const victim = truth.incidents.find((i) => i.kind === 'provider_block')!.addresses![0];
    await expect.poll(() => detail.getByRole('button', { name: `Open ${victim}` }).isVisible()).toBe(true);
    await expect.poll(() => detail.getByText('ouverture-commande-25-01').isVisible()).toBe(true);
    await expect.poll(() => detail.getByText(/Recipient address rejected: Utilisateur inconnu/).first().isVisible()).toBe(true);
    // the per-domain view follows the incident's domain
    const perDomain = page.getByRole('region', { name: 'Failures by receiving domain, reason and hour' });
    await expect.poll(() => perDomain.getByRole('combobox').inputValue()).toBe('sfr.fr');
    // user_unknown, in the words of the reasons chart
    await expect.poll(() => perDomain.getByRole('columnheader', { name: 'Mailbox does not exist' }).isVisible()).toBe(true);
    expect(await perDomain.getByRole('rowheader').first().innerText()).toMatch(/25 Jan/);
    await screenshot(page, 'incidents-3-zoomed');

    await detail.getByRole('button', { name: `Open ${victim}` }).click();
    const related = page.getByRole('region', { name: 'Platform incidents that touched this address' });
    await expect.poll(() => related.getByText(/^Refused on 25 Jan 2021 with \d+ other sfr\.fr addresses/).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByText(/a block of our sending, not a dead address/).first().isVisible()).toBe(true);
    await screenshot(page, 'incidents-4-address-block');
  });

  it('tells on the address page that an e-mail went out during the throttling', async () => {
    const page = open.page;
    // someone whose mail Mailjet sent on 18 January, in the middle of the throttling
    const lines = readFileSync(join(demo.path, 'mailjet-events.csv'), 'utf8').split('\n');
    const day = Date.parse('2021-01-18T12:00:00Z') / 1000;
    const row = lines.map((l) => l.split(',')).find((c) => c[0] === 'sent' && Number(c[1]) >= day && Number(c[1]) < day + 3600)!;
    await app.open(/^Address$/);
    const search = page.getByRole('combobox', { name: 'Search address' });
    await search.fill(row[4]);
    await search.press('Enter');
    const related = page.getByRole('region', { name: 'Platform incidents that touched this address' });
    await expect.poll(() => related.getByText(/^Your e-mail of 18 Jan 2021 .*was sent during the platform-wide throttling of 17 Jan 2021 – 22 Jan 2021/).isVisible(), { timeout: 20_000 }).toBe(true);
    await screenshot(page, 'incidents-5-address-throttling');
    expect(open.consoleErrors).toEqual([]);
  });
});
