/**
 * classify(): from (reply code, enhanced code, diagnostic text, recipient domain, source hint,
 * event type) to {category, severity, actor, countsAgainstAddress, rule}. Pure and deterministic.
 *
 * The rule table (./rules) is ordered; the first rule whose conditions all hold decides. The
 * table runs: provider texts → generic texts → source hints → weak generic texts → enhanced
 * status codes (RFC 3463) → basic reply codes. A text rule is only tested when one of its
 * required literals (./prefilter) occurs in the text, as one pass of an automaton finds
 * (./literal-automaton), so a classification costs a few regex tests whatever the size of the
 * table.
 */
import type { Actor, Category, Classification, ClassifyInput, Severity } from '../model/category';
import type { Rule } from './rule-types';
import { compileTable, lookupEnhancedKeys, type CompiledTable, type Facts } from './compile';
import { extractCode, extractEnhanced, normalizeEnhanced, normalizeHint, normalizeText } from './normalize';
import { plainCodes } from './literal-automaton';
import { RULES } from './rules';

/** SPEC §4: the categories that may move an address toward quarantine. */
export const COUNTS_AGAINST_ADDRESS: ReadonlySet<Category> = new Set<Category>([
  'user_unknown',
  'address_invalid',
  'mailbox_inactive',
  'domain_invalid',
  'mailbox_full',
]);

/** Permanent failures that are the address's fault (mailbox_full stays soft: SPEC §4, seed 003). */
const HARD_CATEGORIES: ReadonlySet<Category> = new Set<Category>([
  'user_unknown',
  'address_invalid',
  'mailbox_inactive',
  'domain_invalid',
]);

/** Who must act, by default, for each category (a rule may say otherwise). */
export const DEFAULT_ACTOR: Readonly<Record<Category, Actor>> = {
  user_unknown: 'recipient',
  address_invalid: 'recipient',
  mailbox_inactive: 'recipient',
  domain_invalid: 'recipient_domain',
  mailbox_full: 'recipient',
  domain_unreachable: 'recipient_domain',
  server_unavailable: 'network',
  greylisted: 'network',
  rate_limited: 'sender_reputation',
  sender_blocklisted: 'sender_reputation',
  spam_content: 'content',
  policy: 'content',
  auth_failure: 'sender_config',
  config: 'sender_config',
  relay_denied: 'sender_config',
  message_too_large: 'content',
  expired: 'network',
  unknown: 'platform',
};

/** Event types that are not failures: severity `none`. */
const NOT_FAILURE_TYPES = new Set([
  'delivered', 'sent', 'requested', 'queued', 'open', 'opened', 'click', 'clicked', 'unsubscribe', 'unsub',
  'complaint', 'spam', 'success', 'd',
]);
/** Event types that are final failures (never `transient`). */
const FINAL_TYPES = new Set([
  'hard_bounce', 'soft_bounce', 'bounce', 'bounced', 'blocked', 'expired', 'failed', 'hardbounced', 'softbounced', 'b',
]);
const DEFERRED_TYPES = new Set(['deferred', 'deferral', 'delayed', 'transient', 't', 'tq']);

export interface Classifier {
  classify(input: ClassifyInput): Classification;
  /** the compiled table, for tests and tools */
  readonly table: CompiledTable;
}

/** Builds a classifier over another rule table (tests, experiments). */
export function createClassifier(rules: readonly Rule[]): Classifier {
  const table = compileTable(rules);
  const literalIndex = table.literalIndex;
  const bits = new Uint32Array(table.words);
  const mark = (list: number[] | undefined): void => {
    if (!list) return;
    for (let k = 0; k < list.length; k++) {
      const r = list[k];
      bits[r >>> 5] |= 1 << (r & 31);
    }
  };

  // Matchers the table marks as candidates for every input but whose rule looks at one fact
  // only (an enhanced-code pattern, a list of codes, a hint pattern): their answer depends on
  // that fact alone, so it is worked out once per distinct value, with the memos below, instead
  // of being tested on every text.
  const always = table.always.slice();
  const onlyEnhanced: number[] = [];
  const onlyCode: number[] = [];
  const onlyHint: number[] = [];
  for (let m = 0; m < table.matchers.length; m++) {
    if ((always[m >>> 5] & (1 << (m & 31))) === 0) continue;
    const r = table.matchers[m].rule;
    if (r.text !== undefined || r.domain !== undefined) continue;
    const given = [r.enhanced, r.code, r.hint].filter((x) => x !== undefined).length;
    if (given !== 1) continue;
    (r.enhanced !== undefined ? onlyEnhanced : r.code !== undefined ? onlyCode : onlyHint).push(m);
    always[m >>> 5] &= ~(1 << (m & 31));
  }
  const holding = (list: number[], f: Facts): number[] => list.filter((m) => table.matchers[m].test(f));
  const alone = (field: 'enhanced' | 'code' | 'hint', value: string | number): Facts =>
    ({ text: '', code: null, enhanced: null, domain: null, domainInput: null, hint: null, [field]: value }) as Facts;

  // candidates reached by an enhanced code, a basic code or a hint, memoised (there are few distinct ones)
  const enhancedMemo = new Map<string, number[]>();
  const codeMemo = new Map<number, number[]>();
  const hintMemo = new Map<string, number[]>();
  const enhancedCandidates = (e: string): number[] => {
    let list = enhancedMemo.get(e);
    if (!list) {
      list = [...lookupEnhancedKeys(e).flatMap((k) => table.byEnhanced.get(k) ?? []), ...holding(onlyEnhanced, alone('enhanced', e))];
      if (enhancedMemo.size < 10_000) enhancedMemo.set(e, list);
    }
    return list;
  };
  const codeCandidates = (c: number): number[] => {
    let list = codeMemo.get(c);
    if (!list) {
      list = [...(table.byCode.get(String(c)) ?? []), ...(table.byCode.get(`${Math.floor(c / 100)}xx`) ?? []), ...holding(onlyCode, alone('code', c))];
      codeMemo.set(c, list);
    }
    return list;
  };
  const hintCandidates = (h: string): number[] => {
    let list = hintMemo.get(h);
    if (!list) {
      list = [...(table.byHint.get(h) ?? []), ...holding(onlyHint, alone('hint', h))];
      if (hintMemo.size < 10_000) hintMemo.set(h, list);
    }
    return list;
  };

  /** the rule that decides, the text's candidates being already in `bits` */
  function decide(f: Facts): Rule | null {
    if (f.hint !== null) mark(hintCandidates(f.hint));
    if (f.enhanced !== null) mark(enhancedCandidates(f.enhanced));
    if (f.code !== null) mark(codeCandidates(f.code));
    const matchers = table.matchers;
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w];
      while (word !== 0) {
        const low = word & -word;
        const bit = 31 - Math.clz32(low);
        word ^= low;
        const m = matchers[(w << 5) + bit];
        if (m.test(f)) return m.rule;
      }
    }
    return null;
  }

  const facts: Facts = { text: '', code: null, enhanced: null, domain: undefined, domainInput: null, hint: null };

  function classify(input: ClassifyInput): Classification {
    const raw = input.diagnostic ?? '';
    let text: string;
    let code = validCode(input.smtpCode);
    let enhanced = normalizeEnhanced(input.enhancedCode);
    bits.set(always);
    // most texts are plain ASCII that normalisation only lower-cases: one pass then finds the
    // candidate rules and the codes written in the text (literal-automaton.ts, scanPlain)
    const lower = raw.toLowerCase();
    if (literalIndex.scanPlain(lower, bits)) {
      text = lower;
      if (code === null) code = plainCodes.code;
      if (enhanced === null) enhanced = plainCodes.enhanced;
    } else {
      bits.set(always);
      text = normalizeText(raw);
      if (text.length >= 3) literalIndex.scan(text, bits);
      if (code === null && raw) code = extractCode(raw);
      if (enhanced === null && raw) enhanced = extractEnhanced(raw);
    }
    // one Facts object per classifier, filled anew for each classification (no allocation)
    facts.text = text;
    facts.code = code;
    facts.enhanced = enhanced;
    facts.domain = undefined;
    facts.domainInput = input.domain;
    facts.hint = normalizeHint(input.hint);
    const type = input.type ? input.type.trim().toLowerCase() : null;
    const rule = decide(facts);
    const category: Category = rule ? rule.category : 'unknown';
    const ruleId = rule ? rule.id : text || code !== null || enhanced !== null || facts.hint ? 'no-rule' : 'no-information';
    const severity = rule?.severity && !(type !== null && (NOT_FAILURE_TYPES.has(type) || DEFERRED_TYPES.has(type)))
      ? rule.severity
      : deriveSeverity(category, type, code, enhanced, ruleId === 'no-information');
    const counts = severity === 'none' ? false : (rule?.countsAgainstAddress ?? COUNTS_AGAINST_ADDRESS.has(category));
    return {
      category,
      severity,
      actor: rule?.actor ?? DEFAULT_ACTOR[category],
      countsAgainstAddress: counts,
      rule: ruleId,
    };
  }

  return { classify, table };
}

function validCode(c: number | null | undefined): number | null {
  return typeof c === 'number' && Number.isInteger(c) && c >= 200 && c <= 599 ? c : null;
}

function codeClass(code: number | null, enhanced: string | null): number | null {
  if (code !== null) return Math.floor(code / 100);
  if (enhanced !== null) return Number(enhanced[0]);
  return null;
}

function deriveSeverity(category: Category, type: string | null, code: number | null, enhanced: string | null, empty: boolean): Severity {
  if (type !== null) {
    if (NOT_FAILURE_TYPES.has(type)) return 'none';
    if (DEFERRED_TYPES.has(type)) return 'transient';
  }
  const cls = codeClass(code, enhanced);
  const final = type !== null && FINAL_TYPES.has(type);
  if (cls === 2) return 'none';
  if (cls === 4 && !final) return 'transient';
  if (empty && !final) return 'none';
  if (HARD_CATEGORIES.has(category) && cls !== 4) return 'hard';
  return 'soft';
}

// compiled on first use, not when the module loads: a command that classifies nothing (`rebond
// imports`, `--help`, the app's host before its first import) spared about 80 ms of its start
let compiled: Classifier | null = null;
function builtIn(): Classifier {
  compiled ??= createClassifier(RULES);
  return compiled;
}

/** Classifies one delivery outcome with the built-in rule table. Pure and deterministic. */
export function classify(input: ClassifyInput): Classification {
  return builtIn().classify(input);
}

/** The built-in compiled table (tests, `rebond unknowns`, explanations). */
export function defaultTable(): CompiledTable {
  return builtIn().table;
}

/** The rule with this id in the built-in table, if any. */
export function findRule(id: string): Rule | undefined {
  return RULES_BY_ID.get(id);
}
const RULES_BY_ID = new Map(RULES.map((r) => [r.id, r] as const));
