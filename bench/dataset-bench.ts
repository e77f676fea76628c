/**
 * Issue 18 item 4: exporting a workspace as a Parquet dataset, exporting it again (nothing new:
 * only the small tables and the manifest), opening it read-only, and one address answered from it.
 * `npx tsx bench/dataset-bench.ts --db FILE [--out DIR]`, or from bench.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../core/engine';
import { exportDataset } from '../core/dataset/export';

export interface DatasetBenchResult {
  events: number;
  exportS: number;
  reExportS: number;
  attachS: number;
  /** one address (events, status, explanation) from the dataset, and from the workspace */
  addressFromDatasetMs: number[];
  addressFromWorkspaceMs: number[];
  files: number;
}

const seconds = (start: number) => (performance.now() - start) / 1000;

export async function benchDataset(engine: Engine, folder: string, addresses: string[]): Promise<DatasetBenchResult> {
  let t = performance.now();
  const first = await exportDataset(engine.db, folder);
  const exportS = seconds(t);
  t = performance.now();
  await exportDataset(engine.db, folder);
  const reExportS = seconds(t);
  t = performance.now();
  const shared = await createEngine({ dbPath: ':memory:', dataset: folder });
  const attachS = seconds(t);
  const fromDataset: number[] = [];
  const fromWorkspace: number[] = [];
  try {
    for (const address of addresses) {
      t = performance.now();
      await shared.address({ address });
      fromDataset.push(performance.now() - t);
      t = performance.now();
      await engine.address({ address });
      fromWorkspace.push(performance.now() - t);
    }
  } finally {
    await shared.close();
  }
  return { events: first.events, exportS, reExportS, attachS, addressFromDatasetMs: fromDataset, addressFromWorkspaceMs: fromWorkspace, files: first.files };
}

const ms = (xs: number[]) => (xs.length ? `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)} ms` : 'n/a');

export function printDataset(r: DatasetBenchResult): string[] {
  return [
    `Parquet dataset (${r.events.toLocaleString('en')} events, ${r.files} event files):`,
    `  export                 ${r.exportS.toFixed(2)} s`,
    `  export again (no new)  ${r.reExportS.toFixed(2)} s  (target: only the new imports' months are written)`,
    `  open with --dataset    ${r.attachS.toFixed(2)} s`,
    `  one address: dataset ${ms(r.addressFromDatasetMs)}, workspace ${ms(r.addressFromWorkspaceMs)} (the first from the dataset computes its incidents)`,
  ];
}

if (import.meta.filename === process.argv[1]) {
  const argv = process.argv.slice(2);
  const db = argv.includes('--db') ? argv[argv.indexOf('--db') + 1] : undefined;
  if (!db) throw new Error('usage: tsx bench/dataset-bench.ts --db FILE [--out DIR]');
  const out = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : mkdtempSync(join(tmpdir(), 'rebond-dataset-bench-'));
  const engine = await createEngine({ dbPath: db });
  try {
    const sample = (await engine.addresses({ status: 'long_quarantine', limit: 3 })).map((a) => a.address);
    for (const line of printDataset(await benchDataset(engine, out, sample))) console.log(line);
  } finally {
    await engine.close();
    if (!argv.includes('--out')) rmSync(out, { recursive: true, force: true });
  }
}
