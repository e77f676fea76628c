/**
 * The classifier (SPEC §4): public API.
 */
export { classify, createClassifier, defaultTable, findRule, COUNTS_AGAINST_ADDRESS, DEFAULT_ACTOR } from './classify';
export type { Classifier } from './classify';
export { checkAddress, isDisposableDomain, KNOWN_DOMAINS } from './address-checks';
export type { AddressCheck, AddressCheckOptions } from './address-checks';
export { explainCategory, EXPLANATIONS } from './explain';
export type { Explanation, Lang } from './explain';
export { exampleInput } from './examples';
export { normalizeText, extractCode, extractEnhanced, repairMojibake } from './normalize';
export { RULES } from './rules';
export type { Rule, CodeClass } from './rule-types';
