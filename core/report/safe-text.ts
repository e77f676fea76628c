/**
 * Texts from input files are written by strangers (bounce texts, file and campaign names): each
 * format gets its own way of keeping them inert. Shared by the renderers so that none forgets.
 */

/** Control characters (C0 but tab and newline, DEL, C1) and bidirectional overrides: never useful in a report. */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** One line of text: controls and line breaks become spaces (a cell or a heading stays one line). */
export function plainLine(text: string): string {
  return text.replace(/\r\n?|\n|\t/g, ' ').replace(CONTROLS, ' ');
}

/** A paragraph: controls removed, line breaks kept as written. */
export function plainText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROLS, ' ');
}

/**
 * Markdown: a backslash before every character that can open structure inline (emphasis, code
 * spans, links, raw HTML, table cells, entities), on one line. What remains reads as plain text.
 */
export function markdownText(text: string): string {
  return plainLine(text).replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

/** HTML text or attribute value. */
export function htmlText(text: string): string {
  return plainText(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A CSV cell that a spreadsheet must not run: a cell starting with = + - @ (after spaces), tab
 * or carriage return gets a leading apostrophe (OWASP's advice); line breaks become spaces.
 */
export function csvCell(text: string): string {
  const cleaned = text.replace(/\r\n?|\n/g, ' ').replace(CONTROLS, ' ');
  return /^\s*[=+\-@]|^[\t\r]/.test(cleaned) ? `'${cleaned}` : cleaned;
}
