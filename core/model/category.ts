/**
 * Classification vocabulary (SPEC §4). The classifier in core/classify decides; this file only
 * names the possible answers so that every room speaks the same words.
 */

export const CATEGORIES = [
  'user_unknown',
  'address_invalid',
  'mailbox_inactive',
  'domain_invalid',
  'mailbox_full',
  'domain_unreachable',
  'server_unavailable',
  'greylisted',
  'rate_limited',
  'sender_blocklisted',
  'spam_content',
  'policy',
  'auth_failure',
  'config',
  'relay_denied',
  'message_too_large',
  'expired',
  'unknown',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['hard', 'soft', 'transient', 'none'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ACTORS = [
  'recipient',
  'recipient_domain',
  'sender_reputation',
  'sender_config',
  'content',
  'network',
  'platform',
] as const;
export type Actor = (typeof ACTORS)[number];

/** What the classifier is asked about one delivery outcome. Every field is optional. */
export interface ClassifyInput {
  smtpCode?: number | null;
  enhancedCode?: string | null;
  diagnostic?: string | null;
  /** recipient domain, or a whole address (the domain is taken from it) */
  domain?: string | null;
  /** the source's own verdict, `source:value` (e.g. `mailjet:recipient/user unknown`, `pmta:bad-mailbox`) */
  hint?: string | null;
  /** the event type, when known: a `deferred` is transient whatever the code */
  type?: string | null;
}

export interface Classification {
  category: Category;
  severity: Severity;
  actor: Actor;
  countsAgainstAddress: boolean;
  /** the id of the rule that decided, so that every verdict can be explained */
  rule: string;
}

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}
