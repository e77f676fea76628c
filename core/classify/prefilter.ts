/**
 * Prefilter for text rules, so that one classification costs a few regex tests instead of
 * hundreds.
 *
 * 1. `requiredLiterals(regex)` reads the pattern's source and returns a set of literal strings
 *    (lower case, ≥ 3 characters) such that ANY text the pattern matches contains AT LEAST ONE of
 *    them — or null when it cannot prove such a set (the rule is then tested on every text).
 *    The analysis is conservative: anything it does not understand breaks a literal run.
 * 2. `LiteralIndex` finds, in one pass over the text, which of those literals occur: a hash of
 *    each 3-character window points to the literals starting with those characters.
 */

export function requiredLiterals(re: RegExp, cost?: (literals: readonly string[]) => number): string[] | null {
  const parser = new Parser(re.source, cost);
  try {
    const result = parser.parseAlternation();
    if (parser.pos !== parser.src.length) return null;
    return result ? dedupe(result) : null;
  } catch {
    return null;
  }
}

function dedupe(list: string[]): string[] {
  return [...new Set(list)];
}

const MIN_LITERAL = 3;

class Parser {
  pos = 0;
  /**
   * @param cost how often a set of literals is expected to occur (lower is better); among the
   *   sets a sequence requires, the cheapest gates the rule, so that a common word ("message ")
   *   does not make a rule a candidate for most texts when a rarer one ("trop ") is required too
   */
  constructor(readonly src: string, private readonly cost?: (literals: readonly string[]) => number) {}

  /** alternation at the current level: every branch must yield a set, the union is the answer */
  parseAlternation(): string[] | null {
    const branches: (string[] | null)[] = [this.parseSequence()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      branches.push(this.parseSequence());
    }
    const out: string[] = [];
    for (const b of branches) {
      if (!b) return null;
      out.push(...b);
    }
    return out;
  }

  /** a sequence: literal runs and required groups; the best single requirement is chosen */
  parseSequence(): string[] | null {
    const candidates: string[][] = [];
    let run = '';
    const flush = (): void => {
      if (run.length >= MIN_LITERAL) candidates.push([run]);
      run = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '|' || ch === ')') break;
      let literal: string | null = null;
      let group: string[] | null = null;
      let isGroup = false;
      if (ch === '(') {
        this.pos++;
        let lookaround = false;
        if (this.src[this.pos] === '?') {
          const next = this.src[this.pos + 1];
          if (next === ':') this.pos += 2;
          else if (next === '=' || next === '!') {
            this.pos += 2;
            lookaround = true;
          } else if (next === '<' && (this.src[this.pos + 2] === '=' || this.src[this.pos + 2] === '!')) {
            this.pos += 3;
            lookaround = true;
          } else if (next === '<') {
            const close = this.src.indexOf('>', this.pos);
            if (close < 0) throw new Error('bad group name');
            this.pos = close + 1;
          } else throw new Error('unsupported group');
        }
        const inner = this.parseAlternation();
        if (this.src[this.pos] !== ')') throw new Error('unbalanced');
        this.pos++;
        isGroup = true;
        group = lookaround ? null : inner;
      } else if (ch === '[') {
        this.skipClass();
      } else if (ch === '\\') {
        literal = this.parseEscape();
      } else if (ch === '.' || ch === '^' || ch === '$') {
        this.pos++;
      } else if (ch === '*' || ch === '+' || ch === '?' || ch === '{' && this.isQuantifierAt(this.pos)) {
        throw new Error('dangling quantifier');
      } else {
        literal = ch.toLowerCase();
        this.pos++;
      }
      const min = this.parseQuantifier();
      if (literal !== null) {
        if (min === null) {
          run += literal;
        } else if (min >= 1) {
          run += literal;
          flush();
        } else {
          flush();
        }
      } else {
        flush();
        if (isGroup && group && (min === null || min >= 1)) {
          if (group.every((g) => g.length >= MIN_LITERAL)) candidates.push(group);
        }
      }
    }
    flush();
    if (candidates.length === 0) return null;
    let best = candidates[0];
    const cost = this.cost;
    for (const c of candidates) {
      if (cost) {
        const d = cost(c) - cost(best);
        if (d < 0 || (d === 0 && score(c) > score(best))) best = c;
      } else if (score(c) > score(best)) best = c;
    }
    return best;
  }

  private isQuantifierAt(i: number): boolean {
    return /^\{\d+(,\d*)?\}/.test(this.src.slice(i));
  }

  /** returns the minimum repetition of the quantifier after an atom, or null when there is none */
  private parseQuantifier(): number | null {
    const ch = this.src[this.pos];
    let min: number | null = null;
    if (ch === '?' || ch === '*') {
      min = 0;
      this.pos++;
    } else if (ch === '+') {
      min = 1;
      this.pos++;
    } else if (ch === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.pos));
      if (m) {
        min = Number(m[1]);
        this.pos += m[0].length;
      }
    }
    if (min !== null && this.src[this.pos] === '?') this.pos++; // lazy
    return min;
  }

  private skipClass(): void {
    this.pos++; // [
    if (this.src[this.pos] === '^') this.pos++;
    if (this.src[this.pos] === ']') this.pos++;
    while (this.pos < this.src.length && this.src[this.pos] !== ']') {
      if (this.src[this.pos] === '\\') this.pos++;
      this.pos++;
    }
    if (this.src[this.pos] !== ']') throw new Error('unterminated class');
    this.pos++;
  }

  /** returns the literal character of an escape, or null for a class / assertion / back-reference */
  private parseEscape(): string | null {
    const c = this.src[this.pos + 1];
    if (c === undefined) throw new Error('trailing backslash');
    this.pos += 2;
    if ('dDwWsSbBnrtfv0'.includes(c) || /[1-9]/.test(c)) return null;
    if (c === 'x') {
      this.pos += 2;
      return null;
    }
    if (c === 'u') {
      if (this.src[this.pos] === '{') this.pos = this.src.indexOf('}', this.pos) + 1;
      else this.pos += 4;
      return null;
    }
    if (c === 'p' || c === 'P') {
      this.pos = this.src.indexOf('}', this.pos) + 1;
      return null;
    }
    if (c === 'k') {
      this.pos = this.src.indexOf('>', this.pos) + 1;
      return null;
    }
    if (c === 'c') {
      this.pos += 1;
      return null;
    }
    return c.toLowerCase();
  }
}

function score(set: string[]): number {
  let min = Infinity;
  for (const s of set) min = Math.min(min, s.length);
  return Math.min(min, 12) * 10 - set.length;
}

const TABLE_BITS = 16;
const TABLE_SIZE = 1 << TABLE_BITS;
const TABLE_MASK = TABLE_SIZE - 1;

function hash3(a: number, b: number, c: number): number {
  return ((a << 10) ^ (b << 5) ^ c ^ (a >>> 6)) & TABLE_MASK;
}

/** `text.startsWith(lit, at)` for short literals, without the built-in's call overhead */
function occursAt(text: string, lit: string, at: number): boolean {
  const n = lit.length;
  if (at + n > text.length) return false;
  for (let k = 1; k < n; k++) if (text.charCodeAt(at + k) !== lit.charCodeAt(k)) return false;
  return true;
}

/**
 * Finds which registered literals occur in a text, in one pass. Each literal is filed under the
 * rarest 3-character window it contains (rarity measured on a sample of real texts), so that
 * common trigrams ("the", " to") seldom lead to a comparison. Each literal carries a list of
 * matcher indices (a rule, or one branch of a rule: ./compile); `scan` sets their bits in the given bitset.
 */
export class LiteralIndex {
  private readonly head = new Int32Array(TABLE_SIZE).fill(-1);
  /** one bit per table slot: set when some literal is filed there */
  private readonly occupied = new Uint32Array(TABLE_SIZE >>> 5);
  private next: number[] = [];
  private literals: string[] = [];
  private offsets: number[] = [];
  /** each literal's first character, a cheap test before the comparison */
  private firsts: number[] = [];
  private ruleLists: number[][] = [];
  private byLiteral = new Map<string, number>();

  /** @param sample texts whose trigram frequencies decide which window of a literal is indexed */
  constructor(private readonly frequency: ReadonlyMap<number, number> = new Map()) {}

  static trigramFrequencies(sample: readonly string[]): Map<number, number> {
    const freq = new Map<number, number>();
    for (const t of sample) {
      for (let i = 0; i + 2 < t.length; i++) {
        const h = hash3(t.charCodeAt(i), t.charCodeAt(i + 1), t.charCodeAt(i + 2));
        freq.set(h, (freq.get(h) ?? 0) + 1);
      }
    }
    return freq;
  }

  add(literal: string, ruleIndex: number): void {
    let id = this.byLiteral.get(literal);
    if (id === undefined) {
      id = this.literals.length;
      let best = 0;
      let bestFreq = Infinity;
      for (let o = 0; o + 3 <= literal.length; o++) {
        const h = hash3(literal.charCodeAt(o), literal.charCodeAt(o + 1), literal.charCodeAt(o + 2));
        const f = (this.frequency.get(h) ?? 0) + (this.head[h] === -1 ? 0 : 0.5);
        if (f < bestFreq) {
          bestFreq = f;
          best = o;
        }
      }
      const h = hash3(literal.charCodeAt(best), literal.charCodeAt(best + 1), literal.charCodeAt(best + 2));
      this.literals.push(literal);
      this.offsets.push(best);
      this.firsts.push(literal.charCodeAt(0));
      this.ruleLists.push([]);
      this.byLiteral.set(literal, id);
      this.next.push(this.head[h]);
      this.head[h] = id;
      this.occupied[h >>> 5] |= 1 << (h & 31);
    }
    this.ruleLists[id].push(ruleIndex);
  }

  get size(): number {
    return this.literals.length;
  }

  scan(text: string, bits: Uint32Array): void {
    const n = text.length;
    if (n < 3) return;
    const head = this.head;
    const next = this.next;
    const literals = this.literals;
    const offsets = this.offsets;
    const firsts = this.firsts;
    const occupied = this.occupied;
    let a = text.charCodeAt(0);
    let b = text.charCodeAt(1);
    for (let i = 2; i < n; i++) {
      const c = text.charCodeAt(i);
      const h = ((a << 10) ^ (b << 5) ^ c ^ (a >>> 6)) & TABLE_MASK;
      a = b;
      b = c;
      // most windows are no literal's: one read in an 8 KB bitset (it stays in the CPU's first
      // cache, where the 256 KB table would not), no call
      if ((occupied[h >>> 5] & (1 << (h & 31))) === 0) continue;
      let id = head[h];
      while (id !== -1) {
        const start = i - 2 - offsets[id];
        if (start >= 0 && text.charCodeAt(start) === firsts[id] && occursAt(text, literals[id], start)) {
          const rules = this.ruleLists[id];
          for (let k = 0; k < rules.length; k++) {
            const r = rules[k];
            bits[r >>> 5] |= 1 << (r & 31);
          }
        }
        id = next[id];
      }
    }
  }
}
