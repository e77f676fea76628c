/**
 * `npm run bench -- [--events N] [--json]`: the figures the README quotes, measured on this
 * machine in one run. DuckDB's own read_csv of the same file is measured beside our import:
 * it is the physical limit the import is compared with.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createEngine } from '../core/engine';
import { generateDemo } from '../core/demo/generate';

interface Args {
  events: number;
  json: boolean;
  lookups: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { events: 1_000_000, json: false, lookups: 200 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--events') args.events = Number(argv[++i]);
    else if (argv[i] === '--json') args.json = true;
    else if (argv[i] === '--lookups') args.lookups = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (use --events N, --lookups N, --json)`);
  }
  if (!Number.isInteger(args.events) || args.events < 100) throw new Error('--events must be a whole number ≥ 100');
  return args;
}

const seconds = (start: number) => (performance.now() - start) / 1000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function duckdbReadCsv(file: string, dir: string): Promise<number> {
  const instance = await DuckDBInstance.create(join(dir, 'bare.duckdb'));
  const connection = await instance.connect();
  const start = performance.now();
  await connection.run(`CREATE TABLE bare AS SELECT * FROM read_csv($1, header = true, all_varchar = true)`, [file]);
  const s = seconds(start);
  connection.closeSync();
  instance.closeSync();
  return s;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'rebond-bench-'));
  try {
    const log = (line: string) => {
      if (!args.json) process.stdout.write(line + '\n');
      else process.stderr.write(line + '\n');
    };
    log(`Generating ${args.events.toLocaleString('en')} Mailjet events…`);
    const demo = await generateDemo({ out: join(dir, 'demo'), events: args.events, seed: 1 });
    const file = demo.files[0];

    const duckdbReadCsvS = await duckdbReadCsv(file, dir);
    const engine = await createEngine({ dbPath: join(dir, 'workspace.duckdb') });
    const importStart = performance.now();
    const summary = await engine.importFiles({ paths: [file] });
    const importS = seconds(importStart);
    if (!summary.files[0].ok) throw new Error(summary.files[0].error);

    // lookups: addresses spread over the population, each answered in full (events + status)
    const addresses = (await engine.addresses({ status: 'ok', limit: args.lookups })).map((a) => a.address);
    await engine.address({ address: addresses[0] }); // warm-up
    const times: number[] = [];
    for (const address of addresses) {
      const t = performance.now();
      await engine.address({ address });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    await engine.close();

    const result = {
      events: summary.files[0].stored,
      duckdbReadCsvS: round(duckdbReadCsvS, 3),
      importS: round(importS, 3),
      importRatio: round(importS / duckdbReadCsvS, 2),
      lookupP50Ms: round(percentile(times, 50), 2),
      lookupP95Ms: round(percentile(times, 95), 2),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    log('');
    log('| figure | value |');
    log('|---|---|');
    log(`| events stored | ${result.events.toLocaleString('en')} |`);
    log(`| DuckDB read_csv of the same file | ${result.duckdbReadCsvS} s |`);
    log(`| Rebond import (classify + dedupe + store) | ${result.importS} s |`);
    log(`| import ratio (≤ 1.5) | ${result.importRatio} |`);
    log(`| address lookup p50 / p95 (≤ 10 ms) | ${result.lookupP50Ms} / ${result.lookupP95Ms} ms |`);
    log(`| peak RSS (≤ 1 GB) | ${result.peakRssMb} MB |`);
    if (args.json) process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

await main();
