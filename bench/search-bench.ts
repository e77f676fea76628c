/**
 * The search box's typo fallback (issue 17 item 3: ≤ 300 ms at 1,000,000 events): known addresses
 * with two neighbouring letters of the local part swapped ("paul.durnad@orange.fr"), each answered
 * with the nearest known addresses and their status, as the app asks on Enter. The exact search of
 * the same addresses is measured beside it, as the anchor of the same run.
 *
 * Alone: `npx tsx bench/search-bench.ts --db WORKSPACE.duckdb [--addresses N]` on an imported workspace.
 */
import { pathToFileURL } from 'node:url';
import { createEngine, type Engine } from '../core/engine';

export interface SearchBenchResult {
  addresses: number;
  typoP50Ms: number;
  typoP95Ms: number;
  exactP50Ms: number;
  /** the typed address's original among the suggestions */
  found: number;
}

/** Swaps two neighbouring letters of the local part, somewhere in its second half. */
export function withTypo(address: string, seed: number): string {
  const at = address.indexOf('@');
  if (at < 4) return address;
  const i = Math.floor(at / 2) + (seed % Math.max(1, Math.floor(at / 2) - 1));
  const a = address[i];
  const b = address[i + 1];
  if (i + 1 >= at || a === b) return address;
  return address.slice(0, i) + b + a + address.slice(i + 2);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function benchSearch(engine: Engine, addresses: string[]): Promise<SearchBenchResult> {
  // the Overview has computed the incidents by the time an agent searches; so does this warm-up
  await engine.incidents({});
  await engine.searchAddresses({ query: withTypo(addresses[0], 0), limit: 8 });
  const typo: number[] = [];
  const exact: number[] = [];
  let found = 0;
  let measured = 0;
  for (const [index, address] of addresses.entries()) {
    const typed = withTypo(address, index);
    if (typed === address) continue;
    measured++;
    let t = performance.now();
    const suggestions = await engine.searchAddresses({ query: typed, limit: 8 });
    typo.push(performance.now() - t);
    if (suggestions.some((s) => s.address === address)) found++;
    t = performance.now();
    await engine.searchAddresses({ query: address, limit: 8 });
    exact.push(performance.now() - t);
  }
  typo.sort((a, b) => a - b);
  exact.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return { addresses: measured, typoP50Ms: round(percentile(typo, 50)), typoP95Ms: round(percentile(typo, 95)), exactP50Ms: round(percentile(exact, 50)), found };
}

export function searchBenchRow(r: SearchBenchResult, events: number): string {
  return `| search: typo before the @ → nearest addresses with status, p50 / p95 (exact search p50), ${events.toLocaleString('en')} events | ${r.typoP50Ms} / ${r.typoP95Ms} ms (${r.exactP50Ms} ms); original found ${r.found}/${r.addresses} | p95 ≤ 300 ms |`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const db = args[args.indexOf('--db') + 1];
  const count = args.includes('--addresses') ? Number(args[args.indexOf('--addresses') + 1]) : 50;
  if (!args.includes('--db') || !db) throw new Error('usage: npx tsx bench/search-bench.ts --db WORKSPACE.duckdb [--addresses N]');
  const engine = await createEngine({ dbPath: db });
  try {
    const overview = await engine.overview({});
    const events = Object.values(overview.volume).reduce((sum, p) => sum + Object.values(p.counts).reduce((a, b) => a + (b ?? 0), 0), 0);
    // addresses from all over the population: every domain, by the hour of their last event
    const picked = (await engine.addresses({ status: 'ok', limit: count * 40 })).filter((_, i) => i % 40 === 0).map((a) => a.address);
    const result = await benchSearch(engine, picked);
    process.stdout.write(`${searchBenchRow(result, events)}\n`);
  } finally {
    await engine.close();
  }
}
