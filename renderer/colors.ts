/** One colour per event type and status, used by every chart and badge so they read alike. */
import type { EventType } from '../core/model/event';
import type { AddressStatus } from '../core/model/status';

// Neighbouring series in the stacks differ in hue (green, amber, blue, red, purple, teal, grey)
// and every colour is at least 3:1 against the white chart (WCAG 1.4.11 for graphics).
export const TYPE_COLORS: Record<EventType, string> = {
  requested: '#475569',
  delivered: '#2f9e6e',
  deferred: '#b7791f',
  soft_bounce: '#3f6fd8',
  hard_bounce: '#d64545',
  blocked: '#7b5ea7',
  complaint: '#0e7490',
  unsubscribe: '#6b7280',
  open: '#0369a1',
  click: '#c2410c',
};

/** Not messages: drawn as lines on their own axis, never stacked on the deliveries (issue 17). */
export const ENGAGEMENT_TYPES: EventType[] = ['requested', 'open', 'click'];

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

// white text on every badge passes WCAG AA (4.5:1): soft quarantine was white on amber at 2.2:1
export const STATUS_COLORS: Record<AddressStatus, string> = {
  ok: '#1e7b52',
  soft_quarantine: '#a86400',
  long_quarantine: '#b42318',
  blacklisted: '#1f2937',
  filtered: '#6b4fa0',
  unsubscribed: '#46688f',
  unknown: '#636b78',
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
