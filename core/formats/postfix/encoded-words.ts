/**
 * MIME encoded words (RFC 2047) in a header value as Postfix logs it: `=?ISO-8859-1?Q?Pb_FTP_=3A_…?=`
 * → "Pb FTP : …". The subject is shown to a person, who cannot read the encoded form. A word in a
 * charset this machine cannot decode is left as written.
 */
const ENCODED_WORD = /=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=/g;
/** whitespace between two encoded words is not part of the text (RFC 2047 §6.2) */
const BETWEEN_WORDS = /(\?=)\s+(?==\?[^?\s]+\?[QqBb]\?)/g;

function bytesOf(encoding: string, text: string): Uint8Array {
  if (encoding === 'b' || encoding === 'B') return Uint8Array.from(Buffer.from(text, 'base64'));
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '_') bytes.push(0x20);
    else if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(bytes);
}

export function decodeEncodedWords(value: string): string {
  if (value.indexOf('=?') < 0) return value;
  return value.replace(BETWEEN_WORDS, '$1').replace(ENCODED_WORD, (word, charset: string, encoding: string, text: string) => {
    try {
      // RFC 2231 adds a language after '*': "utf-8*fr"
      return new TextDecoder(charset.split('*')[0], { fatal: false }).decode(bytesOf(encoding, text));
    } catch {
      return word;
    }
  });
}
