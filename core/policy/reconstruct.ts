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
import type { AddressStatus, PeriodCause, Release } from '../model/status';
import type { AddressHistory, ExcusedBounce, ImportedListEntry, PeriodEnd, PolicyPeriod, ProviderBlockWindow, ReconstructInput as ReconstructInputType } from './history';
import { incidentSettingsOf, isMajorDomain, type Policy } from './settings';
import { addDays, daysBetween, isoKey, requireInstant } from './time';

export { IMPORTED_STATUSES } from './history';
export type { AddressHistory, ExcusedBounce, ImportedListEntry, ImportedStatus, PeriodEnd, PolicyPeriod, ProviderBlockWindow, ReconstructInput } from './history';

// ---------------------------------------------------------------------------------------------

/** What an event does to the address: plain numbers, the per-event path stays cheap. */
export const Effect = { None: 0, Delivery: 1, Soft: 2, Hard: 3, Complaint: 4, Unsubscribe: 5 } as const;
export type Effect = (typeof Effect)[keyof typeof Effect];

/** What one event does to the address under the policy (SPEC §5 rules 1–4, 6). */
export function effectOf(e: DeliveryEvent, policy: Policy): Effect {
  switch (e.type) {
    case 'delivered':
      return Effect.Delivery;
    case 'open':
    case 'click':
      return policy.engagementCountsAsDelivery ? Effect.Delivery : Effect.None;
    case 'complaint':
      return Effect.Complaint;
    case 'unsubscribe':
      return Effect.Unsubscribe;
    case 'soft_bounce':
    case 'hard_bounce':
    case 'deferred': {
      // seed 003: mailbox full is about the address whatever the MTA called it; the category decides
      if (e.category === 'mailbox_full') {
        if (e.type === 'deferred' && !policy.mailboxFullDeferralQuarantines) return Effect.None;
        return policy.mailboxFullAs === 'hard' ? Effect.Hard : Effect.Soft;
      }
      if (e.category === 'expired') return e.type !== 'deferred' && policy.expiredCountsAsSoft ? Effect.Soft : Effect.None;
      if (e.type === 'deferred' || !e.countsAgainstAddress) return Effect.None;
      return e.type === 'hard_bounce' ? Effect.Hard : Effect.Soft;
    }
    default:
      return Effect.None; // requested, blocked: never a fact about the mailbox
  }
}

export function causeOf(e: DeliveryEvent): PeriodCause {
  return {
    time: e.time,
    type: e.type,
    category: e.category,
    smtpCode: e.smtpCode,
    enhancedCode: e.enhancedCode,
    diagnostic: e.diagnostic,
    domain: e.domain,
    source: e.source ? { importId: e.source.importId, file: e.source.file, line: e.source.line } : null,
  };
}

function domainOfAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// The replay: three time-ordered inputs merged (imported, then events, then releases at one instant:
// an agent's release at the very instant of a bounce is meant to win).

/** Pre-sorted inputs with their canonical time keys. Shared with the streaming pass. */
export interface SortedInputs {
  events: readonly DeliveryEvent[];
  eventKeys: readonly string[];
  imported: readonly ImportedListEntry[];
  importedKeys: readonly string[];
  releases: readonly Release[];
  releaseKeys: readonly string[];
  /** provider blocks (any domain): a hard bounce inside one is not the address's fault */
  providerBlocks?: readonly ProviderBlockWindow[];
}

/** The provider block a hard bounce fell in, if the policy excuses such bounces. */
function blockOf(e: DeliveryEvent, key: string, blocks: readonly ProviderBlockWindow[] | undefined, policy: Policy): ProviderBlockWindow | null {
  if (!blocks || blocks.length === 0 || e.type !== 'hard_bounce') return null;
  if (incidentSettingsOf(policy).providerBlock.countsAgainstAddress) return null;
  const domain = e.domain.toLowerCase();
  for (const b of blocks) if (b.domain === domain && key >= isoKey(b.start) && key < isoKey(b.end)) return b;
  return null;
}

export function replay(
  address: string,
  input: SortedInputs,
  policy: Policy,
  disposable: boolean,
  atKey: string | null,
  evalKey: string,
): AddressHistory {
  const domain = input.events.length > 0 ? input.events[0].domain.toLowerCase() : domainOfAddress(address);
  const major = isMajorDomain(domain, policy);
  const hardNeeded = major ? policy.hardBouncesBeforeLongQuarantine.major : policy.hardBouncesBeforeLongQuarantine.other;
  const days = policy.softQuarantineDays;
  const resetAfter = policy.escalationResetAfterDays;

  const periods: PolicyPeriod[] = [];
  const openLong: PolicyPeriod[] = [];
  const openBlack: PolicyPeriod[] = [];
  let soft: PolicyPeriod | null = null; // the last temporary quarantine (running iff its end is later)
  let unsub: PolicyPeriod | null = null;

  let softLevel = 0;
  let lastSoftKey: string | null = null;
  let hardSince = 0;
  let hardCauses: PeriodCause[] = [];
  const h = {
    hardBounceCount: 0,
    softBounceCount: 0,
    complaintCount: 0,
    deliveryCount: 0,
    ignoredBounceCount: 0,
    eventCount: 0,
    firstSeen: null as string | null,
    lastSeen: null as string | null,
    lastDelivery: null as string | null,
    lastHardBounce: null as PeriodCause | null,
  };
  const releases: Release[] = [];
  const unmatched: Release[] = [];
  const excused: ExcusedBounce[] = [];

  const ev = input.events, evKeys = input.eventKeys;
  const im = input.imported, imKeys = input.importedKeys;
  const rel = input.releases, relKeys = input.releaseKeys;
  let i = 0, j = 0, k = 0;
  for (;;) {
    const ik = i < im.length ? imKeys[i] : null;
    const ek = j < ev.length ? evKeys[j] : null;
    const rk = k < rel.length ? relKeys[k] : null;
    // pick the earliest; at equal instants: imported, then events, then releases
    let kind: 0 | 1 | 2;
    let key: string;
    if (ik !== null && (ek === null || ik <= ek) && (rk === null || ik <= rk)) (kind = 0), (key = ik);
    else if (ek !== null && (rk === null || ek <= rk)) (kind = 1), (key = ek);
    else if (rk !== null) (kind = 2), (key = rk);
    else break;
    if (atKey !== null && key > atKey) break; // as of `at`: the rest had not happened yet
    if (kind !== 2) {
      if (h.firstSeen === null) {
        h.firstSeen = key;
        // seed 002: yopmail-type domains are filtered from the first event
        if (disposable && policy.filterDisposable) {
          const cause = kind === 1 ? causeOf(ev[j]) : null;
          openPeriod(periods, { status: 'filtered', start: key, end: null, level: null, reason: 'disposable_domain', rule: 'filtered.disposable', cause });
        }
      }
      h.lastSeen = key;
    }

    if (kind === 0) {
      const entry = im[i++];
      const importedFrom = { importId: entry.source.importId, file: entry.source.file, line: entry.source.line };
      const base = { start: key, level: null, cause: null, importedFrom, reason: 'imported_list', rule: `imported.${entry.status}` };
      switch (entry.status) {
        case 'long_quarantine':
        case 'invalid': // AssoConnect "Emails identifiés comme invalides": permanent rejections
          openLong.push(openPeriod(periods, { ...base, status: 'long_quarantine', end: null }));
          break;
        case 'blacklisted':
          openBlack.push(openPeriod(periods, { ...base, status: 'blacklisted', end: null }));
          break;
        case 'unsubscribed':
          if (!unsub) unsub = openPeriod(periods, { ...base, status: 'unsubscribed', end: null });
          break;
        case 'soft_quarantine': {
          // no end in the list: the first level's length, the shortest the policy knows
          const end = entry.until ? isoKey(entry.until) : addDays(key, days[0] ?? 7);
          const p = openPeriod(periods, { ...base, status: 'soft_quarantine', end, endedBy: 'expiry', durationDays: Math.round(daysBetween(key, end)) });
          if (!soft || (soft.end !== null && soft.end < end)) soft = p;
          break;
        }
      }
      continue;
    }

    if (kind === 2) {
      const r = rel[k++];
      releases.push(r);
      let matched = false;
      if (r.status === 'long_quarantine') {
        for (const p of openLong) cutPeriod(p, key, 'release', r), (matched = true);
        openLong.length = 0;
        softLevel = 0; // a fresh start for temporary quarantines; the hard-bounce count stays (header)
      } else if (r.status === 'blacklisted') {
        for (const p of openBlack) cutPeriod(p, key, 'release', r), (matched = true);
        openBlack.length = 0;
      } else if (soft && soft.end !== null && soft.end > key) {
        cutPeriod(soft, key, 'release', r);
        matched = true;
      }
      if (!matched) unmatched.push(r);
      continue;
    }

    const e = ev[j++];
    h.eventCount++;
    switch (effectOf(e, policy)) {
      case Effect.None:
        if (e.type === 'soft_bounce' || e.type === 'hard_bounce' || e.type === 'deferred') h.ignoredBounceCount++;
        break;
      case Effect.Delivery:
        h.deliveryCount++;
        h.lastDelivery = key;
        softLevel = 0; // SPEC §5.1: a delivery resets the escalation
        hardSince = 0;
        hardCauses = [];
        if (policy.deliveryEndsSoftQuarantine && soft && soft.end !== null && soft.end > key) cutPeriod(soft, key, 'delivery');
        break;
      case Effect.Soft: {
        h.softBounceCount++;
        if (resetAfter !== null && lastSoftKey !== null && daysBetween(lastSoftKey, key) > resetAfter) softLevel = 0;
        lastSoftKey = key;
        if (openLong.length > 0) break; // already in long quarantine: counted only
        if (soft && soft.end !== null && soft.end > key) break; // during a quarantine: counted, not stacked
        if (softLevel >= policy.longAfterSoftQuarantines) {
          // seed 002: "puis longue durée si toujours rien au bout de plusieurs mois"
          startLong(periods, openLong, soft, key, 'soft_bounces_after_quarantines', `long_quarantine.soft_escalation(${policy.longAfterSoftQuarantines})`, causeOf(e), []);
          break;
        }
        softLevel++;
        const d = days[Math.min(softLevel, days.length) - 1];
        soft = openPeriod(periods, {
          status: 'soft_quarantine',
          start: key,
          end: addDays(key, d),
          endedBy: 'expiry',
          level: softLevel,
          durationDays: d,
          reason: e.type === 'deferred' ? 'mailbox_full_deferral' : 'soft_bounce',
          rule: `soft_quarantine.escalation[${softLevel}]=${d}d`,
          cause: causeOf(e),
        });
        break;
      }
      case Effect.Hard: {
        const block = blockOf(e, key, input.providerBlocks, policy);
        if (block) {
          // SPEC §11.2: the provider refused us that hour; the mailbox may be fine
          h.ignoredBounceCount++;
          excused.push({ time: key, domain: e.domain, block });
          break;
        }
        h.hardBounceCount++;
        hardSince++;
        const cause = causeOf(e);
        h.lastHardBounce = cause;
        if (openLong.length === 0 && hardSince >= hardNeeded) {
          startLong(periods, openLong, soft, key, 'hard_bounce', `long_quarantine.hard_bounce.${major ? 'major' : 'other'}(${hardNeeded})`, cause, hardCauses.slice(-10));
        }
        if (hardCauses.length >= 10) hardCauses.shift();
        hardCauses.push(cause);
        break;
      }
      case Effect.Complaint:
        h.complaintCount++;
        // seed 002: blacklisted from the complaint's instant, for this licence only
        if (openBlack.length === 0) {
          openBlack.push(
            openPeriod(periods, { status: 'blacklisted', start: key, end: null, level: null, reason: 'complaint', rule: 'blacklist.complaint', cause: causeOf(e), account: e.sender ?? null }),
          );
        }
        break;
      case Effect.Unsubscribe:
        if (!unsub) unsub = openPeriod(periods, { status: 'unsubscribed', start: key, end: null, level: null, reason: 'unsubscribe', rule: 'unsubscribed.request', cause: causeOf(e) });
        break;
    }
  }

  // The status at the evaluation instant, by precedence.
  let best = -1;
  let bestRank = 99;
  let unsubscribed = false;
  for (let p = 0; p < periods.length; p++) {
    const period = periods[p];
    period.running = period.start <= evalKey && (period.end === null || period.end > evalKey);
    if (period.endedBy === 'expiry' && period.running) period.endedBy = null; // not over yet
    if (!period.running) continue;
    if (period.status === 'unsubscribed') unsubscribed = true;
    const rank = RANK[period.status];
    // among temporary quarantines, the one that runs longest gives `until`
    if (rank < bestRank || (rank === bestRank && rank === RANK.soft_quarantine && (period.end ?? '') > (periods[best].end ?? ''))) {
      best = p;
      bestRank = rank;
    }
  }
  const statusPeriod = best >= 0 ? periods[best] : null;
  const status: AddressStatus = statusPeriod ? statusPeriod.status : h.firstSeen === null ? 'unknown' : 'ok';

  return {
    address,
    domain,
    status,
    until: statusPeriod && statusPeriod.status === 'soft_quarantine' ? statusPeriod.end : null,
    since: statusPeriod ? statusPeriod.start : null,
    unsubscribed,
    periods,
    statusPeriod: best >= 0 ? best : null,
    softQuarantineCount: softLevel,
    nextSoftQuarantineDays: softLevel >= policy.longAfterSoftQuarantines ? null : days[Math.min(softLevel + 1, days.length) - 1],
    softQuarantinesBeforeLong: policy.longAfterSoftQuarantines,
    hardBounceCount: h.hardBounceCount,
    hardBouncesSinceDelivery: hardSince,
    hardBouncesNeeded: hardNeeded,
    softBounceCount: h.softBounceCount,
    complaintCount: h.complaintCount,
    deliveryCount: h.deliveryCount,
    ignoredBounceCount: h.ignoredBounceCount,
    excusedBounces: excused,
    eventCount: h.eventCount,
    firstSeen: h.firstSeen,
    lastSeen: h.lastSeen,
    lastDelivery: h.lastDelivery,
    lastHardBounce: h.lastHardBounce,
    majorDomain: major,
    disposable,
    releases,
    unmatchedReleases: unmatched,
    at: atKey,
    evaluatedAt: evalKey,
    policyName: policy.name,
  };
}

type NewPeriod = Omit<PolicyPeriod, 'running' | 'earlierCauses' | 'account' | 'durationDays' | 'endedBy'> & Partial<PolicyPeriod>;

// module-level helpers, not closures: the replay runs once per address (200,000 in a pass)
function openPeriod(periods: PolicyPeriod[], p: NewPeriod): PolicyPeriod {
  const period: PolicyPeriod = {
    endedBy: null,
    running: false,
    durationDays: null,
    account: null,
    earlierCauses: [],
    release: null,
    importedFrom: null,
    ...p,
  };
  periods.push(period);
  return period;
}

function startLong(
  periods: PolicyPeriod[],
  openLong: PolicyPeriod[],
  soft: PolicyPeriod | null,
  key: string,
  reason: string,
  rule: string,
  cause: PeriodCause,
  earlierCauses: PeriodCause[],
): void {
  // a long quarantine supersedes a running temporary one
  if (soft && soft.end !== null && soft.end > key) cutPeriod(soft, key, 'long_quarantine');
  openLong.push(openPeriod(periods, { status: 'long_quarantine', start: key, end: null, level: null, reason, rule, cause, earlierCauses }));
}

function cutPeriod(p: PolicyPeriod, key: string, why: PeriodEnd, release?: Release): void {
  p.end = key;
  p.endedBy = why;
  if (release) p.release = release;
}

/** SPEC §5 precedence: blacklisted > filtered > long_quarantine > soft_quarantine > unsubscribed > ok. */
const RANK: Record<PolicyPeriod['status'], number> = {
  blacklisted: 0,
  filtered: 1,
  long_quarantine: 2,
  soft_quarantine: 3,
  unsubscribed: 4,
};

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
