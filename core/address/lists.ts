/**
 * The Lists screen's answers (issue 17 item 4): the addresses in one status — the engine's
 * set-wise status listing, the CLI's `addresses --status` — each with the event that put it there,
 * counted by domain and by cause for the filters.
 */
import type { AddressListEntry, AddressListView, AddressListViewRequest, ListedAddress } from '../contract';
import { domainOf, type EventType } from '../model/event';
import type { Database } from '../store/database';
import { latestCauses } from '../store/lists';

/** The events that put an address in each status: the latest one is shown as the cause. */
const CAUSE_TYPES: Record<AddressListViewRequest['status'], readonly EventType[]> = {
  soft_quarantine: ['soft_bounce', 'deferred'],
  long_quarantine: ['hard_bounce', 'soft_bounce'],
  blacklisted: ['hard_bounce', 'complaint'],
  // a disposable or refused domain: the domain itself is the cause
  filtered: [],
  unsubscribed: ['unsubscribe', 'complaint'],
};

const NO_CAUSE = '';

function counted(values: string[]): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

export async function addressListView(db: Database, request: AddressListViewRequest, entries: AddressListEntry[]): Promise<AddressListView> {
  const causes = await latestCauses(db, entries.map((e) => e.address), CAUSE_TYPES[request.status]);
  const all: ListedAddress[] = entries.map((e) => {
    const cause = causes.get(e.address);
    return { ...e, domain: domainOf(e.address), cause: cause ? { type: cause.type as EventType, category: cause.category, time: cause.time } : null };
  });
  const reasonOf = (a: ListedAddress) => a.cause?.category ?? NO_CAUSE;
  const domain = request.domain?.trim().toLowerCase();
  const matching = all.filter((a) => (!domain || a.domain === domain) && (request.reason === undefined || reasonOf(a) === request.reason));
  // the latest first: the agent looks for who was just put there
  matching.sort((a, b) => (b.since ?? '').localeCompare(a.since ?? '') || a.address.localeCompare(b.address));
  return {
    status: request.status,
    total: all.length,
    matching: matching.length,
    rows: matching.slice(0, Math.min(Math.max(request.limit ?? 1000, 1), 100_000)),
    domains: counted(all.map((a) => a.domain)),
    reasons: counted(all.map(reasonOf)),
  };
}
