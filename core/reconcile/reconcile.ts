/**
 * SPEC §11.3: our suppressed addresses beside an imported ESP list's. Our side is what the events
 * alone say — the imported lists are left out of the replay here, or every listed address would be
 * ours too and the comparison would answer nothing — the other side is the lists as imported.
 */
import type { Settings } from '../contract';
import type { AddressStatus } from '../model/status';
import type { OursOnly, ReconciledStatus, Reconciliation, ReconcileRequest, TheirsOnly } from '../model/reconcile';
import { setwiseOptions } from '../address/story';
import { setwiseStatuses } from '../statuses';
import type { Database } from '../store/database';
import { importedListOf, type ImportedListRow } from '../store/releases';

export const RECONCILED_STATUSES: readonly ReconciledStatus[] = ['soft_quarantine', 'long_quarantine', 'blacklisted', 'filtered', 'unsubscribed'];

/** A listed word, as our statuses say it. */
const LISTED_AS: Record<string, ReconciledStatus> = {
  soft_quarantine: 'soft_quarantine',
  long_quarantine: 'long_quarantine',
  invalid: 'long_quarantine',
  blacklisted: 'blacklisted',
  unsubscribed: 'unsubscribed',
};

/** When an address is on several lists, the one that says most (a blacklist beats an unsubscription). */
const WEIGHT: Record<string, number> = { blacklisted: 5, invalid: 4, long_quarantine: 4, soft_quarantine: 2, unsubscribed: 1 };

const SUPPRESSING = new Set<AddressStatus>(['soft_quarantine', 'long_quarantine', 'blacklisted', 'filtered']);

export async function reconcile(db: Database, request: ReconcileRequest, settings: Settings): Promise<Reconciliation> {
  const limit = Math.min(Math.max(request.limit ?? 1000, 1), 100_000);
  const listed = await importedListOf(db, null);
  const options = { ...(await setwiseOptions(db, settings, request.at, false)), imported: [] };
  const rows = await setwiseStatuses(db, options);

  const ours = new Map<string, OursOnly & { unsubscribed: boolean }>();
  const statusOf = new Map<string, AddressStatus>();
  for (const row of rows) {
    statusOf.set(row.address, row.status);
    if (SUPPRESSING.has(row.status) || row.unsubscribed) {
      ours.set(row.address, { address: row.address, status: row.status, cause: row.cause, since: row.since, until: row.until, unsubscribed: row.unsubscribed });
    }
  }

  const theirs = new Map<string, ImportedListRow[]>();
  for (const entry of listed) {
    const all = theirs.get(entry.address);
    if (all) all.push(entry);
    else theirs.set(entry.address, [entry]);
  }

  const byStatus = new Map<ReconciledStatus, { ours: number; theirs: number }>(RECONCILED_STATUSES.map((s) => [s, { ours: 0, theirs: 0 }]));
  const causes = new Map<string, { status: ReconciledStatus; cause: string | null; count: number }>();
  for (const o of ours.values()) {
    const shown: ReconciledStatus[] = SUPPRESSING.has(o.status) ? [o.status as ReconciledStatus] : [];
    if (o.unsubscribed) shown.push('unsubscribed');
    for (const status of shown) {
      byStatus.get(status)!.ours++;
      const cause = status === 'unsubscribed' && status !== o.status ? 'unsubscribe' : o.cause;
      const key = `${status}\u0000${cause ?? ''}`;
      const c = causes.get(key);
      if (c) c.count++;
      else causes.set(key, { status, cause, count: 1 });
    }
  }
  for (const entries of theirs.values()) {
    for (const status of new Set(entries.map((e) => LISTED_AS[e.status]).filter((s) => s !== undefined))) byStatus.get(status)!.theirs++;
  }

  const oursOnly = [...ours.values()].filter((o) => !theirs.has(o.address)).map(({ unsubscribed: _, ...o }) => o);
  const theirsOnly: TheirsOnly[] = [];
  for (const [address, entries] of theirs) {
    if (ours.has(address)) continue;
    const strongest = entries.reduce((a, b) => ((WEIGHT[b.status] ?? 0) > (WEIGHT[a.status] ?? 0) ? b : a));
    theirsOnly.push({ address, listed: strongest.status, since: strongest.since, file: strongest.file, ours: statusOf.get(address) ?? 'unknown' });
  }
  // the latest first: what changed last is what an agent is asked about
  oursOnly.sort((a, b) => (b.since ?? '').localeCompare(a.since ?? '') || a.address.localeCompare(b.address));
  theirsOnly.sort((a, b) => b.since.localeCompare(a.since) || a.address.localeCompare(b.address));

  const lists = new Map<number, { importId: number; file: string; addresses: Set<string> }>();
  for (const entry of listed) {
    const list = lists.get(entry.importId) ?? { importId: entry.importId, file: entry.file, addresses: new Set<string>() };
    list.addresses.add(entry.address);
    lists.set(entry.importId, list);
  }

  return {
    at: request.at ?? null,
    lists: [...lists.values()].map((l) => ({ importId: l.importId, file: l.file, addresses: l.addresses.size })),
    ours: ours.size,
    theirs: theirs.size,
    both: ours.size - oursOnly.length,
    byStatus: RECONCILED_STATUSES.map((status) => ({ status, ...byStatus.get(status)! })),
    oursByCause: [...causes.values()].sort((a, b) => RECONCILED_STATUSES.indexOf(a.status) - RECONCILED_STATUSES.indexOf(b.status) || b.count - a.count),
    oursOnly: { total: oursOnly.length, rows: oursOnly.slice(0, limit) },
    theirsOnly: { total: theirsOnly.length, rows: theirsOnly.slice(0, limit) },
  };
}
