/** `rebond export --db FILE --parquet DIR`: the workspace as a shared Parquet dataset (issue 18; README "Share with the team"). */
import type { Command } from 'commander';
import { exportDataset } from '../dataset/export';
import { CliFailure, DB_OPTION, printJson, printNote, withEngine } from './shared';

export function register(program: Command): void {
  program
    .command('export')
    .description('write the classified events as a Parquet dataset by month, for the team to read with --dataset')
    .requiredOption(...DB_OPTION)
    .requiredOption('--parquet <folder>', 'the dataset folder (created if missing; exporting again adds only the new imports)')
    .option('--json', 'print one JSON object')
    .action(async (options: { db: string; parquet: string; json?: boolean }) => {
      const summary = await withEngine(options.db, async (engine) => {
        try {
          return await exportDataset(engine.db, options.parquet);
        } catch (error) {
          throw new CliFailure((error as Error).message);
        }
      });
      if (options.json) {
        printJson(summary);
        return;
      }
      const parts = [`${summary.written.length} ${summary.written.length === 1 ? 'import' : 'imports'} written (${summary.events} ${summary.events === 1 ? 'event' : 'events'})`, `${summary.kept.length} already there`];
      if (summary.removed.length > 0) parts.push(`${summary.removed.length} removed`);
      if (summary.rewroteAll) parts.push('all written again: the classifier rules or the schema changed');
      printNote(`${options.parquet}: ${parts.join(', ')}; ${summary.files} event ${summary.files === 1 ? 'file' : 'files'}, ${summary.seconds.toFixed(1)} s.`);
    });
}
