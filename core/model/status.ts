/** Address statuses and periods (SPEC §5). */

export const ADDRESS_STATUSES = [
  'ok',
  'soft_quarantine',
  'long_quarantine',
  'blacklisted',
  'filtered',
  'unsubscribed',
  'unknown', // never seen
] as const;
export type AddressStatus = (typeof ADDRESS_STATUSES)[number];

/** The event that started a period, as evidence. */
export interface PeriodCause {
  time: string;
  type: string;
  category: string | null;
  smtpCode: number | null;
  enhancedCode: string | null;
  diagnostic: string | null;
  domain: string;
  source: { importId: number; file: string; line: number } | null;
}

export interface Period {
  status: Exclude<AddressStatus, 'ok' | 'unknown'>;
  start: string; // ISO-8601 UTC
  end: string | null; // null: still running
  /** escalation count for soft quarantines (1..5), else null */
  level: number | null;
  reason: string; // rule id in the policy, e.g. `soft_quarantine.escalation`
  rule: string;
  cause: PeriodCause | null; // null for manual/imported periods without an event
  /** set when the period ended because an agent released the address */
  release?: Release | null;
  /** set when the period comes from an imported list rather than from events */
  importedFrom?: { importId: number; file: string; line: number } | null;
}

export interface Release {
  address: string;
  time: string;
  by: string;
  reason: string;
  /** which status the release ends */
  status: 'long_quarantine' | 'blacklisted' | 'soft_quarantine';
}
