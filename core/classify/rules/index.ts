/**
 * The ordered rule table. First match wins, so the order of the parts matters:
 *   0. sender-side words that decide whatever else the text says (./sender-side)
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
import { SENDER_SIDE_RULES } from './sender-side';
import { OTHER_LANGUAGE_RULES } from './other-languages';

export const RULES: readonly Rule[] = [
  ...SENDER_SIDE_RULES,
  ...FRENCH_ISP_RULES,
  ...OTHER_LANGUAGE_RULES,
  ...PROVIDER_RULES,
  ...GENERIC_RULES,
  ...HINT_RULES,
  ...WEAK_RULES,
  ...ENHANCED_RULES,
  ...CODE_RULES,
];

export { CODE_RULES, ENHANCED_RULES, FRENCH_ISP_RULES, OTHER_LANGUAGE_RULES, SENDER_SIDE_RULES, GENERIC_RULES, HINT_RULES, PROVIDER_RULES, WEAK_RULES };
