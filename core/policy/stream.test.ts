import { describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '../model/event';
import { complaint, delivered, mailboxFull, userUnknown } from './fixtures';
import { reconstructAddress, type ImportedListEntry } from './reconstruct';
import { DEFAULT_POLICY } from './settings';
import { reconstructAll, reconstructAllHistories, reconstructAllSync, type AddressStatusRow } from './stream';

const NOW = '2030-01-01T00:00:00.000Z';
const AT = '2021-02-01T00:00:00.000Z';

const events: DeliveryEvent[] = [
  mailboxFull('2021-01-10T10:00:00.000Z', 'a@gmail.com'),
  mailboxFull('2021-01-29T10:00:00.000Z', 'a@gmail.com'),
  userUnknown('2021-01-03T09:00:00.000Z', 'b@petite-asso.org'),
  userUnknown('2021-01-20T09:00:00.000Z', 'b@petite-asso.org'),
  delivered('2021-01-02T09:00:00.000Z', 'c@yopmail.com'),
  complaint('2021-01-18T16:20:00.000Z', 'd@orange.fr'),
  delivered('2021-01-05T09:00:00.000Z', 'e@free.fr'),
];
const imported: ImportedListEntry[] = [
  { address: 'b@petite-asso.org', status: 'invalid', since: '2020-01-01T00:00:00Z', source: { importId: 3, file: 'old.csv', line: 2 } },
  { address: 'aaa@old-tool.fr', status: 'long_quarantine', since: '2020-01-01T00:00:00Z', source: { importId: 3, file: 'old.csv', line: 3 } },
];
const isDisposable = (domain: string) => domain === 'yopmail.com';
const options = { policy: DEFAULT_POLICY, imported, isDisposable, at: AT };

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('the set-wise pass gives the same answers as one address at a time', () => {
  it('for every address, plus the ones known only from an import', async () => {
    const rows = await collect(reconstructAll(events, options));
    expect(rows.map((r) => [r.address, r.status, r.until])).toEqual([
      ['a@gmail.com', 'soft_quarantine', '2021-02-12T10:00:00.000Z'],
      ['b@petite-asso.org', 'long_quarantine', null],
      ['c@yopmail.com', 'filtered', null],
      ['d@orange.fr', 'blacklisted', null],
      ['e@free.fr', 'ok', null],
      ['aaa@old-tool.fr', 'long_quarantine', null],
    ]);
    for (const row of rows) {
      const one = reconstructAddress({
        address: row.address,
        events: events.filter((e) => e.address === row.address),
        imported,
        disposable: isDisposable(row.address.split('@')[1]),
        policy: DEFAULT_POLICY,
        at: AT,
      });
      expect(row).toMatchObject({ status: one.status, until: one.until, since: one.since, softQuarantineCount: one.softQuarantineCount });
    }
  });

  it('takes async batches (a DuckDB chunk at a time) and sync iterables alike', async () => {
    async function* chunks() {
      yield events.slice(0, 3);
      yield events.slice(3);
    }
    const fromChunks = await collect(reconstructAll(chunks(), options));
    const fromSync: AddressStatusRow[] = [...reconstructAllSync(events, options)];
    expect(fromChunks).toEqual(fromSync);
    const histories = await collect(reconstructAllHistories(chunks(), options));
    expect(histories[1].periods.map((p) => p.rule)).toEqual(['imported.invalid']);
  });

  it('sorts an address whose events come out of time order', () => {
    const rows = [...reconstructAllSync([events[1], events[0]], { policy: DEFAULT_POLICY, at: AT })];
    expect(rows[0]).toMatchObject({ status: 'soft_quarantine', softQuarantineCount: 2 });
  });

  it('refuses input that is not grouped by address', () => {
    expect(() => [...reconstructAllSync([events[0], events[2], events[1]], { policy: DEFAULT_POLICY, now: NOW })]).toThrow(/grouped by address/);
  });
});
