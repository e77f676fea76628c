/** One colour per event type and status, used by every chart and badge so they read alike. */
import type { EventType } from '../core/model/event';
import type { AddressStatus } from '../core/model/status';

export const TYPE_COLORS: Record<EventType, string> = {
  requested: '#a5b4c8',
  delivered: '#2f9e6e',
  deferred: '#e0a526',
  soft_bounce: '#e8772e',
  hard_bounce: '#d64545',
  blocked: '#7b5ea7',
  complaint: '#b8326b',
  unsubscribe: '#5b7fa6',
  open: '#8fc7e8',
  click: '#4ba3d9',
};

export const TYPE_ORDER: EventType[] = [
  'delivered',
  'deferred',
  'soft_bounce',
  'hard_bounce',
  'blocked',
  'complaint',
  'unsubscribe',
  'requested',
  'open',
  'click',
];

export const STATUS_COLORS: Record<AddressStatus, string> = {
  ok: '#2f9e6e',
  soft_quarantine: '#e0a526',
  long_quarantine: '#d64545',
  blacklisted: '#1f2937',
  filtered: '#7b5ea7',
  unsubscribed: '#5b7fa6',
  unknown: '#8a94a6',
};

/**
 * Reasons coloured by what they mean for the agent (SPEC §4): reds count against the address,
 * ambers are the recipient's temporary trouble, blues pass by themselves, purples are our side.
 */
export const CATEGORY_COLORS: Record<string, string> = {
  user_unknown: '#c53030',
  address_invalid: '#e05252',
  mailbox_inactive: '#9b2c2c',
  domain_invalid: '#f08080',
  mailbox_full: '#e0a526',
  domain_unreachable: '#c9a227',
  server_unavailable: '#d98c3a',
  expired: '#a0522d',
  greylisted: '#7fb3e0',
  rate_limited: '#3f7fbf',
  sender_blocklisted: '#6b46c1',
  spam_content: '#b8326b',
  policy: '#8e6cc9',
  auth_failure: '#553c9a',
  config: '#9f7aea',
  relay_denied: '#7b5ea7',
  message_too_large: '#3b8f8f',
  unknown: '#a0aec0',
};

export function categoryColor(category: string): string {
  return CATEGORY_COLORS[category] ?? '#a0aec0';
}
