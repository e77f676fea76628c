/**
 * Issue 18 item 2: every address's status set-wise, beside its anchor measured in the same run
 * (one `GROUP BY address` over the events in DuckDB). Target: ≤ 3 s at 10,000,000 events.
 * `npx tsx bench/setwise-bench.ts --db FILE [--runs N] [--without-previous]` on an imported workspace,
 * or from bench.ts; `--without-previous` leaves out the pass before issue 18 (about 50 s a run at 11M).
 */
import { loadavg } from 'node:os';
import { createEngine, type Engine } from '../core/engine';
import { presetPolicy, reconstructAll } from '../core/policy';
import { streamEventsByAddress } from './setwise-before';

export interface SetwiseBenchResult {
  events: number;
  addresses: number;
  /** seconds, one per run */
  groupBy: number[];
  longQuarantine: number[];
  counts: number[];
  /** the pass before issue 18 (every event of the movable addresses as a row object), same run */
  previous: number[];
  listed: number;
  target: number;
  /** the machine's 1-minute load average before and after the runs (2 cores here) */
  load: [number, number];
}

const seconds = (start: number) => (performance.now() - start) / 1000;

export async function benchSetwise(engine: Engine, runs = 3, withPrevious = true): Promise<SetwiseBenchResult> {
  const size = await engine.db.one<{ events: bigint; addresses: bigint }>(`SELECT count(*) AS events, count(DISTINCT address) AS addresses FROM events`);
  const result: SetwiseBenchResult = { events: Number(size?.events ?? 0), addresses: Number(size?.addresses ?? 0), groupBy: [], longQuarantine: [], counts: [], previous: [], listed: 0, target: 3, load: [loadavg()[0], 0] };
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await engine.db.all(`SELECT count(*) FROM (SELECT address, min(time), count(*) FROM events GROUP BY address)`);
    result.groupBy.push(seconds(t));
    t = performance.now();
    result.listed = (await engine.addresses({ status: 'long_quarantine' })).length;
    result.longQuarantine.push(seconds(t));
    t = performance.now();
    await engine.addressCounts({});
    result.counts.push(seconds(t));
    if (!withPrevious) continue;
    t = performance.now();
    for await (const _row of reconstructAll(streamEventsByAddress(engine.db, undefined, { onlyMovable: true }), { policy: presetPolicy('default') })) void _row;
    result.previous.push(seconds(t));
  }
  result.load[1] = loadavg()[0];
  return result;
}

const range = (xs: number[], unit = ' s') => (xs.length === 0 ? '(not run)' : `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}${unit}`);
/** each run's time over the anchor of the same run: what stays comparable on a loaded machine */
const ratios = (xs: number[], anchors: number[]) => range(xs.map((x, i) => x / anchors[i]), ' ×');

export function printSetwise(r: SetwiseBenchResult): string[] {
  return [
    `set-wise statuses (${r.events.toLocaleString('en')} events, ${r.addresses.toLocaleString('en')} addresses), target ≤ ${r.target} s:`,
    `  addresses --status long_quarantine  ${range(r.longQuarantine)}  (${r.listed} listed; ${ratios(r.longQuarantine, r.groupBy)} the anchor)`,
    `  counts by status and cause (all)    ${range(r.counts)}  (${ratios(r.counts, r.groupBy)} the anchor)`,
    `  anchor: one GROUP BY address        ${range(r.groupBy)}`,
    `  the pass before issue 18 (rows)     ${range(r.previous)}`,
    `  each run (list / counts / anchor)   ${r.longQuarantine.map((x, i) => `${x.toFixed(2)} / ${r.counts[i].toFixed(2)} / ${r.groupBy[i].toFixed(2)}`).join(', ')} s`,
    `  (a process's first set-wise answer also finds the provider blocks that excuse bounces, once)`,
    `  load average (1 min) before / after ${r.load.map((l) => l.toFixed(2)).join(' / ')}`,
  ];
}

if (import.meta.filename === process.argv[1]) {
  const argv = process.argv.slice(2);
  const db = argv[argv.indexOf('--db') + 1];
  const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 3;
  if (!argv.includes('--db') || !db) throw new Error('usage: tsx bench/setwise-bench.ts --db FILE [--runs N] [--without-previous]');
  const engine = await createEngine({ dbPath: db });
  try {
    for (const line of printSetwise(await benchSetwise(engine, runs, !argv.includes('--without-previous')))) console.log(line);
  } finally {
    await engine.close();
  }
}
