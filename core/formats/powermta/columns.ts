/**
 * PowerMTA accounting vocabulary (FORMATS.md) as data: the header names (configurable per
 * installation, so matched by meaning) and record types.
 */
import type { EventType } from '../../model/event';
import type { Synonyms } from '../header';

export type PmtaField =
  | 'type'
  | 'timeLogged'
  | 'timeQueued'
  | 'orig'
  | 'rcpt'
  | 'dsnStatus'
  | 'dsnDiag'
  | 'dsnMta'
  | 'bounceCat'
  | 'jobId'
  | 'messageId';

export const PMTA_COLUMNS: Synonyms<PmtaField> = {
  type: ['type', 'acct-type', 'record type'],
  timeLogged: ['timeLogged', 'time-logged', 'time logged'],
  timeQueued: ['timeQueued', 'time-queued', 'time queued'],
  orig: ['orig', 'mailfrom', 'sender'],
  rcpt: ['rcpt', 'recipient', 'rcpt-to'],
  dsnStatus: ['dsnStatus', 'dsn-status'],
  dsnDiag: ['dsnDiag', 'dsn-diag', 'diag'],
  dsnMta: ['dsnMta', 'dsn-mta'],
  bounceCat: ['bounceCat', 'bounce-cat', 'bounce category'],
  jobId: ['jobId', 'job-id', 'campaign'],
  messageId: ['header_Message-Id', 'header_message-id', 'message-id', 'messageId'],
};

/**
 * Record type → event type. `value:class` keys use the class of `dsnStatus`: a `b` record with a
 * 4.x.x status is a soft bounce; `rs` (a remote DSN) says delivered, delayed or failed by its class.
 */
export const PMTA_TYPES: Record<string, EventType> = {
  d: 'delivered',
  b: 'hard_bounce',
  'b:4': 'soft_bounce',
  t: 'deferred',
  tq: 'deferred',
  f: 'complaint',
  r: 'requested',
  rb: 'hard_bounce',
  'rb:4': 'soft_bounce',
  'rs:2': 'delivered',
  'rs:4': 'deferred',
  'rs:5': 'hard_bounce',
};

/** Header names only PowerMTA writes: any two make the file certainly PowerMTA's. */
export const PMTA_OWN = ['timeLogged', 'timeQueued', 'dsnAction', 'dsnStatus', 'dsnDiag', 'dsnMta', 'bounceCat', 'dlvType', 'vmta', 'vmtaPool', 'srcMta', 'dlvSourceIp'];
