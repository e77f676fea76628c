/**
 * Compiles the rule table into matchers and candidate indexes. Internal to core/classify.
 */
import type { Rule } from './rule-types';
import { LiteralIndex, requiredLiterals } from './prefilter';
import { foldAccents, normalizeEnhanced, normalizeHint, normalizeText } from './normalize';

/** What one classification knows, normalised once. */
export interface Facts {
  text: string;
  code: number | null;
  enhanced: string | null;
  domain: string | null;
  hint: string | null;
}

export interface CompiledRule {
  index: number;
  rule: Rule;
  text: RegExp | null;
  test: (f: Facts) => boolean;
  /** literals of which at least one must occur for `text` to match; null = always tested */
  literals: string[] | null;
}

export interface CompiledTable {
  rules: CompiledRule[];
  words: number;
  literalIndex: LiteralIndex;
  /** rules that are candidates for every input */
  always: Uint32Array;
  /** rules without text, reached by exact hint */
  byHint: Map<string, number[]>;
  /** rules without text nor hint, reached by enhanced-code key (`5.1.1`, `x.1.1`, `5.7.x`…) */
  byEnhanced: Map<string, number[]>;
  /** rules without text, hint nor enhanced, reached by code key (`550`, `5xx`) */
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
  return (e) => {
    if (e === null) return false;
    const p = e.split('.');
    for (let i = 0; i < 3; i++) if (parts[i] !== 'x' && parts[i] !== '*' && parts[i] !== p[i]) return false;
    return true;
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

function enhancedKeys(e: string): string[] {
  const [a, b, c] = e.split('.');
  return [`${a}.${b}.${c}`, `x.${b}.${c}`, `${a}.${b}.x`, `x.${b}.x`, `${a}.x.x`, 'x.x.x'];
}

export function lookupEnhancedKeys(e: string): string[] {
  return enhancedKeys(e);
}

export function compileTable(table: readonly Rule[]): CompiledTable {
  const words = Math.ceil(table.length / 32) || 1;
  const always = new Uint32Array(words);
  const literalIndex = new LiteralIndex(LiteralIndex.trigramFrequencies(table.map((r) => normalizeText(r.example))));
  const byHint = new Map<string, number[]>();
  const byEnhanced = new Map<string, number[]>();
  const byCode = new Map<string, number[]>();
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
    if (dom) checks.push((f) => dom(f.domain));
    if (text) checks.push((f) => text.test(f.text));
    if (checks.length === 0) throw new Error(`rule ${rule.id} has no condition`);
    const test = (f: Facts): boolean => {
      for (let i = 0; i < checks.length; i++) if (!checks[i](f)) return false;
      return true;
    };
    let literals: string[] | null = null;
    if (text) {
      literals = requiredLiterals(text);
      if (literals) for (const l of literals) literalIndex.add(l, index);
      else always[index >>> 5] |= 1 << (index & 31);
    } else if (typeof rule.hint === 'string') {
      push(byHint, normalizeHint(rule.hint) ?? '', index);
    } else if (rule.hint === undefined && typeof rule.enhanced === 'string') {
      const key = rule.enhanced.toLowerCase().replace(/\*/g, 'x');
      const norm = /x/.test(key) ? key : (normalizeEnhanced(key) ?? key);
      push(byEnhanced, norm, index);
    } else if (rule.hint === undefined && rule.enhanced === undefined && (typeof rule.code === 'number' || typeof rule.code === 'string')) {
      push(byCode, String(rule.code), index);
    } else {
      always[index >>> 5] |= 1 << (index & 31);
    }
    return { index, rule, text, test, literals };
  });
  return { rules, words, literalIndex, always, byHint, byEnhanced, byCode };
}
