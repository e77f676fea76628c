/**
 * What an agent pastes into the search box, down to the address (issue 17 item 3): a ticket's
 * `Paul Durand <paul.durand@orange.fr>`, a `mailto:` link, a sentence's trailing dot, spaces and
 * the invisible characters a mail client copies along. Lower-cased: quarantine follows the
 * address, not the person (seed 002).
 */

// zero-width spaces and joiners, the byte-order mark, soft hyphens: copied along, never typed
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// quotes and brackets around a pasted address ("…", «…», (…), […])
const WRAPPERS = /^["'“”‘’«»()[\]{}\s]+|["'“”‘’«»()[\]{}\s]+$/g;
// what ends a sentence after an address: "écrire à paul.durand@orange.fr."
const TRAILING_PUNCTUATION = /[.,;:!?…]+$/;

export function addressFromPaste(raw: string): string {
  let text = raw.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  // "Paul Durand <paul.durand@orange.fr>": the part in angle brackets (an unclosed one while typing)
  const open = text.lastIndexOf('<');
  if (open >= 0) {
    const close = text.indexOf('>', open);
    text = text.slice(open + 1, close < 0 ? undefined : close);
  }
  text = text.replace(/^mailto:/i, '');
  // mailto:paul.durand@orange.fr?subject=… and %40 in links
  const query = text.indexOf('?');
  if (query >= 0 && text.includes('@')) text = text.slice(0, query);
  if (/%[0-9a-f]{2}/i.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // a lone % is kept as typed
    }
  }
  text = text.replace(WRAPPERS, '');
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(TRAILING_PUNCTUATION, '').replace(WRAPPERS, '');
  }
  // "paul.durand @ orange.fr": spaces inside an address are never part of it
  return text.replace(/\s+/g, '').toLowerCase();
}
