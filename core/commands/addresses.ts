/** `rebond addresses`: every address in a status (computed set-wise). */
import type { Command } from 'commander';
import { AT_HELP, DATASET_OPTION, DB_OPTION, LISTABLE_STATUSES, parseInstant, parsePositiveInteger, parseStatus, printJson, printNote, printRow, withWorkspaceOrDataset } from './shared';

export function register(program: Command): void {
  program
    .command('addresses')
    .description('the addresses in a status, with "since" and "until"')
    .option(...DB_OPTION)
    .option(...DATASET_OPTION)
    .requiredOption(
      '--status <status>',
      `${LISTABLE_STATUSES.join(' | ')} (unsubscribed lists every unsubscribed address, quarantined or not)`,
    )
    .option('--at <instant>', `as of this ${AT_HELP}`)
    .option('--limit <n>', 'at most this many (a whole number above 0)')
    .option('--json', 'print one JSON object')
    .action(async (options: { db?: string; dataset?: string; status: string; at?: string; limit?: string; json?: boolean }) => {
      const status = parseStatus(options.status);
      const at = parseInstant(options.at, '--at');
      const limit = parsePositiveInteger(options.limit, '--limit');
      const list = await withWorkspaceOrDataset(options, (engine) => engine.addresses({ status, at, limit }));
      if (options.json) {
        printJson({ status, at: at ?? null, count: list.length, addresses: list });
        return;
      }
      // an unsubscribed address keeps its own status beside it (it may also be quarantined): show it
      for (const a of list) printRow([a.address, a.since ?? '', a.until ?? '', ...(a.status !== status ? [a.status] : [])]);
      printNote(`${list.length} ${list.length === 1 ? 'address' : 'addresses'} in ${status}`);
    });
}
