/**
 * Text from input files shown in a terminal. A server reply, a file name or a campaign name is
 * untrusted: an escape sequence in a bounce (ESC ] 0 ; title BEL, ESC [ 2 J, the one-byte CSI
 * 0x9b, a carriage return) would retitle the agent's window, clear the screen or overwrite what
 * was printed. Every human-readable line the command line writes goes through `terminalText`
 * (see print() in shared.ts and main() in cli.ts), so a new command cannot forget it.
 *
 * Choices, deliberately:
 * - Every control character is shown escaped: C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F),
 *   tab and newline included — a newline inside one server text must not forge an output line,
 *   and a tab inside a value must not forge a column of tab-separated output (`rebond addresses`).
 * - The invisible characters that reorder or split what is displayed (bidirectional overrides and
 *   isolates, the line and paragraph separators) are escaped too: they let a text look like
 *   another one.
 * - Spaces and printable Unicode (accents, `’`, `€`, CJK, emoji) are kept as they are.
 * - The backslash itself is not escaped: Windows paths and server texts stay readable, and
 *   escaping twice changes nothing (an escaped text holds no control character).
 */

const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

// C0, DEL, C1; U+2028/U+2029 line and paragraph separators; bidi embeddings, overrides, isolates
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  // \x.. for the 7-bit controls (as a byte dump shows them), \u.... above: 0x9b is the character
  // U+009B (two bytes in UTF-8), not the byte 0x9b
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One value, or one whole output line, safe to write to a terminal: see the choices above. */
export function terminalText(value: string): string {
  return value.replace(UNSAFE, escapeOne);
}

/**
 * Several lines of the program's own layout (commander's help and usage errors): newlines and
 * tabs are kept, everything else is escaped as in `terminalText` — an option value typed or
 * pasted by the user is echoed back in usage errors.
 */
export function terminalBlock(text: string): string {
  return text.replace(UNSAFE, (char) => (char === '\n' || char === '\t' ? char : escapeOne(char)));
}

/**
 * JSON for the terminal: JSON.stringify already escapes C0 controls (`\u001b`), but writes C1
 * controls (U+009B is a CSI for some terminals), DEL, the line separators and the bidi controls
 * raw. They can only occur inside JSON strings, so escaping them as \uXXXX gives the same JSON
 * value, parsed back identically.
 */
export function terminalJson(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
