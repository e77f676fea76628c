/** `rebond reclassify`: re-apply the current rules to every stored event. */
import type { Command } from 'commander';
import { DB_OPTION, print, printJson, withEngine } from './shared';

export function register(program: Command): void {
  program
    .command('reclassify')
    .description('re-apply the current classifier rules to the whole workspace (no re-import needed)')
    .requiredOption(...DB_OPTION)
    .option('--json', 'print one JSON object')
    .action(async (options: { db: string; json?: boolean }) => {
      const result = await withEngine(options.db, (engine) => engine.reclassify({}));
      if (options.json) printJson(result);
      else print(`${result.changed} of ${result.events} events changed category (${result.seconds.toFixed(2)} s)`);
    });
}
