/**
 * The shape of one classification rule. Rules are data: an ordered table, first match wins.
 * A rule matches when EVERY condition it carries holds; a rule with no condition never matches.
 */
import type { Actor, Category, ClassifyInput, Severity } from '../model/category';

/** `'4xx'`-style class of basic reply codes. */
export type CodeClass = '2xx' | '4xx' | '5xx';

export interface Rule {
  /** stable id, shown to the user as the reason's proof (`rebond classify --explain`) */
  id: string;
  category: Category;
  /** overrides the severity the classifier would derive (rarely needed) */
  severity?: Severity;
  /** overrides the category's default actor */
  actor?: Actor;
  /** overrides the category's default (SPEC §4 table) */
  countsAgainstAddress?: boolean;
  /** basic reply code: one code, a list, or a class */
  code?: number | readonly number[] | CodeClass;
  /** enhanced status code: `'5.1.1'`, with `x` wildcards (`'5.7.x'`, `'x.2.2'`), or a RegExp */
  enhanced?: string | RegExp;
  /**
   * pattern over the normalised text: lower-cased, accents removed (write `boite pleine`, not
   * `boîte pleine` — accents in the pattern are removed too), whitespace collapsed to one space.
   */
  text?: RegExp;
  /** recipient domain: `'orange.fr'` (also matches sub-domains), `'orange.fr|wanadoo.fr'`, or a RegExp */
  domain?: string | RegExp;
  /** the source's own verdict, normalised to lower case: `'mailjet:recipient/user unknown'` or a RegExp */
  hint?: string | RegExp;
  /** a real text this rule exists for; the test runs it through classify() */
  example: string;
  /** extra input for the example when the rule's own conditions do not imply it */
  given?: Partial<ClassifyInput>;
  /** where the example comes from: corpus row, provider documentation, seed */
  source: string;
}
