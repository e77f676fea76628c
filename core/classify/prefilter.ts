/**
 * Prefilter for text rules, so that one classification costs a few regex tests instead of
 * hundreds.
 *
 * 1. `requiredLiterals(regex)` reads the pattern's source and returns a set of literal strings
 *    (lower case, ≥ 3 characters) such that ANY text the pattern matches contains AT LEAST ONE of
 *    them — or null when it cannot prove such a set (the rule is then tested on every text).
 *    The analysis is conservative: anything it does not understand breaks a literal run.
 * 2. `LiteralAutomaton` (./literal-automaton) finds, in one pass over the text, which of those
 *    literals occur.
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
