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
  const damagedLines = (lines: Set<number>) => {
    const all = new Set(lines);
    for (const [line, deps] of Object.entries(dependsOn)) if (deps.some((d) => lines.has(d))) all.add(Number(line));
    return all;
  };

  beforeAll(async () => {
    const { result, stored } = await importBytes(pristine);
    expect(result.ok).toBe(true);
    good = stored;
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
      { numRuns: 15, seed: 20250117 },
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
      { numRuns: 15, seed: 20250118 },
    );
  });
});
