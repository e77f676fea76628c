/**
 * SPEC §11.3's reconciliation: "we hold 489 suppressed addresses, the ESP 109". Our statuses, from
 * the events alone, side by side with the lists an ESP or a previous tool gave us (the imported
 * lists: AssoConnect "Emails identifiés comme invalides", a quarantine history…), and the
 * addresses on one side only.
 */
import type { AddressStatus } from './status';

/** The statuses compared: an imported `invalid` counts as a long quarantine, as the policy reads it. */
export type ReconciledStatus = 'soft_quarantine' | 'long_quarantine' | 'blacklisted' | 'filtered' | 'unsubscribed';

export interface ReconcileRequest {
  /** the instant the statuses are taken at (default: now) */
  at?: string;
  /** rows of each one-side list (the counts cover them all); default 1000 */
  limit?: number;
}

export interface ReconciledList {
  importId: number;
  /** the file as the user knows it */
  file: string;
  addresses: number;
}

export interface OursOnly {
  address: string;
  status: AddressStatus;
  /** the policy's reason (hard_bounce, soft_bounce, complaint, unsubscribe, disposable_domain…) */
  cause: string | null;
  since: string | null;
  until: string | null;
}

export interface TheirsOnly {
  address: string;
  /** the list's own word for it: long_quarantine, soft_quarantine, blacklisted, invalid, unsubscribed */
  listed: string;
  since: string;
  file: string;
  /** what the events alone say of the address (`unknown`: no event names it) */
  ours: AddressStatus;
}

export interface Reconciliation {
  at: string | null;
  /** the imported lists compared with; none: there is nothing to reconcile with */
  lists: ReconciledList[];
  /** suppressed addresses (any status below, or unsubscribed) on each side, and in both */
  ours: number;
  theirs: number;
  both: number;
  /** per status: addresses in it on each side (an unsubscribed address in quarantine counts in both rows) */
  byStatus: Array<{ status: ReconciledStatus; ours: number; theirs: number }>;
  /** our side by status and by the policy's reason */
  oursByCause: Array<{ status: ReconciledStatus; cause: string | null; count: number }>;
  oursOnly: { total: number; rows: OursOnly[] };
  theirsOnly: { total: number; rows: TheirsOnly[] };
}
