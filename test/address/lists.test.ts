/**
 * Lists and drill-down (issue 17 item 4): the addresses behind an Overview figure, and the
 * addresses in one status with the event that put each there, filterable by domain and cause.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, withEngine } from '../helpers';

const CSV = join(FIXTURES, 'mailjet', 'events.csv');

describe('the addresses behind a figure', () => {
  it('lists the addresses behind the hard-bounce count, a domain and a reason', async () => {
    await withEngine(async (engine) => {
      await engine.importFiles({ paths: [CSV] });
      const overview = await engine.overview({});
      const hard = await engine.addressesBehind({ type: 'hard_bounce' });
      expect(hard.rows.map((r) => r.address).sort()).toEqual(['lea.martin@gmail.com', 'marie.leroy@hotmail.fr']);
      // two addresses behind as many hard bounces as the headline counts
      expect(hard.rows.reduce((n, r) => n + r.events, 0)).toBe(overview.headline.hardBounces);
      expect(hard.total).toBe(2);

      const reason = overview.reasonsByDomain.find((r) => r.domain === 'gmail.com' && r.type === 'hard_bounce')!;
      const bar = await engine.addressesBehind({ type: reason.type, domain: reason.domain, category: reason.category });
      expect(bar.rows).toEqual([{ address: 'lea.martin@gmail.com', domain: 'gmail.com', events: reason.count, lastTime: '2021-01-20T10:15:00.000Z', category: reason.category }]);

      expect((await engine.addressesBehind({ type: 'hard_bounce', domain: 'orange.fr' })).rows).toEqual([]);
      // the period's limits are applied: nothing before the first event
      expect((await engine.addressesBehind({ type: 'hard_bounce', to: '2021-01-01T00:00:00Z' })).total).toBe(0);
    });
  });
});

describe('the addresses in a status', () => {
  it('gives each listed address its cause, and counts by domain and cause for the filters', async () => {
    await withEngine(async (engine) => {
      await engine.importFiles({ paths: [CSV] });
      const at = '2021-01-26T00:00:00Z';
      for (const status of ['soft_quarantine', 'long_quarantine', 'blacklisted', 'unsubscribed'] as const) {
        const set = (await engine.addresses({ status, at })).map((a) => a.address).sort();
        const view = await engine.addressList({ status, at });
        // the same addresses as the CLI's `addresses --status`
        expect(view.rows.map((r) => r.address).sort()).toEqual(set);
        expect(view.total).toBe(set.length);
        expect(view.domains.reduce((n, d) => n + d.count, 0)).toBe(set.length);
      }
      const soft = await engine.addressList({ status: 'soft_quarantine', at });
      const paul = soft.rows.find((r) => r.address === 'paul.durand@orange.fr')!;
      expect(paul).toMatchObject({ domain: 'orange.fr', cause: { type: 'soft_bounce', category: 'mailbox_full', time: '2021-01-25T09:00:00.000Z' } });
      expect(soft.reasons).toContainEqual({ value: 'mailbox_full', count: soft.rows.filter((r) => r.cause?.category === 'mailbox_full').length });

      const unsub = await engine.addressList({ status: 'unsubscribed', at });
      expect(unsub.rows.find((r) => r.address === 'luc.moreau@sfr.fr')?.cause?.type).toBe('unsubscribe');

      // filters narrow the rows, not the counts the filters offer
      const otherDomain = await engine.addressList({ status: 'soft_quarantine', at, domain: 'example.org' });
      expect(otherDomain).toMatchObject({ total: soft.total, matching: 0, rows: [] });
      const byReason = await engine.addressList({ status: 'soft_quarantine', at, reason: 'mailbox_full' });
      expect(byReason.rows.every((r) => r.cause?.category === 'mailbox_full')).toBe(true);
      expect(byReason.matching).toBeGreaterThan(0);
    });
  });
});
