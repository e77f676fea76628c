/**
 * Charts that read at a glance (issue 17 item 5): opens and clicks on their own axis, not stacked
 * on the deliveries; round ticks on the complaint chart; the brush names what it shows and its
 * zoom updates the headline figures; every chart has a name, a legend and a table view.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appSession } from './app-session';
import { canRun, FIXTURES, screenshot } from './harness';

const skip = canRun();

describe.skipIf(skip !== null)('The Overview charts', () => {
  const session = appSession();
  beforeAll(async () => {
    await session.app.importFiles([join(FIXTURES, 'mailjet-events.csv'), join(FIXTURES, 'postfix-maillog.log')]);
    await session.app.open('Overview');
    await session.page.getByRole('radio', { name: 'hour' }).click();
  }, 90_000);

  it('draws opens and clicks as lines on their own axis, not as bars on the deliveries', async () => {
    const { app } = session;
    const volume = app.figure('Volume over time');
    await expect.poll(() => volume.locator('.recharts-bar-rectangle').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await volume.locator('.recharts-line').count()).toBeGreaterThan(0);
    expect(await volume.locator('.recharts-yAxis').count()).toBe(2);
    expect(await volume.getByText('requests, opens, clicks').count()).toBe(1);
    // the table view has the opens in a column of their own
    await volume.getByText('Show as a table').click();
    // (the rows are drawn on the details' toggle event, which fires after the click returns)
    await expect.poll(() => volume.getByRole('columnheader', { name: 'Open' }).isVisible()).toBe(true);
    // the legend under the chart names the table's series in the same order; bars are squares, lines strokes
    const legend = await volume.locator('.chart-legend li').allTextContents();
    expect(legend).toEqual((await volume.getByRole('columnheader').allTextContents()).slice(1));
    expect(legend).toEqual(expect.arrayContaining(['Delivered', 'Open']));
    expect(await volume.locator('.chart-legend li', { hasText: 'Delivered' }).locator('.legend-mark.square').count()).toBe(1);
    expect(await volume.locator('.chart-legend li', { hasText: 'Open' }).locator('.legend-mark.line').count()).toBe(1);
  });

  it('puts round ticks on the complaint chart and the threshold labels beside it', async () => {
    const { app } = session;
    const complaints = app.figure('Spam complaint rate per day');
    await expect.poll(() => complaints.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').count()).toBeGreaterThan(2);
    const ticks = (await complaints.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).map((s) => Number(s.replace(/[^\d.]/g, '')));
    expect(ticks[0]).toBe(0);
    for (const [i, tick] of ticks.entries()) expect(Math.round(tick * 1000)).toBe(Math.round(i * (ticks[1] - ticks[0]) * 1000));
    expect([0.1, 0.5, 1]).toContain(ticks[1] - ticks[0] > 0.09 && ticks[1] - ticks[0] < 0.11 ? 0.1 : ticks[1] - ticks[0]);
    expect(await complaints.getByText('limit 0.3%').count()).toBe(1);
  });

  it('zooms with a named brush, and the headline figures follow the zoom', async () => {
    const { page, app } = session;
    const before = await app.headlineCount('Messages');
    const handle = page.getByRole('slider', { name: /^Zoom: from .+ to .+$/ }).first();
    await handle.focus();
    for (let i = 0; i < 30; i++) await handle.press('ArrowRight');
    await expect.poll(() => page.getByText(/^Figures from .+ \(the zoom of the volume chart\)\.$/).isVisible()).toBe(true);
    await expect.poll(() => app.headlineCount('Messages')).toBeLessThan(before);
    expect(await handle.getAttribute('aria-label')).not.toContain('undefined');
    await screenshot(page, 'charts-1-brushed');
  });
});
