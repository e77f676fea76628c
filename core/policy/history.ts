/**
 * The shapes the reconstruction produces and takes (SPEC §5): an address's history, its periods
 * with what the policy room adds to core/model's Period, and imported list entries.
 */
import type { DeliveryEvent, EventSource } from '../model/event';
import type { AddressStatus, Period, PeriodCause, Release } from '../model/status';
import type { Policy } from './settings';

/** What a previous tool's list says about an address (seed 002 imported history, seed 001 lists). */
export const IMPORTED_STATUSES = ['long_quarantine', 'soft_quarantine', 'blacklisted', 'invalid', 'unsubscribed'] as const;
export type ImportedStatus = (typeof IMPORTED_STATUSES)[number];

export interface ImportedListEntry {
  address: string;
  /** `invalid` (AssoConnect "Emails identifiés comme invalides") becomes a long quarantine */
  status: ImportedStatus;
  since: string; // ISO-8601
  /** end of an imported temporary quarantine; ignored for other statuses */
  until?: string | null;
  source: EventSource;
}

/** Why a period stopped. `null`: still running at the evaluation instant's knowledge. */
export type PeriodEnd = 'expiry' | 'delivery' | 'release' | 'long_quarantine' | null;

/** A Period (core/model/status) with what the policy room adds for the explanation and the UI. */
export interface PolicyPeriod extends Period {
  endedBy: PeriodEnd;
  /** whether the period covers the evaluation instant (`at`, else `now`) */
  running: boolean;
  /** temporary quarantine length in days (its level's duration), else null */
  durationDays: number | null;
  /** blacklist: the sender account (licence) the complaint came through, when the source names it */
  account: string | null;
  /** long quarantine from hard bounces: the earlier counting hard bounces since the last delivery */
  earlierCauses: PeriodCause[];
}

/**
 * A provider block (SPEC §6, §11.2): one receiving domain refused us for a while. A hard bounce
 * at that domain inside the window says nothing about the address, by default.
 */
export interface ProviderBlockWindow {
  id: string;
  domain: string;
  /** ISO-8601; `end` exclusive */
  start: string;
  end: string;
  /** addresses refused during the block */
  addresses: number;
}

/** A hard bounce the policy did not count because it fell inside a provider block. */
export interface ExcusedBounce {
  time: string;
  domain: string;
  block: ProviderBlockWindow;
}

export interface ReconstructInput {
  address: string;
  events: readonly DeliveryEvent[];
  releases?: readonly Release[];
  imported?: readonly ImportedListEntry[];
  /** the classifier's verdict on the address's domain (yopmail-type) */
  disposable?: boolean;
  policy: Policy;
  /** provider blocks that touch the address's domain (from core/incidents) */
  providerBlocks?: readonly ProviderBlockWindow[];
  /** status as of this instant: the history is replayed up to it (see the header) */
  at?: string;
  /**
   * the evaluation instant when `at` is absent. Defaults to the wall clock — the one non-pure
   * default: pass it for reproducible answers.
   */
  now?: string;
}

export interface AddressHistory {
  address: string;
  domain: string;
  status: AddressStatus;
  /** end of the temporary quarantine that gives the status; null for every other status */
  until: string | null;
  /** start of the period that gives the status, null for ok / unknown */
  since: string | null;
  /** beside the status: an address can be quarantined and unsubscribed */
  unsubscribed: boolean;
  periods: PolicyPeriod[];
  /** index in `periods` of the period that gives the status */
  statusPeriod: number | null;
  /** escalation level now: temporary quarantines since the last delivery (or release) */
  softQuarantineCount: number;
  /** length of the next temporary quarantine; null: the next counting soft bounce means long quarantine */
  nextSoftQuarantineDays: number | null;
  /** temporary quarantines after which soft bounces mean long quarantine (policy) */
  softQuarantinesBeforeLong: number;
  /** hard bounces that count against the address, in all the history */
  hardBounceCount: number;
  /** the ones since the last delivery: what the long-quarantine threshold compares */
  hardBouncesSinceDelivery: number;
  /** hard bounces needed at this domain for a long quarantine (policy) */
  hardBouncesNeeded: number;
  softBounceCount: number;
  complaintCount: number;
  deliveryCount: number;
  /** bounces and deferrals that do not count (spam_content, sender_blocklisted, rate_limited…) */
  ignoredBounceCount: number;
  /** hard bounces left uncounted because a provider block covered them (also in ignoredBounceCount) */
  excusedBounces: ExcusedBounce[];
  eventCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
  lastDelivery: string | null;
  /** the last counting hard bounce, for "a 2nd will put it in long quarantine" */
  lastHardBounce: PeriodCause | null;
  majorDomain: boolean;
  disposable: boolean;
  /** releases replayed (as of `at`) */
  releases: Release[];
  /** releases that found nothing of their status running at their time */
  unmatchedReleases: Release[];
  at: string | null;
  evaluatedAt: string;
  policyName: string;
}

