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

/** The reply codes the last successful `scanPlain` found (what extractCode / extractEnhanced return). */
export const plainCodes: { code: number | null; enhanced: string | null } = { code: null, enhanced: null };

function isStatusClass(c: number): boolean {
  return c === 0x32 || c === 0x34 || c === 0x35;
}

/** `[\s:;'"(<>=,#]`, before a basic code in extractCode (a plain text's only space is ' ') */
function isCodeBefore(c: number): boolean {
  return c === 0x20 || c === 0x3a || c === 0x3b || c === 0x27 || c === 0x22 || c === 0x28 || c === 0x3c || c === 0x3e || c === 0x3d || c === 0x2c || c === 0x23;
}

/** `[\s\-:;,)'"\]]`, after a basic code in extractCode */
function isCodeAfter(c: number): boolean {
  return c === 0x20 || c === 0x2d || c === 0x3a || c === 0x3b || c === 0x2c || c === 0x29 || c === 0x27 || c === 0x22 || c === 0x5d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

let enhancedEnd = 0;
/**
 * Where extractEnhanced's pattern (`[245]\.\d{1,3}\.\d{1,3}`, not followed by a digit nor by a
 * dot and a digit) matches, its class digit being just before the dot at `dot` (the caller has
 * checked what comes before); -1 when it does not. Sets `enhancedEnd`.
 */
function enhancedAtDot(text: string, dot: number): number {
  const n = text.length;
  let i = dot + 1;
  while (i < n && i - dot <= 4 && isDigit(text.charCodeAt(i))) i++;
  const middle = i - dot - 1;
  if (middle < 1 || middle > 3 || text.charCodeAt(i) !== 0x2e) return -1;
  const third = i + 1;
  i = third;
  while (i < n && i - third <= 3 && isDigit(text.charCodeAt(i))) i++;
  const last = i - third;
  if (last < 1 || last > 3 || (i < n && isDigit(text.charCodeAt(i)))) return -1;
  if (text.charCodeAt(i) === 0x2e && i + 1 < n && isDigit(text.charCodeAt(i + 1))) return -1;
  enhancedEnd = i;
  return dot - 1;
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
    this.packedNext = null;
  }

  get size(): number {
    return this.literals.length;
  }

  /**
   * The one-pass path for the common text (issue 14: speed). `lower` is the raw text
   * lower-cased; when it is printable ASCII with single spaces, no space at either end, no
   * backtick and no `452-` continuation marker, normalizeText() would return it unchanged (the
   * raw text's only possible non-ASCII is then the Kelvin sign, which lower-cases to `k`; it
   * sends the text through accent folding, which only changes a backtick among ASCII). For such a text this does what `scan(lower, bits)` does, and also finds the reply
   * codes extractCode() and extractEnhanced() would find in the raw text (they look at digits,
   * dots and punctuation only, which lower-casing keeps), into `plainCodes`. Returns false as soon
   * as the text is not such a text: then `bits` holds part of an answer, and the caller resets it
   * and takes the general path.
   */
  scanPlain(lower: string, bits: Uint32Array): boolean {
    const n = lower.length;
    if (n < 3) return false;
    if (this.packedNext === null) this.pack();
    const head = this.head;
    const next = this.packedNext as Int32Array;
    const literals = this.literals;
    const offsets = this.packedOffsets as Int32Array;
    const firsts = this.packedFirsts as Uint16Array;
    const ruleStart = this.ruleStart as Int32Array;
    const ruleIndex = this.ruleIndex as Int32Array;
    const occupied = this.occupied;
    let a = lower.charCodeAt(0);
    let b = lower.charCodeAt(1);
    if (a <= 0x20 || a > 0x7e || a === 0x60 || b < 0x20 || b > 0x7e || b === 0x60 || lower.charCodeAt(n - 1) === 0x20) return false;
    let failureAt = -1;
    let anyAt = -1;
    let enhancedAt = b === 0x2e && isStatusClass(a) ? enhancedAtDot(lower, 1) : -1;
    for (let i = 2; i < n; i++) {
      const c = lower.charCodeAt(i);
      if (c < 0x61) {
        if (c <= 0x20) {
          if (c < 0x20 || b === 0x20) return false;
        } else if (c <= 0x39) {
          if (c >= 0x30) {
            // a basic reply code ends here? (three digits, the first 2, 4 or 5, between separators)
            if (b >= 0x30 && b <= 0x39 && isStatusClass(a) && (i < 3 || isCodeBefore(lower.charCodeAt(i - 3))) && (i + 1 === n || isCodeAfter(lower.charCodeAt(i + 1)))) {
              if (a === 0x32) {
                if (anyAt < 0) anyAt = i - 2;
              } else if (failureAt < 0) {
                failureAt = i - 2;
                if (anyAt < 0) anyAt = i - 2;
              }
            }
          } else if (c === 0x2d) {
            // `452-`: a multi-line reply's continuation marker, which normalizeText() removes
            if (b >= 0x30 && b <= 0x39 && a >= 0x30 && a <= 0x39 && i >= 3 && isStatusClass(lower.charCodeAt(i - 3))) return false;
          } else if (c === 0x2e && enhancedAt < 0 && isStatusClass(b) && !((a >= 0x30 && a <= 0x39) || a === 0x2e)) {
            enhancedAt = enhancedAtDot(lower, i);
          }
        } else if (c === 0x60) return false; // a backtick: folding would make it an apostrophe if the raw text had a Kelvin sign
      } else if (c > 0x7e) return false;
      const h = ((a << 10) ^ (b << 5) ^ c ^ (a >>> 6)) & TABLE_MASK;
      a = b;
      b = c;
      if ((occupied[h >>> 5] & (1 << (h & 31))) === 0) continue;
      let id = head[h];
      while (id !== -1) {
        const start = i - 2 - offsets[id];
        if (start >= 0 && lower.charCodeAt(start) === firsts[id] && lower.startsWith(literals[id], start)) {
          for (let k = ruleStart[id], end = ruleStart[id + 1]; k < end; k++) {
            const r = ruleIndex[k];
            bits[r >>> 5] |= 1 << (r & 31);
          }
        }
        id = next[id];
      }
    }
    const codes = plainCodes;
    const at = failureAt >= 0 ? failureAt : anyAt;
    codes.code = at < 0 ? null : (lower.charCodeAt(at) - 0x30) * 100 + (lower.charCodeAt(at + 1) - 0x30) * 10 + (lower.charCodeAt(at + 2) - 0x30);
    codes.enhanced = enhancedAt < 0 ? null : lower.slice(enhancedAt, enhancedEnd);
    return true;
  }

  /** typed copies of the chains, for scanPlain (built once, after the last `add`) */
  private packedNext: Int32Array | null = null;
  private packedOffsets: Int32Array | null = null;
  private packedFirsts: Uint16Array | null = null;
  /** the matchers of literal `id` are ruleIndex[ruleStart[id] .. ruleStart[id + 1]) */
  private ruleStart: Int32Array | null = null;
  private ruleIndex: Int32Array | null = null;

  private pack(): void {
    this.packedNext = Int32Array.from(this.next);
    this.packedOffsets = Int32Array.from(this.offsets);
    this.packedFirsts = Uint16Array.from(this.firsts);
    const start = new Int32Array(this.literals.length + 1);
    for (let id = 0; id < this.literals.length; id++) start[id + 1] = start[id] + this.ruleLists[id].length;
    this.ruleStart = start;
    this.ruleIndex = Int32Array.from(this.ruleLists.flat());
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
