/**
 * JSON as people have it, line by line: JSON lines, one document pretty-printed over many
 * lines, several documents in a row, or one array of events (Mailjet's grouped webhook body).
 * A top-level array is cut into its elements as they end, so a large array never has to be
 * held whole; any other document is handed over once it closes. Each piece comes with the
 * lines it spans, so that an error names the line it is on.
 */
import { problem, type LineProblem } from '../../model/problems';

export interface JsonPiece {
  /** the piece's text (its lines joined by \n) */
  text: string;
  firstLine: number;
  lastLine: number;
  /** an element of a top-level array, rather than a whole document */
  element: boolean;
}

export interface JsonProblem {
  line: number;
  problem: LineProblem;
}

const OPEN_OBJECT = 123; // {
const CLOSE_OBJECT = 125; // }
const OPEN_ARRAY = 91; // [
const CLOSE_ARRAY = 93; // ]
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 0xfeff;
}

/** Feed lines in order with `line()`, then call `end()`; pieces and problems come through the callbacks. */
export class JsonDocuments {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** the open top-level value: '{' object, '[' array, null none */
  private top: number | null = null;
  /** the open piece: where it starts, and its lines so far */
  private start: { line: number; col: number } | null = null;
  private scalar = false;
  private held: string[] = [];
  private heldFrom = 0;

  constructor(
    private readonly onPiece: (piece: JsonPiece) => void,
    private readonly onProblem: (problem: JsonProblem) => void,
  ) {}

  line(text: string, lineNumber: number): void {
    if (this.top === null && this.start === null) {
      const trimmed = text.trim();
      if (trimmed === '') return;
      // JSON lines: a whole document on one line is handed over as it is (the common, large case)
      const first = trimmed.charCodeAt(0);
      const last = trimmed.charCodeAt(trimmed.length - 1);
      if ((first === OPEN_OBJECT && last === CLOSE_OBJECT) || (first === OPEN_ARRAY && last === CLOSE_ARRAY)) {
        // (a line that opens and closes like a document is one; if it is invalid, JSON.parse names the problem)
        this.onPiece({ text: trimmed, firstLine: lineNumber, lastLine: lineNumber, element: false });
        return;
      }
    }
    this.scan(text, lineNumber);
  }

  end(lastLine: number): void {
    if (this.top !== null || this.start !== null) {
      const from = this.start?.line ?? this.heldFrom;
      this.onProblem({
        line: from,
        problem: problem('line.jsonUnclosed', { lastLine }),
      });
    }
  }

  private scan(text: string, lineNumber: number): void {
    if (this.start !== null) {
      this.held.push(text);
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (isSpace(c)) continue;
      if (this.depth === 0) {
        if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
          this.top = c;
          this.depth = 1;
          this.heldFrom = lineNumber;
          if (c === OPEN_OBJECT) this.open(text, lineNumber, i);
          continue;
        }
        this.onProblem({ line: lineNumber, problem: problem('line.jsonOutside', { text: text.trim().slice(0, 60) }) });
        return;
      }
      if (this.top === OPEN_ARRAY && this.depth === 1) {
        if (c === COMMA || c === CLOSE_ARRAY) {
          if (this.scalar) this.close(text, lineNumber, i - 1, true);
          if (c === CLOSE_ARRAY) {
            this.depth = 0;
            this.top = null;
          }
          continue;
        }
        if (this.start === null) {
          this.open(text, lineNumber, i);
          this.scalar = c !== OPEN_OBJECT && c !== OPEN_ARRAY;
        }
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) this.depth++;
      else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.depth--;
        if (this.depth === 1 && this.top === OPEN_ARRAY && this.start !== null && !this.scalar) this.close(text, lineNumber, i, true);
        else if (this.depth === 0) {
          this.close(text, lineNumber, i, false);
          this.top = null;
        }
      }
    }
  }

  private open(text: string, lineNumber: number, col: number): void {
    this.start = { line: lineNumber, col };
    this.held = [text];
  }

  /** Hands over the open piece, which ends at column `col` of this line. */
  private close(text: string, lineNumber: number, col: number, element: boolean): void {
    const start = this.start;
    if (start === null) return;
    const lines = this.held;
    if (lines.length === 1) lines[0] = text.slice(start.col, col + 1);
    else {
      lines[0] = lines[0].slice(start.col);
      lines[lines.length - 1] = text.slice(0, col + 1);
    }
    this.onPiece({ text: lines.join('\n'), firstLine: start.line, lastLine: lineNumber, element });
    this.start = null;
    this.scalar = false;
    this.held = [];
  }
}

/**
 * JSON.parse's complaint about `piece`, in our words (V8's are English): the file line it is on,
 * the character it did not expect and its column, from the character position V8 names; or that
 * the document ends too soon.
 */
export function locateJsonError(piece: JsonPiece, error: Error): JsonProblem {
  const position = /position (\d+)/.exec(error.message);
  let line = piece.firstLine;
  if (/Unexpected end of JSON input/.test(error.message)) return { line: piece.lastLine, problem: problem('line.jsonEnds', {}) };
  if (position) {
    const at = Number(position[1]);
    const upTo = piece.text.slice(0, at);
    for (let i = upTo.indexOf('\n'); i >= 0; i = upTo.indexOf('\n', i + 1)) line++;
    if (at >= piece.text.length) return { line: piece.lastLine, problem: problem('line.jsonEnds', {}) };
    return { line, problem: problem('line.json', { found: piece.text[at], column: at - upTo.lastIndexOf('\n') }) };
  }
  // "Unexpected token 'x', "…" is not valid JSON": the token, without a place
  const token = /Unexpected token '(.+?)'/.exec(error.message)?.[1] ?? piece.text.trim().slice(0, 1);
  return { line, problem: problem('line.jsonToken', { found: token.slice(0, 20) }) };
}
