/**
 * The replay: one address's imported list entries, events and releases, merged in time order
 * (at one instant: imported, then events, then releases — an agent's release at the very instant
 * of a bounce is meant to win), each handed to the handler of what it does to the address. The
 * replay stays a pure function of its inputs and the policy: no clock, no I/O.
 *
 * A class, not closures: the replay runs once per address (200,000 in a set-wise pass), and its
 * state lives in plain fields.
 */
import type { DeliveryEvent } from '../model/event';
import type { AddressStatus, PeriodCause, Release } from '../model/status';
import type { AddressHistory, ExcusedBounce, ImportedListEntry, PeriodEnd, PolicyPeriod, ProviderBlockWindow } from './history';
import { incidentSettingsOf, isMajorDomain, type Policy } from './settings';
import { addDays, daysBetween, isoKey } from './time';

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

export function replay(
  address: string,
  input: SortedInputs,
  policy: Policy,
  disposable: boolean,
  atKey: string | null,
  evalKey: string,
): AddressHistory {
  const r = new Replay(address, input, policy, disposable);
  const ev = input.events, evKeys = input.eventKeys;
  const im = input.imported, imKeys = input.importedKeys;
  const rel = input.releases, relKeys = input.releaseKeys;
  let i = 0, j = 0, k = 0;
  for (;;) {
    const ik = i < im.length ? imKeys[i] : null;
    const ek = j < ev.length ? evKeys[j] : null;
    const rk = k < rel.length ? relKeys[k] : null;
    // the earliest; at equal instants: imported, then events, then releases
    if (ik !== null && (ek === null || ik <= ek) && (rk === null || ik <= rk)) {
      if (atKey !== null && ik > atKey) break; // as of `at`: the rest had not happened yet
      r.seen(ik, null);
      r.onImported(im[i++], ik);
    } else if (ek !== null && (rk === null || ek <= rk)) {
      if (atKey !== null && ek > atKey) break;
      r.seen(ek, ev[j]);
      r.onEvent(ev[j++], ek);
    } else if (rk !== null) {
      if (atKey !== null && rk > atKey) break;
      r.onRelease(rel[k++], rk);
    } else break;
  }
  return r.history(atKey, evalKey);
}

/** SPEC §5 precedence: blacklisted > filtered > long_quarantine > soft_quarantine > unsubscribed > ok. */
const RANK: Record<PolicyPeriod['status'], number> = {
  blacklisted: 0,
  filtered: 1,
  long_quarantine: 2,
  soft_quarantine: 3,
  unsubscribed: 4,
};

type NewPeriod = Omit<PolicyPeriod, 'running' | 'earlierCauses' | 'account' | 'durationDays' | 'endedBy'> & Partial<PolicyPeriod>;

function cutPeriod(p: PolicyPeriod, key: string, why: PeriodEnd, release?: Release): void {
  p.end = key;
  p.endedBy = why;
  if (release) p.release = release;
}

function domainOfAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}

/** One address's state while its history is replayed; one handler per kind of input and effect. */
class Replay {
  private readonly domain: string;
  private readonly major: boolean;
  private readonly hardNeeded: number;
  private readonly days: number[];

  private readonly periods: PolicyPeriod[] = [];
  private readonly openLong: PolicyPeriod[] = [];
  private readonly openBlack: PolicyPeriod[] = [];
  /** the last temporary quarantine (running iff its end is later) */
  private soft: PolicyPeriod | null = null;
  private unsub: PolicyPeriod | null = null;

  private softLevel = 0;
  private lastSoftKey: string | null = null;
  private hardSince = 0;
  private hardCauses: PeriodCause[] = [];
  private hardBounceCount = 0;
  private softBounceCount = 0;
  private complaintCount = 0;
  private deliveryCount = 0;
  private ignoredBounceCount = 0;
  private eventCount = 0;
  private firstSeen: string | null = null;
  private lastSeen: string | null = null;
  private lastDelivery: string | null = null;
  private lastHardBounce: PeriodCause | null = null;
  private readonly releases: Release[] = [];
  private readonly unmatched: Release[] = [];
  private readonly excused: ExcusedBounce[] = [];

  constructor(
    private readonly address: string,
    private readonly input: SortedInputs,
    private readonly policy: Policy,
    private readonly disposable: boolean,
  ) {
    this.domain = input.events.length > 0 ? input.events[0].domain.toLowerCase() : domainOfAddress(address);
    this.major = isMajorDomain(this.domain, policy);
    this.hardNeeded = this.major ? policy.hardBouncesBeforeLongQuarantine.major : policy.hardBouncesBeforeLongQuarantine.other;
    this.days = policy.softQuarantineDays;
  }

  /** An imported entry or an event at `key` (a release is not a fact about the mailbox). */
  seen(key: string, event: DeliveryEvent | null): void {
    if (this.firstSeen === null) {
      this.firstSeen = key;
      // seed 002: yopmail-type domains are filtered from the first event
      if (this.disposable && this.policy.filterDisposable) {
        const cause = event ? causeOf(event) : null;
        this.open({ status: 'filtered', start: key, end: null, level: null, reason: 'disposable_domain', rule: 'filtered.disposable', cause });
      }
    }
    this.lastSeen = key;
  }

  onImported(entry: ImportedListEntry, key: string): void {
    const importedFrom = { importId: entry.source.importId, file: entry.source.file, line: entry.source.line };
    const base = { start: key, level: null, cause: null, importedFrom, reason: 'imported_list', rule: `imported.${entry.status}` };
    switch (entry.status) {
      case 'long_quarantine':
      case 'invalid': // AssoConnect "Emails identifiés comme invalides": permanent rejections
        this.openLong.push(this.open({ ...base, status: 'long_quarantine', end: null }));
        break;
      case 'blacklisted':
        this.openBlack.push(this.open({ ...base, status: 'blacklisted', end: null }));
        break;
      case 'unsubscribed':
        if (!this.unsub) this.unsub = this.open({ ...base, status: 'unsubscribed', end: null });
        break;
      case 'soft_quarantine': {
        // no end in the list: the first level's length, the shortest the policy knows
        const end = entry.until ? isoKey(entry.until) : addDays(key, this.days[0] ?? 7);
        const p = this.open({ ...base, status: 'soft_quarantine', end, endedBy: 'expiry', durationDays: Math.round(daysBetween(key, end)) });
        if (!this.soft || (this.soft.end !== null && this.soft.end < end)) this.soft = p;
        break;
      }
    }
  }

  onRelease(r: Release, key: string): void {
    this.releases.push(r);
    let matched = false;
    if (r.status === 'long_quarantine') {
      for (const p of this.openLong) cutPeriod(p, key, 'release', r), (matched = true);
      this.openLong.length = 0;
      this.softLevel = 0; // a fresh start for temporary quarantines; the hard-bounce count stays (header)
    } else if (r.status === 'blacklisted') {
      for (const p of this.openBlack) cutPeriod(p, key, 'release', r), (matched = true);
      this.openBlack.length = 0;
    } else if (this.softRunning(key)) {
      cutPeriod(this.soft!, key, 'release', r);
      matched = true;
    }
    if (!matched) this.unmatched.push(r);
  }

  onEvent(e: DeliveryEvent, key: string): void {
    this.eventCount++;
    switch (effectOf(e, this.policy)) {
      case Effect.None:
        if (e.type === 'soft_bounce' || e.type === 'hard_bounce' || e.type === 'deferred') this.ignoredBounceCount++;
        break;
      case Effect.Delivery:
        this.onDelivery(key);
        break;
      case Effect.Soft:
        this.onSoftBounce(e, key);
        break;
      case Effect.Hard:
        this.onHardBounce(e, key);
        break;
      case Effect.Complaint:
        this.onComplaint(e, key);
        break;
      case Effect.Unsubscribe:
        if (!this.unsub) this.unsub = this.open({ status: 'unsubscribed', start: key, end: null, level: null, reason: 'unsubscribe', rule: 'unsubscribed.request', cause: causeOf(e) });
        break;
    }
  }

  private onDelivery(key: string): void {
    this.deliveryCount++;
    this.lastDelivery = key;
    this.softLevel = 0; // SPEC §5.1: a delivery resets the escalation
    this.hardSince = 0;
    this.hardCauses = [];
    if (this.policy.deliveryEndsSoftQuarantine && this.softRunning(key)) cutPeriod(this.soft!, key, 'delivery');
  }

  private onSoftBounce(e: DeliveryEvent, key: string): void {
    const policy = this.policy;
    this.softBounceCount++;
    const resetAfter = policy.escalationResetAfterDays;
    if (resetAfter !== null && this.lastSoftKey !== null && daysBetween(this.lastSoftKey, key) > resetAfter) this.softLevel = 0;
    this.lastSoftKey = key;
    if (this.openLong.length > 0) return; // already in long quarantine: counted only
    if (this.softRunning(key)) return; // during a quarantine: counted, not stacked
    if (this.softLevel >= policy.longAfterSoftQuarantines) {
      // seed 002: "puis longue durée si toujours rien au bout de plusieurs mois"
      this.startLong(key, 'soft_bounces_after_quarantines', `long_quarantine.soft_escalation(${policy.longAfterSoftQuarantines})`, causeOf(e), []);
      return;
    }
    this.softLevel++;
    const d = this.days[Math.min(this.softLevel, this.days.length) - 1];
    this.soft = this.open({
      status: 'soft_quarantine',
      start: key,
      end: addDays(key, d),
      endedBy: 'expiry',
      level: this.softLevel,
      durationDays: d,
      reason: e.type === 'deferred' ? 'mailbox_full_deferral' : 'soft_bounce',
      rule: `soft_quarantine.escalation[${this.softLevel}]=${d}d`,
      cause: causeOf(e),
    });
  }

  private onHardBounce(e: DeliveryEvent, key: string): void {
    const block = this.blockOf(e, key);
    if (block) {
      // SPEC §11.2: the provider refused us that hour; the mailbox may be fine
      this.ignoredBounceCount++;
      this.excused.push({ time: key, domain: e.domain, block });
      return;
    }
    this.hardBounceCount++;
    this.hardSince++;
    const cause = causeOf(e);
    this.lastHardBounce = cause;
    if (this.openLong.length === 0 && this.hardSince >= this.hardNeeded) {
      this.startLong(key, 'hard_bounce', `long_quarantine.hard_bounce.${this.major ? 'major' : 'other'}(${this.hardNeeded})`, cause, this.hardCauses.slice(-10));
    }
    if (this.hardCauses.length >= 10) this.hardCauses.shift();
    this.hardCauses.push(cause);
  }

  private onComplaint(e: DeliveryEvent, key: string): void {
    this.complaintCount++;
    // seed 002: blacklisted from the complaint's instant, for this licence only
    if (this.openBlack.length === 0) {
      this.openBlack.push(
        this.open({ status: 'blacklisted', start: key, end: null, level: null, reason: 'complaint', rule: 'blacklist.complaint', cause: causeOf(e), account: e.sender ?? null }),
      );
    }
  }

  /** The provider block a hard bounce fell in, if the policy excuses such bounces. */
  private blockOf(e: DeliveryEvent, key: string): ProviderBlockWindow | null {
    const blocks = this.input.providerBlocks;
    if (!blocks || blocks.length === 0 || e.type !== 'hard_bounce') return null;
    if (incidentSettingsOf(this.policy).providerBlock.countsAgainstAddress) return null;
    const domain = e.domain.toLowerCase();
    for (const b of blocks) if (b.domain === domain && key >= isoKey(b.start) && key < isoKey(b.end)) return b;
    return null;
  }

  private softRunning(key: string): boolean {
    return this.soft !== null && this.soft.end !== null && this.soft.end > key;
  }

  private open(p: NewPeriod): PolicyPeriod {
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
    this.periods.push(period);
    return period;
  }

  private startLong(key: string, reason: string, rule: string, cause: PeriodCause, earlierCauses: PeriodCause[]): void {
    // a long quarantine supersedes a running temporary one
    if (this.softRunning(key)) cutPeriod(this.soft!, key, 'long_quarantine');
    this.openLong.push(this.open({ status: 'long_quarantine', start: key, end: null, level: null, reason, rule, cause, earlierCauses }));
  }

  /** The history, with the status at the evaluation instant by precedence. */
  history(atKey: string | null, evalKey: string): AddressHistory {
    const { periods, policy, days } = this;
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
    const status: AddressStatus = statusPeriod ? statusPeriod.status : this.firstSeen === null ? 'unknown' : 'ok';
    return {
      address: this.address,
      domain: this.domain,
      status,
      until: statusPeriod && statusPeriod.status === 'soft_quarantine' ? statusPeriod.end : null,
      since: statusPeriod ? statusPeriod.start : null,
      unsubscribed,
      periods,
      statusPeriod: best >= 0 ? best : null,
      softQuarantineCount: this.softLevel,
      nextSoftQuarantineDays: this.softLevel >= policy.longAfterSoftQuarantines ? null : days[Math.min(this.softLevel + 1, days.length) - 1],
      softQuarantinesBeforeLong: policy.longAfterSoftQuarantines,
      hardBounceCount: this.hardBounceCount,
      hardBouncesSinceDelivery: this.hardSince,
      hardBouncesNeeded: this.hardNeeded,
      softBounceCount: this.softBounceCount,
      complaintCount: this.complaintCount,
      deliveryCount: this.deliveryCount,
      ignoredBounceCount: this.ignoredBounceCount,
      excusedBounces: this.excused,
      eventCount: this.eventCount,
      firstSeen: this.firstSeen,
      lastSeen: this.lastSeen,
      lastDelivery: this.lastDelivery,
      lastHardBounce: this.lastHardBounce,
      majorDomain: this.major,
      disposable: this.disposable,
      releases: this.releases,
      unmatchedReleases: this.unmatched,
      at: atKey,
      evaluatedAt: evalKey,
      policyName: policy.name,
    };
  }
}
