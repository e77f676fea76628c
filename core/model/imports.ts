/**
 * What an import is, in words every room shares: the formats that name it, the store that keeps
 * its record, the shells that show it.
 */
import type { LineProblem } from './problems';

/** The formats Rebond reads, by id: the CLI's `--format`, the host's checks and the importers share this list. */
export const FORMAT_IDS = ['mailjet', 'mailjet-history', 'assoconnect', 'postfix', 'exim', 'powermta'] as const;
export type FormatId = (typeof FORMAT_IDS)[number];
export const FORMAT_CHOICES = ['auto', ...FORMAT_IDS] as const;
export type FormatChoice = (typeof FORMAT_CHOICES)[number];

export interface LineError {
  line: number;
  message: string;
  /** what `message` says, for a shell that words it in its own language */
  problem?: LineProblem;
}

export interface OtherProgram {
  program: string;
  lines: number;
  deliveries: number;
}

/**
 * A CSV record one of whose quoted values runs over several lines (a stray quote that a later
 * line closes is valid CSV): lines `from` to `to` were read as part of line `line`'s value.
 */
export interface QuotedValueLines {
  line: number;
  from: number;
  to: number;
}

export interface ImportRecord {
  id: number;
  path: string;
  displayName: string;
  format: FormatId;
  contentHash: string;
  importedAt: string;
  stored: number;
  duplicates: number;
  rejected: number;
  skipped: number;
  firstEventTime: string | null;
  lastEventTime: string | null;
}
