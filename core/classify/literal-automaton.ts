/**
 * Finds which of the rules' required literals (./prefilter, requiredLiterals) occur in a text, in
 * one pass: an Aho–Corasick automaton compiled into flat typed arrays (issue 14: speed), one table
 * read per character, no hashing.
 *
 * The automaton is not built over the whole literals but over one key of each: the literal itself
 * when it is short, else its rarest window of KEY_LENGTH characters (rarity counted on a sample of
 * real replies). A whole-literal automaton has a state per character of every literal (7,000):
 * its table did not stay in the processor's first cache (2.3 times the cache misses per
 * classification) and cost the rest of the classifier what the scan saved; the keys' automaton
 * has 1,800 states, and the text seldom leaves the shallow ones. A state where keys end lists the
 * matchers (./compile) their literals gate, and the scan sets their bits. A long literal is not
 * compared with the text: its matchers' own patterns decide (comparing cost more than the
 * patterns tested in vain: on the bench's texts, 0.9 matchers marked beyond the 4.3 the texts'
 * literals gate, 0.5 more pattern tests per text). Every literal in the text is found, since its
 * key is.
 *
 * The automaton reads character classes: each character a key holds has its own class,
 * every other character is class 0 (it ends every partial match). Upper-case ASCII letters share
 * their lower-case letter's class, so the scan is blind to ASCII case; the rest of the folding
 * (accents, apostrophes, spaces) is normalizeText's.
 */

/** The reply codes the last successful `scanPlain` found (what extractCode / extractEnhanced return). */
export const plainCodes: { code: number | null; enhanced: string | null } = { code: null, enhanced: null };

/** the class of the space (the other classes: compile() below) */
const SPACE = 1;

/**
 * What the plain scan must look at besides the literals: two spaces in a row, reply codes, a
 * continuation marker (`452-`), an enhanced code. It keeps the kinds of the last three characters
 * (3 bits each) and LOOK_CLOSER says, for each such triple, whether they may be one of those:
 * digits are frequent (addresses, queue ids) and a test on each would cost more than the rest of
 * the scan, the triple's table read does not.
 */
const OTHER_KIND = 0;
const DIGIT_KIND = 1;
/** 2, 4 or 5: a reply code's class */
const STATUS_KIND = 2;
const DOT_KIND = 3;
const DASH_KIND = 4;
const SPACE_KIND = 5;
const TWO_SPACES = 1;
/** the third of three digits, the first a status class */
const CODE_END = 2;
const DASH_AFTER_DIGITS = 3;
/** a dot after a status class, itself after neither a digit nor a dot */
const DOT_AFTER_STATUS = 4;
const LOOK_CLOSER = new Uint8Array(1 << 9);
const isDigitKind = (k: number): boolean => k === DIGIT_KIND || k === STATUS_KIND;
for (let a = 0; a < 8; a++) {
  for (let b = 0; b < 8; b++) {
    for (let c = 0; c < 8; c++) {
      let look = 0;
      if (b === SPACE_KIND && c === SPACE_KIND) look = TWO_SPACES;
      else if (a === STATUS_KIND && isDigitKind(b) && isDigitKind(c)) look = CODE_END;
      else if (isDigitKind(a) && isDigitKind(b) && c === DASH_KIND) look = DASH_AFTER_DIGITS;
      else if (!isDigitKind(a) && a !== DOT_KIND && b === STATUS_KIND && c === DOT_KIND) look = DOT_AFTER_STATUS;
      LOOK_CLOSER[(a << 6) | (b << 3) | c] = look;
    }
  }
}

function kindOf(c: number): number {
  if (isStatusClass(c)) return STATUS_KIND;
  if (isDigit(c)) return DIGIT_KIND;
  return c === 0x2e ? DOT_KIND : c === 0x2d ? DASH_KIND : c === 0x20 ? SPACE_KIND : OTHER_KIND;
}

/**
 * Literals longer than this are found by a window of this many characters (4 to 8 measured the
 * same; longer keys, more states, fewer keys without their literal).
 */
const KEY_LENGTH = 5;

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

/** The compiled automaton: built once, after the last literal is added. */
interface Compiled {
  /** columns of the transition table: one per class */
  stride: number;
  /** class of every UTF-16 unit (the general path) */
  classOf: Uint8Array;
  /**
   * for the plain path, the class of every UTF-16 unit (what that path does not take — control
   * characters, backtick, beyond ASCII — is the class `dead`), with its kind (LOOK_CLOSER) above the low 8 bits
   */
  plainInfo: Uint16Array;
  /**
   * next state for (state, class), at `state * stride + class`, itself stored as `next * stride`
   * (no multiplication in the loop)
   */
  delta: Int32Array;
  /** states from `flagged` on (times stride) end some keys, or are `dead` */
  flagged: number;
  /** the state every state goes to on class `dead`, and never leaves (the plain path gives up), times stride */
  dead: number;
  /**
   * the matchers to test at state s — those of the literals whose key ends there (its own keys and
   * its suffixes') — are outList[outStart[s] .. outStart[s + 1])
   */
  outStart: Int32Array;
  outList: Int32Array;
}

/**
 * The literals of the rules and the matchers each one gates. `add` them all, then `scan` or
 * `scanPlain` texts; the automaton is compiled at the first scan after an `add`.
 */
export class LiteralAutomaton {
  /** how often each window of KEY_LENGTH characters occurs in the sample (by a hash: a collision only makes a key less well chosen) */
  private readonly windowCount = new Uint32Array(1 << 16);
  private literals: string[] = [];
  private matchersOf: number[][] = [];
  private byLiteral = new Map<string, number>();
  private compiled: Compiled | null = null;

  /** @param sample real texts (normalised), on which the rarity of the literals' windows is counted */
  constructor(sample: readonly string[] = []) {
    for (const t of sample) for (let i = 0; i + KEY_LENGTH <= t.length; i++) this.windowCount[windowHash(t, i)]++;
  }

  /** @param literal 3 characters or more (requiredLiterals gives no shorter one), lower-case */
  add(literal: string, matcher: number): void {
    if (literal.length < 3) throw new Error(`literal too short for the automaton: ${literal}`);
    let id = this.byLiteral.get(literal);
    if (id === undefined) {
      id = this.literals.length;
      this.literals.push(literal);
      this.matchersOf.push([]);
      this.byLiteral.set(literal, id);
    }
    this.matchersOf[id].push(matcher);
    this.compiled = null;
  }

  /** the literals added, each with the matchers it gates (tests) */
  entries(): { literal: string; matchers: readonly number[] }[] {
    return this.literals.map((literal, id) => ({ literal, matchers: this.matchersOf[id] }));
  }

  /**
   * Sets in `bits` the matchers of every literal that occurs in `text` (already normalised), and
   * of the few long literals whose key occurs without them (their patterns will say no).
   */
  scan(text: string, bits: Uint32Array): void {
    const au = this.compiled ?? this.compile();
    const n = text.length;
    const { classOf, delta, stride, flagged } = au;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v = delta[s + classOf[text.charCodeAt(i)]];
      if (v >= flagged) found(au, (v / stride) | 0, bits);
      s = v;
    }
  }

  /**
   * The one-pass path for the common text. `lower` is the raw text lower-cased; when it is
   * printable ASCII with single spaces, no space at either end, no backtick and no `452-`
   * continuation marker, normalizeText() would return it unchanged (the raw text's only possible
   * non-ASCII is then the Kelvin sign, which lower-cases to `k`; it sends the text through accent
   * folding, which only changes a backtick among ASCII). For such a text this does what
   * `scan(lower, bits)` does, and also finds the reply codes extractCode() and extractEnhanced()
   * would find in the raw text (they look at digits, dots and punctuation only, which
   * lower-casing keeps), into `plainCodes`. Returns false when the text is not such a text: then
   * `bits` holds part of an answer, and the caller resets it and takes the general path.
   */
  scanPlain(lower: string, bits: Uint32Array): boolean {
    const n = lower.length;
    if (n < 3) return false;
    const au = this.compiled ?? this.compile();
    const { plainInfo, delta, stride, flagged, dead } = au;
    const a = plainInfo[lower.charCodeAt(0)];
    const b = plainInfo[lower.charCodeAt(1)];
    if (a >>> 8 === SPACE_KIND || lower.charCodeAt(n - 1) === 0x20) return false;
    let failureAt = -1;
    let anyAt = -1;
    let enhancedAt = b >>> 8 === DOT_KIND && a >>> 8 === STATUS_KIND ? enhancedAtDot(lower, 1) : -1;
    // the first two characters end no literal (literals have 3 characters or more)
    let s = delta[delta[a & 0xff] + (b & 0xff)];
    if (s === dead) return false;
    /** the kinds of the last three characters, three bits each */
    let kinds = ((a >>> 8) << 3) | (b >>> 8);
    for (let i = 2; i < n; i++) {
      const info = plainInfo[lower.charCodeAt(i)];
      kinds = ((kinds << 3) | (info >>> 8)) & 0x1ff;
      const look = LOOK_CLOSER[kinds];
      if (look !== 0) {
        if (look === TWO_SPACES) return false;
        if (look === CODE_END) {
          // a basic reply code ends here (three digits, the first 2, 4 or 5, between separators)
          if ((i < 3 || isCodeBefore(lower.charCodeAt(i - 3))) && (i + 1 === n || isCodeAfter(lower.charCodeAt(i + 1)))) {
            if (lower.charCodeAt(i - 2) === 0x32) {
              if (anyAt < 0) anyAt = i - 2;
            } else if (failureAt < 0) {
              failureAt = i - 2;
              if (anyAt < 0) anyAt = i - 2;
            }
          }
        } else if (look === DASH_AFTER_DIGITS) {
          // `452-`: a multi-line reply's continuation marker, which normalizeText() removes
          if (i >= 3 && isStatusClass(lower.charCodeAt(i - 3))) return false;
        } else if (enhancedAt < 0) {
          enhancedAt = enhancedAtDot(lower, i);
        }
      }
      const v = delta[s + (info & 0xff)];
      if (v >= flagged) {
        if (v === dead) return false;
        found(au, (v / stride) | 0, bits);
      }
      s = v;
    }
    const codes = plainCodes;
    const at = failureAt >= 0 ? failureAt : anyAt;
    codes.code = at < 0 ? null : (lower.charCodeAt(at) - 0x30) * 100 + (lower.charCodeAt(at + 1) - 0x30) * 10 + (lower.charCodeAt(at + 2) - 0x30);
    codes.enhanced = enhancedAt < 0 ? null : lower.slice(enhancedAt, enhancedEnd);
    return true;
  }

  /** Builds the trie of the keys, its failure links, then the dense table and the outputs. */
  private compile(): Compiled {
    // each literal's key
    const keys: { key: string; literal: number }[] = [];
    const used = new Set<string>();
    for (let id = 0; id < this.literals.length; id++) {
      const l = this.literals[id];
      if (l.length <= KEY_LENGTH) {
        keys.push({ key: l, literal: id });
        continue;
      }
      let best = 0;
      let bestCount = Infinity;
      for (let o = 0; o + KEY_LENGTH <= l.length; o++) {
        // a window already some other literal's key is avoided: where it occurs, both literals' matchers are tested
        const count = this.windowCount[windowHash(l, o)] + (used.has(l.slice(o, o + KEY_LENGTH)) ? 0.5 : 0);
        if (count < bestCount) {
          bestCount = count;
          best = o;
        }
      }
      const key = l.slice(best, best + KEY_LENGTH);
      used.add(key);
      keys.push({ key, literal: id });
    }
    // classes: 0 for characters no key holds, 1 the space, then the keys' other characters
    // (letters first: the columns most texts use sit together), then `dead`
    const chars = new Set<number>();
    for (const { key } of keys) for (let i = 0; i < key.length; i++) chars.add(key.charCodeAt(i));
    chars.delete(0x20);
    const isLetter = (c: number): boolean => c >= 0x61 && c <= 0x7a;
    const ordinary = [...chars].sort((x, y) => Number(isLetter(y)) - Number(isLetter(x)) || x - y);
    const classOf = new Uint8Array(0x10000);
    classOf[0x20] = SPACE;
    let next = SPACE + 1;
    for (const c of ordinary) classOf[c] = next++;
    const deadClass = next++;
    const stride = next;
    if (stride > 0x100) throw new Error('too many distinct characters in the keys of the rules\' literals');
    // upper-case ASCII letters read as their lower-case letter
    for (let c = 0x41; c <= 0x5a; c++) classOf[c] = classOf[c + 0x20];
    const plainInfo = new Uint16Array(0x10000);
    for (let c = 0; c < 0x10000; c++) {
      const dead = c < 0x20 || c === 0x60 || c >= 0x7f;
      plainInfo[c] = dead ? deadClass : classOf[c] | (kindOf(c) << 8);
    }

    // the trie of the keys, in a flat table: goto(state, class) at state * stride + class, -1 where there is no edge
    let size = 1;
    for (const k of keys) size += k.key.length;
    const edges = new Int32Array((size + 1) * stride).fill(-1);
    /** the indices in `keys` of the keys ending at each state */
    const own: number[][] = [[]];
    let states = 1;
    keys.forEach(({ key }, index) => {
      let s = 0;
      for (let i = 0; i < key.length; i++) {
        const at = s * stride + classOf[key.charCodeAt(i)];
        if (edges[at] === -1) {
          edges[at] = states++;
          own.push([]);
        }
        s = edges[at];
      }
      own[s].push(index);
    });
    // the dead state: every state goes there on class `dead`, and it never leaves
    const deadState = states++;
    own.push([]);
    for (let k = 0; k < stride; k++) edges[deadState * stride + k] = deadState;
    // breadth first: each state's failure link, its complete transitions and outputs
    const fail = new Int32Array(states);
    const outputs: number[][] = own.map((o) => [...new Set(o)]);
    const order: number[] = [0];
    for (let q = 0; q < order.length; q++) {
      const s = order[q];
      if (s !== 0) {
        const inherited = outputs[fail[s]];
        if (inherited.length) outputs[s] = [...new Set([...outputs[s], ...inherited])];
      }
      for (let k = 0; k < stride; k++) {
        const at = s * stride + k;
        const t = edges[at];
        if (k === deadClass) edges[at] = deadState;
        else if (t === -1) edges[at] = s === 0 ? 0 : edges[fail[s] * stride + k];
        else {
          fail[t] = s === 0 ? 0 : edges[fail[s] * stride + k];
          order.push(t);
        }
      }
    }
    // numbered again: the states that end no literal first (breadth first), then those that
    // do, then the dead state, so that one comparison in the loop tells them apart
    const plainStates = order.filter((s) => outputs[s].length === 0);
    const flaggedStates = order.filter((s) => outputs[s].length > 0);
    const numbering = [...plainStates, ...flaggedStates, deadState];
    const renumbered = new Int32Array(states);
    numbering.forEach((s, i) => { renumbered[s] = i; });
    const delta = new Int32Array(states * stride);
    for (let s = 0; s < states; s++) {
      const row = renumbered[s] * stride;
      for (let k = 0; k < stride; k++) delta[row + k] = renumbered[edges[s * stride + k]] * stride;
    }
    // a state's matchers: those of every literal whose key ends there, each once
    const matchersAt = numbering.map((s) => [...new Set(outputs[s].flatMap((k) => this.matchersOf[keys[k].literal]))]);
    const outStart = new Int32Array(states + 1);
    matchersAt.forEach((m, i) => { outStart[i + 1] = outStart[i] + m.length; });
    this.compiled = {
      stride, classOf, plainInfo, delta, flagged: plainStates.length * stride, dead: renumbered[deadState] * stride,
      outStart, outList: Int32Array.from(matchersAt.flat()),
    };
    return this.compiled;
  }
}

/** a hash of the KEY_LENGTH characters of `s` from `at` */
function windowHash(s: string, at: number): number {
  let h = 0;
  for (let i = at; i < at + KEY_LENGTH; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return (h ^ (h >>> 16)) & 0xffff;
}

/** Sets the bits of the matchers of the keys that end where the scan reaches `state`. */
function found(au: Compiled, state: number, bits: Uint32Array): void {
  const { outStart, outList } = au;
  for (let o = outStart[state], end = outStart[state + 1]; o < end; o++) {
    const r = outList[o];
    bits[r >>> 5] |= 1 << (r & 31);
  }
}
