/**
 * Quarantine and blacklist reconstruction for one address (SPEC §5, seed 002): a pure replay of
 * its classified events, imported lists and releases, in time order, through the policy.
 *
 * Decisions where the seeds are silent (each one is a comment at the rule that applies it):
 * - A bounce during a running quarantine is counted, never stacked: the platform should not have
 *   sent, so it says nothing new about the mailbox (MTA retries of a full mailbox, another sender).
 * - Hard bounces are counted since the last delivery: a delivery proves the mailbox existed, so an
 *   earlier hard bounce from a small domain was one of its unreliable answers (seed 002).
 * - A release of a long quarantine resets the soft escalation but not the hard-bounce count: seed
 *   002 "au pire ils retomberont en hardbounces … ils seront alors remis en quarantaine", so the
 *   next hard bounce puts the address back at once.
 * - `blocked` and `requested` events never move an address: a block is the consequence of a
 *   suppression, not a new fact about the mailbox (SPEC §11.5).
 * - With `at`, the history is replayed up to that instant only: what an agent would have seen
 *   then. Later events, imports and releases are left out; a temporary quarantine running at `at`
 *   shows its scheduled end; a long quarantine or blacklist running at `at` shows `end: null`.
 */
import type { DeliveryEvent } from '../model/event';
import type { Release } from '../model/status';
import type { AddressHistory, ImportedListEntry, ReconstructInput as ReconstructInputType } from './history';
import { replay, type SortedInputs } from './replay';
import { isoKey, requireInstant } from './time';

export { IMPORTED_STATUSES } from './history';
export type { AddressHistory, ExcusedBounce, ImportedListEntry, ImportedStatus, PeriodEnd, PolicyPeriod, ProviderBlockWindow, ReconstructInput } from './history';

// The replay itself, one handler per effect, is in replay.ts.
export { causeOf, Effect, effectOf, replay, type SortedInputs } from './replay';

// ---------------------------------------------------------------------------------------------

function compareEvents(a: DeliveryEvent, ak: string, b: DeliveryEvent, bk: string): number {
  if (ak !== bk) return ak < bk ? -1 : 1;
  const as = a.source, bs = b.source;
  if (as && bs) {
    if (as.line !== bs.line) return as.line - bs.line;
    if (as.importId !== bs.importId) return as.importId - bs.importId;
    if (as.file !== bs.file) return as.file < bs.file ? -1 : 1;
  }
  return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}

/** Sorts a small list by canonical time, keeping the keys beside it. */
function sortByKey<T>(items: readonly T[], timeOf: (t: T) => string, tie: (a: T, b: T) => number): { items: T[]; keys: string[] } {
  const pairs = items.map((item) => ({ item, key: isoKey(timeOf(item)) }));
  pairs.sort((a, b) => (a.key !== b.key ? (a.key < b.key ? -1 : 1) : tie(a.item, b.item)));
  return { items: pairs.map((p) => p.item), keys: pairs.map((p) => p.key) };
}

export function sortSmallInputs(
  releases: readonly Release[],
  imported: readonly ImportedListEntry[],
): Pick<SortedInputs, 'releases' | 'releaseKeys' | 'imported' | 'importedKeys'> {
  const r = sortByKey(releases, (x) => x.time, (a, b) => (a.status < b.status ? -1 : a.status > b.status ? 1 : 0));
  const m = sortByKey(imported, (x) => x.since, (a, b) => a.source.importId - b.source.importId || a.source.line - b.source.line);
  return { releases: r.items, releaseKeys: r.keys, imported: m.items, importedKeys: m.keys };
}

/** Resolves `at` / `now` to the replay cut-off and the evaluation instant. */
export function evaluationInstants(at: string | undefined, now: string | undefined): { atKey: string | null; evalKey: string } {
  if (at !== undefined) {
    const atKey = requireInstant(at, 'at');
    return { atKey, evalKey: atKey };
  }
  return { atKey: null, evalKey: now !== undefined ? requireInstant(now, 'now') : new Date().toISOString() };
}

/**
 * One address's status and full history. Events may come in any order: they are sorted by time,
 * then by source line. Only the entries for `address` are used from `releases` and `imported`.
 */
export function reconstructAddress(input: ReconstructInputType): AddressHistory {
  const address = input.address.trim().toLowerCase();
  const { atKey, evalKey } = evaluationInstants(input.at, input.now);
  const own = <T extends { address: string }>(list: readonly T[] | undefined): T[] =>
    (list ?? []).filter((x) => x.address.trim().toLowerCase() === address);
  const pairs = input.events.filter((e) => e.address === address || e.address.trim().toLowerCase() === address).map((e) => ({ e, k: isoKey(e.time) }));
  pairs.sort((a, b) => compareEvents(a.e, a.k, b.e, b.k));
  const sorted: SortedInputs = {
    events: pairs.map((p) => p.e),
    eventKeys: pairs.map((p) => p.k),
    ...sortSmallInputs(own(input.releases), own(input.imported)),
    providerBlocks: input.providerBlocks,
  };
  return replay(address, sorted, input.policy, input.disposable ?? false, atKey, evalKey);
}
