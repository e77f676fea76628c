/**
 * Property test: truncated and corrupted variants of every fixture. Whatever the damage, the
 * import never crashes, and the store is either unchanged (the file refused whole) or holds
 * exactly the good lines: every event of an undamaged line is there as in the pristine import,
 * and nothing stored comes from anywhere but an undamaged line or the damaged one itself.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../core/engine';
import { FIXTURES, tempDir } from '../helpers';

/** Fixtures, and the lines whose events depend on another line (joins) */
const CASES: Array<{ fixture: string; dependsOn: Record<number, number[]> }> = [
  { fixture: 'postfix/mixed.log', dependsOn: { 10: [9] } },
  { fixture: 'postfix/new-year.log', dependsOn: {} },
  { fixture: 'exim/mainlog', dependsOn: {} },
  { fixture: 'assoconnect/campagne-cp1252.csv', dependsOn: {} },
  { fixture: 'mailjet-history/history.csv', dependsOn: {} },
  { fixture: 'powermta/acct.csv', dependsOn: {} },
  { fixture: 'mailjet/events.csv', dependsOn: {} },
];

interface Stored {
  line: number;
  key: string;
}

let engine: Engine;
let dir: { path: string; remove: () => void };
let counter = 0;

beforeAll(async () => {
  dir = tempDir('rebond-fuzz-');
  engine = await createEngine({ dbPath: join(dir.path, 'fuzz.duckdb') });
});
afterAll(async () => {
  await engine.close();
  dir.remove();
});

async function importBytes(bytes: Buffer) {
  const path = join(dir.path, `variant-${++counter}`);
  writeFileSync(path, bytes);
  const result = (await engine.importFiles({ paths: [path], timeZone: 'Europe/Paris', year: 2024 })).files[0];
  const rows = result.ok
    ? await engine.db.all<{ line: bigint; time: string; address: string; type: string }>(
        `SELECT line, strftime(time, '%Y-%m-%dT%H:%M:%S') AS time, address, type FROM events WHERE import_id = $1`,
        [result.importId!],
      )
    : [];
  const lists = Number((await engine.db.one<{ n: bigint }>(`SELECT count(*) AS n FROM imported_list`))!.n);
  const stored: Stored[] = rows.map((r) => ({ line: Number(r.line), key: `${r.line}|${r.time}|${r.address}|${r.type}` }));
  if (result.importId) await engine.removeImport({ id: result.importId });
  const left = Number((await engine.db.one<{ n: bigint }>(`SELECT count(*) AS n FROM events`))!.n);
  return { result, stored, lists, left };
}

/** Line number (1-based) of a byte offset. */
function lineOf(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 10) line++;
  return line;
}

describe.each(CASES)('damaged variants of $fixture', ({ fixture, dependsOn }) => {
  const pristine = readFileSync(join(FIXTURES, fixture));
  let good: Stored[] = [];
  let pristineRejected = 0;
  const damagedLines = (lines: Set<number>) => {
    const all = new Set(lines);
    for (const [line, deps] of Object.entries(dependsOn)) if (deps.some((d) => lines.has(d))) all.add(Number(line));
    return all;
  };

  beforeAll(async () => {
    const { result, stored } = await importBytes(pristine);
    expect(result.ok).toBe(true);
    good = stored;
    pristineRejected = result.rejected;
  });

  function check(outcome: Awaited<ReturnType<typeof importBytes>>, damaged: Set<number>, lastGoodLine: number) {
    expect(outcome.left).toBe(0); // nothing else left behind
    if (!outcome.result.ok) {
      expect(outcome.stored).toEqual([]);
      expect(outcome.lists).toBe(0);
      return;
    }
    const header = fixture.endsWith('.csv') && damaged.has(1);
    if (header) return; // a damaged header may change what every row means: atomicity is all we ask
    const storedKeys = new Set(outcome.stored.map((s) => s.key));
    const goodKeys = new Set(good.map((g) => g.key));
    for (const g of good) {
      if (g.line > lastGoodLine || damaged.has(g.line)) continue;
      expect(storedKeys.has(g.key), `event of undamaged line ${g.line} kept`).toBe(true);
    }
    for (const s of outcome.stored) {
      if (damaged.has(s.line)) continue;
      expect(goodKeys.has(s.key), `stored ${s.key} comes from the pristine file`).toBe(true);
    }
  }

  it('truncated anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: pristine.length }), async (cut) => {
        const bytes = pristine.subarray(0, cut);
        const outcome = await importBytes(bytes);
        const cutLine = lineOf(pristine, cut);
        // the line cut in the middle is damaged; the lines before it are good
        check(outcome, damagedLines(new Set([cutLine])), cutLine - 1);
      }),
      { numRuns: 10, seed: 20250117 },
    );
  });

  it('corrupted bytes inside lines', async () => {
    const safe = fc.integer({ min: 0, max: 255 }).filter((b) => b !== 10 && b !== 13 && b !== 34);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: pristine.length - 1 }), safe), { minLength: 1, maxLength: 4 }),
        async (edits) => {
          const bytes = Buffer.from(pristine);
          const touched = new Set<number>();
          for (const [at, value] of edits) {
            if (bytes[at] === 10 || bytes[at] === 13) continue; // keep the line structure
            bytes[at] = value;
            touched.add(lineOf(bytes, at));
          }
          const outcome = await importBytes(bytes);
          check(outcome, damagedLines(touched), Number.MAX_SAFE_INTEGER);
        },
      ),
      { numRuns: 10, seed: 20250118 },
    );
  });

  it('a line cut short with a byte that is not UTF-8 (it crashed DuckDB)', async () => {
    const lines = pristine.toString('latin1').split('\n');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: Math.max(1, lines.length - 2) }), async (at) => {
        // a record with fields missing and byte 0xAC, as in the file that made DuckDB raise FATAL
        const damaged = [...lines];
        damaged[at] = damaged[at].split(/[,;\t]/).slice(0, 3).join(',') + ',\xac';
        const outcome = await importBytes(Buffer.from(damaged.join('\n'), 'latin1'));
        check(outcome, damagedLines(new Set([at + 1])), Number.MAX_SAFE_INTEGER);
        // and the engine still answers
        expect((await engine.listImports({})).length).toBe(0);
      }),
      { numRuns: 4, seed: 20250120 },
    );
  });

  it('line ends of every kind mixed', async () => {
    const lineEnds = pristine.reduce((n, byte) => (byte === 10 ? n + 1 : n), 0);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: lineEnds, maxLength: lineEnds }), async (ends) => {
        // each LF (or CRLF) of the pristine file becomes the line end drawn for it
        let next = 0;
        const text = pristine.toString('latin1').replace(/\r?\n/g, () => ends[next++] ?? '\n');
        const outcome = await importBytes(Buffer.from(text, 'latin1'));
        expect(outcome.result.error ?? '').toBe('');
        expect(outcome.result.rejected).toBe(pristineRejected);
        // the same events, at the same lines: a CR, a LF and a CRLF are each one line end
        expect(outcome.stored.map((s) => s.key).sort()).toEqual(good.map((g) => g.key).sort());
      }),
      { numRuns: 6, seed: 20250119 },
    );
  });
});
