/**
 * Issue 18 item 2: the set-wise statuses (DuckDB settles what it can, the policy replays the rest
 * on a cut-down stream) must be the per-address policy's, address for address: on random
 * workspaces (several seeds, releases, imported lists, provider blocks that excuse bounces,
 * the default and strict presets and a policy file, with and without `at`) and on the demo.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../core/demo/generate';
import { createEngine, type Engine } from '../../core/engine';
import type { Release } from '../../core/model/status';
import { parsePolicy, presetPolicy, reconstructAddress, type ImportedListEntry, type Policy } from '../../core/policy';
import type { DeliveryEvent, EventType } from '../../core/model/event';
import type { ProviderBlockWindow } from '../../core/policy/history';
import { setwiseCounts, setwiseStatuses, countStatuses } from '../../core/statuses';
import type { AddressStatusRow } from '../../core/policy/stream';
import { Database } from '../../core/store/database';
import { streamStatusInputs } from '../../core/store/status-inputs';
import { LISTABLE_STATUSES } from '../../core/commands/shared';
import { tempDir } from '../helpers';
import { seededRandom } from '../../core/demo/random';

const random = seededRandom;

const DOMAINS = ['gmail.com', 'orange.fr', 'asso-quartier.fr', 'yopmail.com', 'free.fr'];
const DISPOSABLE = new Set(['yopmail.com']);
// deliveries weigh most, as in real exports: the runs of deliveries are what the stream cuts
const TYPES: EventType[] = ['delivered', 'delivered', 'delivered', 'delivered', 'requested', 'open', 'click', 'soft_bounce', 'hard_bounce', 'deferred', 'blocked', 'complaint', 'unsubscribe'];
const CATEGORIES = ['mailbox_full', 'expired', 'user_unknown', 'spam_content', null, 'domain_not_found'];
const T0 = Date.parse('2021-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

interface Workspace {
  events: DeliveryEvent[];
  releases: Release[];
  imported: ImportedListEntry[];
  blocks: ProviderBlockWindow[];
  addresses: string[];
}

function randomWorkspace(seed: number, count: number): Workspace {
  const r = random(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const events: DeliveryEvent[] = [];
  const releases: Release[] = [];
  const imported: ImportedListEntry[] = [];
  const addresses: string[] = [];
  let line = 1;
  for (let n = 0; n < count; n++) {
    const domain = pick(DOMAINS);
    const address = `a${seed}-${n}@${domain}`;
    addresses.push(address);
    // four in ten only ever receive mail: DuckDB settles those
    const quiet = r() < 0.4;
    const eventCount = n % 17 === 0 ? 0 : 1 + Math.floor(r() * 14);
    let t = T0 + Math.floor(r() * 30) * 86_400_000;
    for (let i = 0; i < eventCount; i++) {
      t += 1000 + Math.floor(r() * 20 * 86_400_000); // distinct instants: ties order by file line
      const type: EventType = quiet ? pick(['delivered', 'requested', 'open'] as const) : pick(TYPES);
      const bounce = type === 'soft_bounce' || type === 'hard_bounce' || type === 'deferred';
      events.push({
        address, domain, type, time: iso(t),
        category: bounce ? pick(CATEGORIES) : null,
        severity: null, actor: null,
        countsAgainstAddress: bounce ? r() < 0.7 : false,
        rule: null, smtpCode: bounce ? 550 : null, enhancedCode: null, diagnostic: bounce ? 'said no' : null,
        messageId: null, campaign: null, sender: null, relay: null, delaySeconds: null,
        source: { importId: 1, file: '', line: line++ },
      });
    }
    if (r() < 0.12) {
      releases.push({ address, time: iso(T0 + Math.floor(r() * 300) * 86_400_000), by: 'agent', reason: 'asked', status: pick(['long_quarantine', 'blacklisted', 'soft_quarantine'] as const) });
    }
    // an imported list entry, on an address with events or (n % 17 === 0) one without
    if (r() < 0.1 || (eventCount === 0 && r() < 0.7)) {
      imported.push({ address, status: pick(['long_quarantine', 'soft_quarantine', 'blacklisted', 'invalid', 'unsubscribed'] as const), since: iso(T0 + Math.floor(r() * 300) * 86_400_000), source: { importId: 2, file: '', line: line++ } });
    }
  }
  // a provider block at orange.fr: hard bounces inside it do not count
  const blocks: ProviderBlockWindow[] = [{ id: 'b1', domain: 'orange.fr', start: iso(T0 + 20 * 86_400_000), end: iso(T0 + 120 * 86_400_000), addresses: 10 }];
  return { events, releases, imported, blocks, addresses };
}

const csvCell = (v: unknown) => (v === null || v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`);

async function store(db: Database, w: Workspace, dir: string): Promise<void> {
  const file = join(dir, 'events.csv');
  const rows = w.events.map((e, i) => [i + 1, e.time, e.address, e.domain, e.type, e.category, e.countsAgainstAddress, e.smtpCode, e.diagnostic, e.source.line].map(csvCell).join(','));
  writeFileSync(file, 'key,time,address,domain,type,category,counts_against,smtp_code,diagnostic,line\n' + rows.join('\n') + '\n');
  await db.run(`DELETE FROM events`);
  await db.run(
    `INSERT INTO events (key, time, address, domain, type, category, counts_against, smtp_code, diagnostic, import_id, line, address_key)
     SELECT key, time, address, domain, type, category, counts_against, smtp_code, diagnostic, 1, line, hash(address)
     FROM read_csv($1, header = true, columns = {'key': 'UBIGINT', 'time': 'TIMESTAMPTZ', 'address': 'VARCHAR', 'domain': 'VARCHAR',
       'type': 'VARCHAR', 'category': 'VARCHAR', 'counts_against': 'BOOLEAN', 'smtp_code': 'INTEGER', 'diagnostic': 'VARCHAR', 'line': 'BIGINT'})`,
    [file],
  );
  // releases and imported lists: the set-wise query reads them to know whose deliveries to keep
  await db.run(`DELETE FROM releases`);
  for (const rel of w.releases) await db.run(`INSERT INTO releases VALUES ($1, $2::TIMESTAMPTZ, $3, $4, $5)`, [rel.address, rel.time, rel.by, rel.reason, rel.status]);
  await db.run(`DELETE FROM imported_list`);
  for (const m of w.imported) await db.run(`INSERT INTO imported_list VALUES ($1, $2, $3::TIMESTAMPTZ, $4, $5)`, [m.address, m.status, m.since, m.source.importId, m.source.line]);
}

const policyFile = (() => {
  const parsed = parsePolicy({
    preset: 'default', engagementCountsAsDelivery: true, mailboxFullAs: 'hard', expiredCountsAsSoft: true,
    mailboxFullDeferralQuarantines: false, deliveryEndsSoftQuarantine: false, softQuarantineDays: [3, 9], longAfterSoftQuarantines: 2,
  }, 'policy.json');
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.policy;
})();

const POLICIES: [string, Policy][] = [['default', presetPolicy('default')], ['strict', presetPolicy('strict')], ['file', policyFile]];
const INSTANTS: { at?: string; now?: string }[] = [
  { now: '2022-01-01T00:00:00.000Z' },
  { at: '2021-06-15T00:00:00.000Z' },
  { at: '2021-02-10T00:00:00.000Z' },
  { now: '2021-03-01T00:00:00.000Z' },
  { now: '2021-01-20T00:00:00.000Z' },
];

describe('set-wise statuses = the per-address policy', () => {
  const dir = tempDir('rebond-setwise-');
  let db: Database;
  beforeAll(async () => {
    db = await Database.open(join(dir.path, 'w.duckdb'));
  });
  afterAll(async () => {
    await db.close();
    dir.remove();
  });

  it('keeps a delivery that follows an imported list entry (it ends the imported quarantine)', async () => {
    const ev = (time: string, line: number): DeliveryEvent => ({
      address: 'x@free.fr', domain: 'free.fr', type: 'delivered', time, category: null, severity: null, actor: null, countsAgainstAddress: false, rule: null,
      smtpCode: null, enhancedCode: null, diagnostic: null, messageId: null, campaign: null, sender: null, relay: null, delaySeconds: null, source: { importId: 1, file: '', line },
    });
    // two deliveries in a row: the second would be dropped as a repeat, but an imported
    // temporary quarantine starts between them, and the second delivery ends it
    const w: Workspace = {
      events: [ev('2021-01-01T10:00:00.000Z', 1), ev('2021-01-10T10:00:00.000Z', 2)],
      releases: [],
      imported: [{ address: 'x@free.fr', status: 'soft_quarantine', since: '2021-01-05T10:00:00.000Z', source: { importId: 2, file: '', line: 1 } }],
      blocks: [],
      addresses: ['x@free.fr'],
    };
    await store(db, w, dir.path);
    const policy = presetPolicy('default');
    const at = '2021-01-11T00:00:00.000Z';
    const expected = reconstructAddress({ address: 'x@free.fr', events: w.events, imported: w.imported, policy, at });
    expect(expected.status).toBe('ok');
    const [row] = await setwiseStatuses(db, { policy, imported: w.imported, at, withSettled: true });
    expect(row).toMatchObject({ address: 'x@free.fr', status: 'ok' });
  });

  it('answers by the address, not by its key: addresses that share one key keep their own statuses', async () => {
    // a 64-bit key shared by two addresses is as good as impossible; the key only finds rows, so
    // even then each address is answered on its own events (made here by giving them one key)
    const ev = (address: string, type: EventType, time: string, line: number, category: string | null = null): DeliveryEvent => ({
      address, domain: address.split('@')[1], type, time, category, severity: null, actor: null, countsAgainstAddress: type === 'hard_bounce', rule: null,
      smtpCode: null, enhancedCode: null, diagnostic: null, messageId: null, campaign: null, sender: null, relay: null, delaySeconds: null, source: { importId: 1, file: '', line },
    });
    const events = [
      ev('moved@free.fr', 'delivered', '2021-01-01T10:00:00.000Z', 1),
      ev('moved@free.fr', 'hard_bounce', '2021-01-02T10:00:00.000Z', 2, 'user_unknown'),
      ev('quiet@free.fr', 'delivered', '2021-01-03T10:00:00.000Z', 3),
      ev('one@gmail.com', 'delivered', '2021-01-04T10:00:00.000Z', 4),
      ev('two@gmail.com', 'delivered', '2021-01-05T10:00:00.000Z', 5),
      ev('three@yopmail.com', 'delivered', '2021-01-06T10:00:00.000Z', 6),
    ];
    const w: Workspace = { events, releases: [], imported: [], blocks: [], addresses: [...new Set(events.map((e) => e.address))] };
    await store(db, w, dir.path);
    await db.run(`UPDATE events SET address_key = 42 WHERE address IN ('moved@free.fr', 'quiet@free.fr')`);
    await db.run(`UPDATE events SET address_key = 43 WHERE address IN ('one@gmail.com', 'two@gmail.com', 'three@yopmail.com')`);
    const policy = presetPolicy('default');
    const options = { policy, isDisposable: (d: string) => DISPOSABLE.has(d), now: '2021-02-01T00:00:00.000Z' };
    const rows = await setwiseStatuses(db, { ...options, withSettled: true });
    const expected = w.addresses.map((address) => {
      const h = reconstructAddress({ address, events: events.filter((e) => e.address === address), disposable: DISPOSABLE.has(address.split('@')[1]), policy, now: options.now });
      return { address, status: h.status, since: h.since };
    });
    expect(rows.map((r) => ({ address: r.address, status: r.status, since: r.since }))).toEqual(expected.sort((a, b) => (a.address < b.address ? -1 : 1)));
    expect(new Set(expected.map((e) => e.status))).toEqual(new Set(['long_quarantine', 'ok', 'filtered']));
    expect(await setwiseCounts(db, options)).toEqual(countStatuses(rows));
    expect((await setwiseCounts(db, options)).total).toBe(5);
  });

  for (const seed of [1, 2, 3, 4]) {
    it(`random workspace, seed ${seed}`, async () => {
      const w = randomWorkspace(seed, 250);
      await store(db, w, dir.path);
      let compared = 0;
      const seen = new Set<string>();
      for (const [name, policy] of POLICIES) {
        for (const when of INSTANTS) {
          const options = { policy, releases: w.releases, imported: w.imported, providerBlocks: w.blocks, isDisposable: (d: string) => DISPOSABLE.has(d), ...when };
          const got = new Map<string, unknown>();
          const rows = new Map<string, AddressStatusRow>();
          for (const row of await setwiseStatuses(db, { ...options, withSettled: true })) {
            rows.set(row.address, row);
            got.set(row.address, { status: row.status, since: row.since, until: row.until, unsubscribed: row.unsubscribed, cause: row.cause });
          }
          // the counts (settled addresses counted by domain in DuckDB) are the rows' counts
          expect(await setwiseCounts(db, options)).toEqual(countStatuses(rows.values()));
          for (const address of w.addresses) {
            const h = reconstructAddress({ address, events: w.events.filter((e) => e.address === address), releases: w.releases, imported: w.imported,
              disposable: DISPOSABLE.has(address.split('@')[1]), policy, providerBlocks: w.blocks, ...when });
            if (h.status === 'unknown' && !got.has(address)) continue; // never seen by then, nor listed
            const cause = h.statusPeriod !== null ? h.periods[h.statusPeriod].reason : null;
            expect(got.get(address), `${address} (${name}, ${JSON.stringify(when)})`).toEqual({ status: h.status, since: h.since, until: h.until, unsubscribed: h.unsubscribed, cause });
            seen.add(h.status);
            compared++;
          }
        }
      }
      expect(compared).toBeGreaterThan(3000);
      // and the cut is exercised: JavaScript saw fewer events than the store holds
      let streamed = 0;
      for await (const batch of streamStatusInputs(db, presetPolicy('default'))) streamed += batch.length;
      expect(streamed).toBeLessThan(w.events.length * 0.8);
      // the sample reaches every status, so each one is compared
      for (const s of ['blacklisted', 'filtered', 'long_quarantine', 'ok', 'soft_quarantine']) expect(seen.has(s), s).toBe(true);
    });
  }
});

describe('set-wise lists and counts on the demo = rebond address, address by address', () => {
  const dir = tempDir('rebond-setwise-demo-');
  let engine: Engine;
  beforeAll(async () => {
    const demo = await generateDemo({ out: dir.path, events: 20_000, seed: 1, calm: false });
    engine = await createEngine({ dbPath: join(dir.path, 'w.duckdb') });
    await engine.importFiles({ paths: demo.files.slice(0, -1) });
  }, 120_000);
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('lists each address under the status `rebond address` gives it, and counts them', async () => {
    const listed = new Map<string, string>();
    for (const status of LISTABLE_STATUSES) {
      if (status === 'unsubscribed') continue; // beside the status, checked below
      for (const a of await engine.addresses({ status })) {
        expect(listed.has(a.address), a.address).toBe(false);
        listed.set(a.address, status);
      }
    }
    expect(listed.size).toBeGreaterThan(300);
    const unsubscribed = new Set((await engine.addresses({ status: 'unsubscribed' })).map((a) => a.address));
    const statuses = new Set<string>();
    // every address in a status that needs the policy, and a seeded sample of the plain "ok" ones
    // (thousands of them, each settled by the same GROUP BY: 150 are enough to catch a wrong one)
    const okOnes = [...listed].filter(([, status]) => status === 'ok');
    const sampled = seededRandom(7);
    const okSample = new Set(okOnes.filter(() => sampled() < 150 / Math.max(150, okOnes.length)).map(([address]) => address));
    for (const [address, status] of listed) {
      if (status === 'ok' && !okSample.has(address)) continue;
      const report = await engine.address({ address });
      expect(report.status, address).toBe(status);
      expect(unsubscribed.has(address), address).toBe(report.unsubscribed);
      statuses.add(status);
    }
    expect(statuses.size).toBeGreaterThanOrEqual(3);
    const counts = await engine.addressCounts({});
    for (const s of statuses) expect(counts.byStatus[s as 'ok'], s).toBe([...listed.values()].filter((x) => x === s).length);
    expect(counts.unsubscribed).toBe(unsubscribed.size);
    expect(counts.byCause.reduce((n, c) => n + c.count, 0)).toBe(counts.total);
  }, 300_000);
});

// countStatuses on its own: the totals add up whatever the rows
it('counts statuses and causes from rows', () => {
  function* rows() {
    yield { address: 'a', status: 'ok' as const, until: null, since: null, unsubscribed: false, softQuarantineCount: 0, hardBounceCount: 0, lastSeen: null, cause: null };
    yield { address: 'b', status: 'long_quarantine' as const, until: null, since: 'x', unsubscribed: true, softQuarantineCount: 0, hardBounceCount: 1, lastSeen: null, cause: 'hard_bounce' };
    yield { address: 'c', status: 'long_quarantine' as const, until: null, since: 'x', unsubscribed: false, softQuarantineCount: 0, hardBounceCount: 1, lastSeen: null, cause: 'hard_bounce' };
  }
  const c = countStatuses(rows());
  expect(c).toMatchObject({ total: 3, unsubscribed: 1, byStatus: { ok: 1, long_quarantine: 2 } });
  expect(c.byCause[0]).toEqual({ status: 'long_quarantine', cause: 'hard_bounce', count: 2 });
});
