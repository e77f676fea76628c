/** `rebond demo`: write a realistic, deterministic dataset with its ground truth. */
import type { Command } from 'commander';
import { generateDemo } from '../demo/generate';
import { CliFailure, print, printJson } from './shared';

export function register(program: Command): void {
  program
    .command('demo')
    .description('write a realistic Mailjet event export (January 2021) and its ground truth')
    .requiredOption('--out <dir>', 'folder to write into (created if missing)')
    .option('--events <n>', 'how many events', '20000')
    .option('--seed <s>', 'random seed (same seed, same files)', '1')
    .option('--calm', 'three quiet weeks (nights, weekends, holidays) with no incident at all')
    .option('--json', 'print one JSON object')
    .action(async (options: { out: string; events: string; seed: string; calm?: boolean; json?: boolean }) => {
      const events = Number(options.events);
      const seed = Number(options.seed);
      if (!Number.isInteger(events) || events < 20) throw new CliFailure(`--events: "${options.events}" must be a whole number ≥ 20.`, 2);
      if (!Number.isInteger(seed)) throw new CliFailure(`--seed: "${options.seed}" must be a whole number.`, 2);
      const result = await generateDemo({ out: options.out, events, seed, calm: options.calm === true });
      if (options.json) {
        printJson({ files: result.files, events: result.events });
        return;
      }
      const data = result.files.slice(0, -1);
      print(`Wrote ${result.events} events: ${data.join(', ')}`);
      print(`The expected answers are in ${result.files[result.files.length - 1]}`);
      print(`Try: rebond import --db demo.duckdb ${options.out}/*`);
      if (result.groundTruth.addresses.length > 0) print(`     rebond address --db demo.duckdb ${result.groundTruth.addresses[0].address}`);
      print(`     rebond incidents --db demo.duckdb`);
    });
}
