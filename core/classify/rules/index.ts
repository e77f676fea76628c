/**
 * The ordered rule table. First match wins, so the order of the parts matters:
 *   1. French ISPs and provider wording (most precise)
 *   2. generic server wording
 *   3. the sources' hints (Mailjet, PowerMTA, AssoConnect, Postfix/Exim status)
 *   4. weak generic wording ("Access denied", "Recipient address rejected")
 *   5. enhanced status codes, then basic reply codes
 * To add a provider's new message: add one line to the right file, with a real example.
 */
import type { Rule } from '../rule-types';
import { CODE_RULES, ENHANCED_RULES } from './codes';
import { FRENCH_ISP_RULES } from './french-isps';
import { GENERIC_RULES, WEAK_RULES } from './generic';
import { HINT_RULES } from './hints';
import { PROVIDER_RULES } from './providers';

export const RULES: readonly Rule[] = [
  ...FRENCH_ISP_RULES,
  ...PROVIDER_RULES,
  ...GENERIC_RULES,
  ...HINT_RULES,
  ...WEAK_RULES,
  ...ENHANCED_RULES,
  ...CODE_RULES,
];

export { CODE_RULES, ENHANCED_RULES, FRENCH_ISP_RULES, GENERIC_RULES, HINT_RULES, PROVIDER_RULES, WEAK_RULES };
