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

const PALETTE = ['#d64545', '#e8772e', '#e0a526', '#2f9e6e', '#4ba3d9', '#5b7fa6', '#7b5ea7', '#b8326b', '#8a94a6', '#3b8f8f', '#a66f3b', '#6b8e23'];

export function categoryColor(index: number): string {
  return PALETTE[index % PALETTE.length];
}
