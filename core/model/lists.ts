/** The addresses behind a figure of the overview (a type, a domain, a reason, a window): what a click on it lists. */
import type { EventType } from './event';

export interface AddressesBehindRequest {
  type?: EventType;
  domain?: string;
  category?: string;
  from?: string;
  to?: string;
  limit?: number;
}

export interface AddressesBehind {
  /** distinct addresses behind the figure */
  total: number;
  rows: Array<{ address: string; domain: string; events: number; lastTime: string; category: string | null }>;
}
