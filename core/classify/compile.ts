/**
 * Compiles the rule table into matchers and candidate indexes. Internal to core/classify.
 */
import type { Rule } from './rule-types';
import { LiteralAutomaton } from './literal-automaton';
import { requiredLiterals } from './prefilter';
import { foldAccents, normalizeDomain, normalizeEnhanced, normalizeHint, normalizeText } from './normalize';

/** What one classification knows, normalised once. */
export interface Facts {
  text: string;
  code: number | null;
  enhanced: string | null;
  /**
   * the recipient domain, undefined until a rule asks for it (domainOf): few rules look at it,
   * and working it out from the address on every classification cost more than they do
   */
  domain: string | null | undefined;
  /** the address or domain it is worked out from */
  domainInput: string | null | undefined;
  hint: string | null;
}

/** The recipient domain of these facts (normalizeDomain of the input's), worked out once. */
export function domainOf(f: Facts): string | null {
  let d = f.domain;
  if (d === undefined) d = f.domain = normalizeDomain(f.domainInput);
  return d;
}

export interface CompiledRule {
  index: number;
  rule: Rule;
  text: RegExp | null;
  test: (f: Facts) => boolean;
  /** literals of which at least one must occur for `text` to match; null = always tested */
  literals: string[] | null;
}

/**
 * What the classifier actually tests, in table order: one per rule, or one per branch of a text
 * rule's top-level alternation when every branch has its own literals. A rule matches when any
 * of its branches matches, so testing only the branches whose literal occurs gives the same
 * verdict for less: a 40-branch pattern run over the whole text costs far more than the one
 * branch whose words are there (issue 14: the table's speed).
 */
export interface Matcher {
  rule: Rule;
  test: (f: Facts) => boolean;
}

export interface CompiledTable {
  rules: CompiledRule[];
  /** the units the literal index, `always`, `byHint`, `byEnhanced` and `byCode` point to */
  matchers: Matcher[];
  words: number;
  literalIndex: LiteralAutomaton;
  /** matchers that are candidates for every input */
  always: Uint32Array;
  /** matchers of rules without text, reached by exact hint */
  byHint: Map<string, number[]>;
  /** matchers of rules without text nor hint, reached by enhanced-code key (`5.1.1`, `x.1.1`, `5.7.x`…) */
  byEnhanced: Map<string, number[]>;
  /** matchers of rules without text, hint nor enhanced, reached by code key (`550`, `5xx`) */
  byCode: Map<string, number[]>;
}

function compileCode(code: Rule['code']): ((c: number | null) => boolean) | null {
  if (code === undefined) return null;
  if (typeof code === 'number') return (c) => c === code;
  if (typeof code === 'string') {
    const cls = Number(code[0]);
    return (c) => c !== null && Math.floor(c / 100) === cls;
  }
  const set = new Set(code);
  return (c) => c !== null && set.has(c);
}

function compileEnhanced(enh: Rule['enhanced']): ((e: string | null) => boolean) | null {
  if (enh === undefined) return null;
  if (enh instanceof RegExp) {
    const re = new RegExp(enh.source, enh.flags.replace(/[gy]/g, ''));
    return (e) => e !== null && re.test(e);
  }
  const parts = enh.toLowerCase().split('.');
  // the same enhanced code comes again and again: the last answer is kept
  let last: string | null = null;
  let lastAnswer = false;
  return (e) => {
    if (e === null) return false;
    if (e === last) return lastAnswer;
    const p = e.split('.');
    let answer = true;
    for (let i = 0; i < 3; i++) if (parts[i] !== 'x' && parts[i] !== '*' && parts[i] !== p[i]) answer = false;
    last = e;
    lastAnswer = answer;
    return answer;
  };
}

function compileDomain(dom: Rule['domain']): ((d: string | null) => boolean) | null {
  if (dom === undefined) return null;
  if (dom instanceof RegExp) {
    const re = new RegExp(dom.source, dom.flags.replace(/[gy]/g, '') + (dom.flags.includes('i') ? '' : 'i'));
    return (d) => d !== null && re.test(d);
  }
  const list = dom.toLowerCase().split('|').map((s) => s.trim()).filter(Boolean);
  return (d) => d !== null && list.some((x) => d === x || d.endsWith('.' + x));
}

function compileHint(hint: Rule['hint']): ((h: string | null) => boolean) | null {
  if (hint === undefined) return null;
  if (hint instanceof RegExp) {
    const re = new RegExp(hint.source, hint.flags.replace(/[gy]/g, ''));
    return (h) => h !== null && re.test(h);
  }
  const want = normalizeHint(hint);
  return (h) => h === want;
}

/** The text pattern as it runs: accents removed from its source, case-insensitive, no state. */
export function compileText(re: RegExp): RegExp {
  const flags = re.flags.replace(/[gy]/g, '');
  return new RegExp(foldAccents(re.source), flags.includes('i') ? flags : flags + 'i');
}

/**
 * The same pattern without the `i` flag when that cannot change what it matches: the text it
 * runs on is lower-cased (normalizeText), so a pure-ASCII pattern with no upper-case letter
 * outside its escapes matches the same texts, and V8 runs case-sensitive patterns much faster.
 */
export function withoutCaseFlag(re: RegExp): RegExp {
  const src = re.source;
  if (!re.flags.includes('i') || re.flags.includes('u') || re.flags.includes('v')) return re;
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(src)) return re;
  if (/[A-Z]/.test(src.replace(/\\./g, ''))) return re;
  return new RegExp(src, re.flags.replace('i', ''));
}

/**
 * The top-level branches of a pattern's source (`a|b(?:c|d)|e` → `a`, `b(?:c|d)`, `e`), or null
 * when splitting could change the meaning (back-references, named groups) or there is one branch.
 */
export function topLevelBranches(src: string): string[] | null {
  if (/\\[1-9k]|\(\?<[^=!]/.test(src)) return null;
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(src.slice(start, i));
      start = i + 1;
    }
  }
  out.push(src.slice(start));
  return out.length > 1 ? out : null;
}

function enhancedKeys(e: string): string[] {
  const [a, b, c] = e.split('.');
  return [`${a}.${b}.${c}`, `x.${b}.${c}`, `${a}.${b}.x`, `x.${b}.x`, `${a}.x.x`, 'x.x.x'];
}

export function lookupEnhancedKeys(e: string): string[] {
  return enhancedKeys(e);
}

export function compileTable(table: readonly Rule[]): CompiledTable {
  const examples = table.map((r) => normalizeText(r.example));
  const literalIndex = new LiteralAutomaton(examples);
  // how many rule examples (a sample of real replies) contain each literal: the prefilter gates a
  // rule by the rarest literals it requires
  // (counted in one string of all the examples: a search per example and literal was most of the
  // table's compile time, paid by every start of the command)
  const joined = examples.join('\u0001');
  const starts: number[] = [];
  for (let i = 0, at = 0; i < examples.length; at += examples[i].length + 1, i++) starts.push(at);
  const seen = new Map<string, number>();
  const frequency = (l: string): number => {
    let n = seen.get(l);
    if (n === undefined) {
      n = 0;
      let example = -1;
      let next = 0; // the first example starting after the current one
      for (let at = joined.indexOf(l); at !== -1; at = joined.indexOf(l, at + 1)) {
        if (example >= 0 && (next >= starts.length || at < starts[next])) continue; // same example again
        while (next < starts.length && starts[next] <= at) next++;
        example = next - 1;
        n++;
      }
      seen.set(l, n);
    }
    return n;
  };
  const cost = (set: readonly string[]): number => set.reduce((sum, l) => sum + frequency(l), 0);
  const byHint = new Map<string, number[]>();
  const byEnhanced = new Map<string, number[]>();
  const byCode = new Map<string, number[]>();
  const alwaysList: number[] = [];
  const matchers: Matcher[] = [];
  const push = (m: Map<string, number[]>, k: string, i: number): void => {
    const l = m.get(k);
    if (l) l.push(i);
    else m.set(k, [i]);
  };
  const ids = new Set<string>();
  const rules = table.map((rule, index): CompiledRule => {
    if (ids.has(rule.id)) throw new Error(`duplicate rule id ${rule.id}`);
    ids.add(rule.id);
    const text = rule.text ? compileText(rule.text) : null;
    const code = compileCode(rule.code);
    const enh = compileEnhanced(rule.enhanced);
    const dom = compileDomain(rule.domain);
    const hint = compileHint(rule.hint);
    const checks: ((f: Facts) => boolean)[] = [];
    if (hint) checks.push((f) => hint(f.hint));
    if (code) checks.push((f) => code(f.code));
    if (enh) checks.push((f) => enh(f.enhanced));
    if (dom) checks.push((f) => dom(domainOf(f)));
    if (checks.length === 0 && !text) throw new Error(`rule ${rule.id} has no condition`);
    const others = (f: Facts): boolean => {
      for (let i = 0; i < checks.length; i++) if (!checks[i](f)) return false;
      return true;
    };
    const withText = (re: RegExp): ((f: Facts) => boolean) => (checks.length === 0 ? (f) => re.test(f.text) : (f) => others(f) && re.test(f.text));
    const test = text ? withText(text) : others;
    let literals: string[] | null = null;
    if (text) {
      literals = requiredLiterals(text, cost);
      const branches = literals ? splitByLiterals(text, cost) : null;
      for (const b of branches ?? [{ re: text, literals }]) {
        const m = matchers.length;
        matchers.push({ rule, test: withText(withoutCaseFlag(b.re)) });
        if (b.literals) for (const l of b.literals) literalIndex.add(l, m);
        else alwaysList.push(m);
      }
    } else {
      const m = matchers.length;
      matchers.push({ rule, test });
      if (typeof rule.hint === 'string') {
        push(byHint, normalizeHint(rule.hint) ?? '', m);
      } else if (rule.hint === undefined && typeof rule.enhanced === 'string') {
        const key = rule.enhanced.toLowerCase().replace(/\*/g, 'x');
        const norm = /x/.test(key) ? key : (normalizeEnhanced(key) ?? key);
        push(byEnhanced, norm, m);
      } else if (rule.hint === undefined && rule.enhanced === undefined && (typeof rule.code === 'number' || typeof rule.code === 'string')) {
        push(byCode, String(rule.code), m);
      } else {
        alwaysList.push(m);
      }
    }
    return { index, rule, text, test, literals };
  });
  const words = Math.ceil(matchers.length / 32) || 1;
  const always = new Uint32Array(words);
  for (const m of alwaysList) always[m >>> 5] |= 1 << (m & 31);
  return { rules, matchers, words, literalIndex, always, byHint, byEnhanced, byCode };
}

/** The branches of a text pattern, each with its own literals, or null when one branch has none. */
function splitByLiterals(re: RegExp, cost: (set: readonly string[]) => number): { re: RegExp; literals: string[] }[] | null {
  const branches = topLevelBranches(re.source);
  if (!branches) return null;
  const out: { re: RegExp; literals: string[] }[] = [];
  for (const src of branches) {
    const b = new RegExp(src, re.flags);
    const literals = requiredLiterals(b, cost);
    if (!literals) return null;
    out.push({ re: b, literals });
  }
  return out;
}
