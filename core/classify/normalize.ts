/**
 * Text normalisation and code extraction, shared by the classifier and the rule compiler.
 * Pure functions; no allocation beyond the returned strings.
 */

const MARKS = /[\u0300-\u036f]/g;
/** a UTF-8 lead byte read as Latin-1 (Ã, Â, â€) followed by a continuation byte */
const MOJIBAKE_GATE = /[\u00c2-\u00c5\u00e2-\u00e3][\u0080-\u00bf\u20ac\u201a-\u203a\u2122\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]/;
const NON_ASCII = /[^\x00-\x7f]/;
const WHITESPACE_RUN = /\s+/g;
/** continuation markers of joined multi-line replies: `452-4.2.2 `, and the repeated code lines */
const CONTINUATION_GATE = /\b[245]\d\d-/;
const CONTINUATION = /(^|\s)[245]\d\d[- ](?:#?[245]\.\d{1,3}\.\d{1,3}\s+)?(?=\S)/g;
/** anything but printable ASCII and the plain space: accents, control characters, tabs, line ends */
// eslint-disable-next-line no-control-regex
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f]/;
/** a reply code followed by a dash (`452-`), the mark of a joined multi-line reply */
const DASH_CODE = /[245]\d\d-/;

/**
 * Repairs UTF-8 text that was decoded as Latin-1 (`BoÃ®te pleine` → `Boîte pleine`), a common
 * habit of spreadsheet exports. Returns the text unchanged when it is not that kind of mojibake.
 */
export function repairMojibake(text: string): string {
  if (!MOJIBAKE_GATE.test(text)) return text;
  // a character above U+00FF: not bytes read as Latin-1
  if (BEYOND_LATIN1.test(text)) return text;
  const bytes = Buffer.from(text, 'latin1');
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    // invalid UTF-8: some bytes were lost on the way; repair what can be repaired
    const lenient = LENIENT_UTF8.decode(bytes);
    // keep the lenient version only if it removed most of the mojibake markers
    const before = countMarkers(text);
    const after = countMarkers(lenient);
    return after * 4 < before ? lenient : text;
  }
}

// decoders are made once: a decoder keeps no state between whole decodes
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const LENIENT_UTF8 = new TextDecoder('utf-8', { fatal: false });
const BEYOND_LATIN1 = /[^\x00-\xff]/;

function countMarkers(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xc2 && c <= 0xc5 || c === 0xe2 || c === 0xe3) n++;
  }
  return n;
}

/** Removes accents (NFD + drop combining marks) and unifies apostrophes and spaces. */
export function foldAccents(s: string): string {
  return foldAccentsFast(s, false) ?? foldAccentsSlow(s);
}

function foldAccentsSlow(s: string): string {
  return s
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/[\u2018\u2019\u02bc\u00b4`]/g, "'")
    .replace(/[\u00a0\u202f\u2007]/g, ' ');
}

/**
 * What folding does to one UTF-16 unit, learnt the first time it is met: 1 = nothing, 2 = it
 * becomes FOLDED[c], 3 = a half of a surrogate pair (NFD works on whole code points: the
 * whole-text path decides). FOLD_RUN[c] says how the unit's decomposition takes part in the runs
 * of combining marks that NFD sorts (see foldAccentsFast).
 */
const FOLD_KIND = new Uint8Array(0x10000);
const FOLD_RUN = new Uint8Array(0x10000);
/** dense (a sparse array would be a slow dictionary) */
const FOLDED: string[] = new Array<string>(0x10000).fill('');
/** FOLD_RUN bits: the decomposition starts with a mark; is marks only; ends with a mark */
const STARTS_MARK = 1;
const ALL_MARKS = 2;
const ENDS_MARK = 4;
/** FOLD_RUN bits 3–4 / 5–6: kept marks (outside U+0300–U+036F) in the leading / trailing run of marks, capped at 2 */
const LEAD_SHIFT = 3;
const TRAIL_SHIFT = 5;

/** whether `x` (already in NFD) has a non-zero canonical combining class: only then does NFD reorder it */
function combines(x: string): boolean {
  // U+0345 has the highest class (240): NFD moves any mark of lower non-zero class before it
  return x === '\u0345' || ('a\u0345' + x).normalize('NFD') !== 'a\u0345' + x;
}

function learnFold(c: number): number {
  const ch = String.fromCharCode(c);
  if (c >= 0xd800 && c <= 0xdfff) {
    FOLD_KIND[c] = 3;
    return 3;
  }
  const d = ch.normalize('NFD');
  const marks: boolean[] = [];
  const kept: boolean[] = [];
  for (let i = 0; i < d.length; i++) {
    const x = d.charCodeAt(i);
    marks.push(combines(d[i]));
    kept.push(x < 0x300 || x > 0x36f);
  }
  let lead = 0;
  for (let i = 0; i < d.length && marks[i]; i++) if (kept[i]) lead++;
  let trail = 0;
  for (let i = d.length - 1; i >= 0 && marks[i]; i--) if (kept[i]) trail++;
  const all = marks.every(Boolean);
  FOLD_RUN[c] = (marks[0] ? STARTS_MARK : 0) | (all ? ALL_MARKS : 0) | (marks[d.length - 1] ? ENDS_MARK : 0) |
    (Math.min(lead, 2) << LEAD_SHIFT) | (Math.min(trail, 2) << TRAIL_SHIFT);
  const out = foldAccentsSlow(ch);
  const kind = out === ch ? 1 : 2;
  if (kind === 2) FOLDED[c] = out;
  FOLD_KIND[c] = kind;
  return kind;
}

/** `\s` of JavaScript regular expressions, as a test on one UTF-16 unit */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** set by foldAccentsFast: its result holds whitespace other than single spaces */
let foldedOddSpace = false;

/**
 * foldAccents one unit at a time. NFD decomposes each code point on its own, then sorts each run
 * of combining marks by class; the marks of U+0300–U+036F are then removed, so the sort can only
 * change the result when a run holds marks it keeps from two different units. Then (and for
 * surrogate pairs) this returns null and the whole-text path decides. Far cheaper than NFD and
 * three replaces over a long text. With `trackSpace`, notes in `foldedOddSpace` whether the
 * result holds whitespace other than single spaces (else collapsing it changes nothing).
 */
function foldAccentsFast(s: string, trackSpace: boolean): string | null {
  const n = s.length;
  // the result is written unit by unit into a reused buffer: a text with many accents would
  // otherwise cost one slice and two concatenations per accent
  if (foldBuffer.length < n + 8) foldBuffer = new Uint16Array(2 * n + 8);
  let buf = foldBuffer;
  let len = 0;
  let changed = false;
  let prevSpace = false;
  let odd = false;
  /** the decomposition so far ends in a run of marks, holding `runKept` kept marks */
  let inRun = false;
  let runKept = 0;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      inRun = false;
      if (c === 0x60) {
        c = 0x27;
        changed = true;
      }
    } else {
      const kind = FOLD_KIND[c] || learnFold(c);
      if (kind === 3) return null;
      const run = FOLD_RUN[c];
      if (run !== 0) {
        if ((run & STARTS_MARK) !== 0) {
          const lead = (run >>> LEAD_SHIFT) & 3;
          if (inRun && runKept > 0 && lead > 0) return null;
          runKept = inRun ? runKept + lead : lead;
          inRun = true;
        }
        if ((run & ALL_MARKS) === 0) {
          inRun = (run & ENDS_MARK) !== 0;
          runKept = (run >>> TRAIL_SHIFT) & 3;
        }
      } else inRun = false;
      if (kind === 2) {
        changed = true;
        const f = FOLDED[c];
        if (f.length !== 1) {
          // decomposed into several units, or removed
          if (len + f.length > buf.length) {
            const bigger = new Uint16Array(2 * (len + f.length) + n);
            bigger.set(buf.subarray(0, len));
            buf = foldBuffer = bigger;
          }
          for (let k = 0; k < f.length; k++) {
            const u = f.charCodeAt(k);
            buf[len++] = u;
            if (trackSpace) {
              const sp = isSpace(u);
              if (sp && (prevSpace || u !== 0x20)) odd = true;
              prevSpace = sp;
            }
          }
          continue;
        }
        c = f.charCodeAt(0);
      }
    }
    if (len === buf.length) {
      const bigger = new Uint16Array(2 * len + n);
      bigger.set(buf);
      buf = foldBuffer = bigger;
    }
    buf[len++] = c;
    if (trackSpace) {
      const sp = c === 0x20 || (c < 0x20 ? c >= 0x09 && c <= 0x0d : c >= 0xa0 && isSpace(c));
      if (sp && (prevSpace || c !== 0x20)) odd = true;
      prevSpace = sp;
    }
  }
  foldedOddSpace = odd;
  return changed ? UTF16.decode(buf.subarray(0, len)) : s;
}

let foldBuffer = new Uint16Array(512);
/** reads a Uint16Array's units back as a string (the platform's byte order: typed arrays use it too) */
const UTF16 = new TextDecoder(new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'utf-16le' : 'utf-16be', { ignoreBOM: true });

/**
 * The text the rules see: mojibake repaired, lower-cased, accents removed, continuation markers
 * of multi-line replies removed, whitespace collapsed.
 */
export function normalizeText(raw: string): string {
  const n = raw.length;
  if (n === 0) return raw;
  // which (rarer, costlier) steps are needed: decided by native scans, which cost a fraction of
  // a JavaScript loop over the characters (the common text is printable ASCII, one space apart)
  let high = false;
  let oddSpace: boolean;
  if (NOT_PRINTABLE_ASCII.test(raw)) {
    for (let i = 0; i < n; i++) {
      if (raw.charCodeAt(i) >= 0x80) {
        high = true;
        break;
      }
    }
    // a text with accents has its whitespace checked as it is folded (foldedOddSpace)
    oddSpace = !high && (CONTROL.test(raw) || raw.includes('  '));
  } else {
    oddSpace = raw.includes('  ');
  }
  const dashCode = raw.includes('-') && DASH_CODE.test(raw);
  let s = (high ? repairMojibake(raw) : raw).toLowerCase();
  let collapse = oddSpace;
  if (high) {
    const folded = foldAccentsFast(s, true);
    if (folded === null) {
      s = foldAccentsSlow(s);
      collapse = true;
    } else {
      s = folded;
      // collapsing is a no-op when the only whitespace is single spaces
      collapse = collapse || foldedOddSpace;
    }
  }
  if (dashCode && CONTINUATION_GATE.test(s)) {
    s = s.replace(CONTINUATION, '$1');
    collapse = collapse || high;
  }
  if (collapse) s = s.replace(WHITESPACE_RUN, ' ');
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  return first === 0x20 || last === 0x20 ? s.trim() : s;
}

const CODE_IN_TEXT = /(?:^|[\s:;'"(<>=,#])([245]\d\d)(?=[\s\-:;,)'"\]]|$)/;
const ENHANCED_IN_TEXT = /(?:^|[^\d.])#?([245]\.\d{1,3}\.\d{1,3})(?!\.?\d)/;

const FAILURE_CODE_IN_TEXT = /(?:^|[\s:;'"(<>=,#])([45]\d\d)(?=[\s\-:;,)'"\]]|$)/;

/**
 * The basic reply code written in the text (`550`, `452-…`), or null: the first failure code if
 * there is one, else the first code. A session transcript opens with the greeting (`220 … ready`,
 * `250-…`); the reply that failed comes later and decides.
 */
export function extractCode(text: string): number | null {
  const m = FAILURE_CODE_IN_TEXT.exec(text) ?? CODE_IN_TEXT.exec(text);
  return m ? Number(m[1]) : null;
}

/** The first enhanced status code written in the text (`5.1.1`, `#4.4.1`), or null. */
export function extractEnhanced(text: string): string | null {
  const m = ENHANCED_IN_TEXT.exec(text);
  return m ? m[1] : null;
}

/** `5.1.1` from `5.1.1`, `#5.1.1`, ` 5.1.1 (bad destination mailbox address)`; null when none. */
export function normalizeEnhanced(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /([245])\.(\d{1,3})\.(\d{1,3})/.exec(value);
  if (!m) return null;
  return `${m[1]}.${Number(m[2])}.${Number(m[3])}`;
}

/** Hints are compared lower-cased, accents removed, spaces collapsed, trimmed. */
export function normalizeHint(hint: string | null | undefined): string | null {
  if (!hint) return null;
  let s = hint.trim().toLowerCase();
  if (NON_ASCII.test(s)) s = foldAccents(s);
  s = s.replace(WHITESPACE_RUN, ' ').replace(/\s*([:/])\s*/g, '$1');
  return s.length ? s : null;
}

/** The domain of an address or a domain, lower-cased, without a trailing dot; null when none. */
export function normalizeDomain(value: string | null | undefined): string | null {
  if (!value) return null;
  let s = value.toLowerCase();
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  const last = s.charCodeAt(s.length - 1);
  if (last === 0x3e || last === 0x2e || last <= 0x20 || s.charCodeAt(0) <= 0x20) s = s.trim().replace(/[>\s]+$/, '').replace(/\.$/, '');
  return s.length ? s : null;
}
