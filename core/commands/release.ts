/** `rebond release`: an agent ends a quarantine or blacklist, with the reason the policy asks. */
import type { Command } from 'commander';
import { CliFailure, DB_OPTION, print, printJson, withEngine } from './shared';

export function register(program: Command): void {
  program
    .command('release')
    .description('release an address from quarantine or the blacklist (recorded: who, when, why)')
    .requiredOption(...DB_OPTION)
    .requiredOption('--reason <text>', "why; for the blacklist, the person's own written request (seed 002)")
    .option('--by <name>', 'who releases', process.env.USER ?? 'agent')
    .option('--dry-run', 'check and show what would be recorded, change nothing')
    .option('--json', 'print one JSON object')
    .argument('<email>')
    .action(async (email: string, options: { db: string; reason: string; by: string; dryRun?: boolean; json?: boolean }) => {
      const result = await withEngine(options.db, (engine) =>
        engine.release({ address: email, reason: options.reason, by: options.by, dryRun: options.dryRun }),
      );
      if (options.json) printJson(result);
      else if (result.ok && result.release) {
        print(
          `${options.dryRun ? 'Would release' : 'Released'} ${result.release.address} from ${result.release.status} ` +
            `(by ${result.release.by}: ${result.release.reason})`,
        );
      }
      if (!result.ok) throw new CliFailure(result.error ?? 'release refused');
    });
}
