/**
 * The normalized event model (SPEC §3): the vocabulary every other room imports.
 * One row per delivery event, whatever file it came from.
 */
import { addressFromPaste } from './pasted-address';

export const EVENT_TYPES = [
  'requested', // the ESP accepted the send request
  'delivered', // remote 2xx
  'deferred', // 4xx, will retry
  'soft_bounce', // final temporary failure
  'hard_bounce', // final permanent failure
  'blocked', // the platform did not even try: pre-blocked, quarantined, duplicate
  'complaint', // spam report
  'unsubscribe',
  'open',
  'click',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/** Where an event came from: every statement in the app points back to its evidence. */
export interface EventSource {
  importId: number;
  file: string;
  line: number;
}

/** A stored, classified event as the Engine hands it to shells (JSON-able). */
export interface DeliveryEvent {
  time: string; // ISO-8601 UTC
  address: string;
  domain: string;
  type: EventType;
  category: string | null;
  severity: string | null;
  actor: string | null;
  countsAgainstAddress: boolean;
  rule: string | null;
  smtpCode: number | null;
  enhancedCode: string | null;
  diagnostic: string | null;
  messageId: string | null;
  campaign: string | null;
  /** the message's subject line, where the source has it (Mailjet `Subject`, Postfix header warnings) */
  subject?: string | null;
  sender: string | null;
  relay: string | null;
  delaySeconds: number | null;
  source: EventSource;
}

/**
 * What an importer produces for one input record, before classification and storage.
 * `hint` carries the source's own verdict for the classifier (Mailjet `error_related_to/error`,
 * PowerMTA `bounceCat`, AssoConnect status…), written as `source:value`.
 */
export interface StageRow {
  time: Date;
  address: string;
  type: EventType;
  smtpCode?: number | null;
  enhancedCode?: string | null;
  diagnostic?: string | null;
  messageId?: string | null;
  campaign?: string | null;
  subject?: string | null;
  sender?: string | null;
  relay?: string | null;
  delaySeconds?: number | null;
  hint?: string | null;
  line: number;
}

/** What the user typed or pasted, down to the address (core/address/pasted.ts). */
export function normalizeAddress(raw: string): string {
  return addressFromPaste(raw);
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1);
}
