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
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return text;
    bytes[i] = c;
  }
  try {
    const repaired = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return repaired;
  } catch {
    // invalid UTF-8: some bytes were lost on the way; repair what can be repaired
    const lenient = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    // keep the lenient version only if it removed most of the mojibake markers
    const before = countMarkers(text);
    const after = countMarkers(lenient);
    return after * 4 < before ? lenient : text;
  }
}

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
  return s
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/[\u2018\u2019\u02bc\u00b4`]/g, "'")
    .replace(/[\u00a0\u202f\u2007]/g, ' ');
}

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
    oddSpace = CONTROL.test(raw) || raw.includes('  ');
  } else {
    oddSpace = raw.includes('  ');
  }
  const dashCode = raw.includes('-') && DASH_CODE.test(raw);
  let s = (high ? repairMojibake(raw) : raw).toLowerCase();
  if (high) s = foldAccents(s);
  if (dashCode && CONTINUATION_GATE.test(s)) s = s.replace(CONTINUATION, '$1');
  if (oddSpace || high) s = s.replace(WHITESPACE_RUN, ' ');
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
