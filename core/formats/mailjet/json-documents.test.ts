import { describe, expect, it } from 'vitest';
import { JsonDocuments, locateJsonError, type JsonPiece, type JsonProblem } from './json-documents';

function cut(text: string) {
  const pieces: JsonPiece[] = [];
  const problems: JsonProblem[] = [];
  const documents = new JsonDocuments((p) => pieces.push(p), (p) => problems.push(p));
  const lines = text.split('\n');
  lines.forEach((line, i) => documents.line(line, i + 1));
  documents.end(lines.length);
  return { pieces, problems };
}

describe('cutting JSON as people have it into pieces', () => {
  it('hands over each element of a pretty-printed array, with the lines it spans, braces inside strings included', () => {
    const { pieces, problems } = cut('[\n  {"a": "}{\\"[",\n   "b": 1}, {"c": [1, {"d": 2}]},\n  3\n]');
    expect(problems).toEqual([]);
    expect(pieces.map((p) => [JSON.parse(p.text), p.firstLine, p.lastLine, p.element])).toEqual([
      [{ a: '}{"[', b: 1 }, 2, 3, true],
      [{ c: [1, { d: 2 }] }, 3, 3, true],
      [3, 4, 5, true],
    ]);
  });

  it('hands over whole documents one after another, and JSON lines as they are', () => {
    const { pieces } = cut('{\n  "x": 1\n}{"y": 2}\n{"z": 3}\n');
    expect(pieces.map((p) => [JSON.parse(p.text), p.firstLine, p.lastLine])).toEqual([
      [{ x: 1 }, 1, 3],
      [{ y: 2 }, 3, 3],
      [{ z: 3 }, 4, 4],
    ]);
  });

  it('names text outside any document, and a document left open, by their lines', () => {
    const { problems } = cut('{"a": 1}\nnot json\n[\n  {"b": 2}');
    expect(problems.map((p) => p.line)).toEqual([2, 3]);
    expect(problems[0].problem).toEqual({ code: 'line.jsonOutside', params: { text: 'not json' } });
    expect(problems[1].problem).toEqual({ code: 'line.jsonUnclosed', params: { lastLine: 4 } });
  });

  it('turns JSON.parse’s position into the file line of the mistake', () => {
    const piece: JsonPiece = { text: '{\n  "a": 1\n  "b": 2\n}', firstLine: 10, lastLine: 13, element: false };
    let error: Error | null = null;
    try {
      JSON.parse(piece.text);
    } catch (e) {
      error = e as Error;
    }
    expect(locateJsonError(piece, error!)).toEqual({ line: 12, problem: { code: 'line.json', params: { found: '"', column: 3 } } });
  });
});
