/** `rebond addresses`: every address in a status (computed set-wise). */
import type { Command } from 'commander';
import { ADDRESS_STATUSES, type AddressStatus } from '../model/status';
import { CliFailure, DB_OPTION, parseInstant, print, printJson, withEngine } from './shared';

export function register(program: Command): void {
  program
    .command('addresses')
    .description('the addresses in a status, with "until"')
    .requiredOption(...DB_OPTION)
    .requiredOption('--status <status>', ADDRESS_STATUSES.filter((s) => s !== 'unknown').join(' | '))
    .option('--at <instant>', 'as of this ISO-8601 instant')
    .option('--limit <n>', 'at most this many')
    .option('--json', 'print one JSON object')
    .action(async (options: { db: string; status: string; at?: string; limit?: string; json?: boolean }) => {
      if (!(ADDRESS_STATUSES as readonly string[]).includes(options.status) || options.status === 'unknown') {
        throw new CliFailure(`--status: "${options.status}" is not a status (${ADDRESS_STATUSES.join(', ')}).`, 2);
      }
      const at = parseInstant(options.at, '--at');
      const limit = options.limit === undefined ? undefined : Number(options.limit);
      const list = await withEngine(options.db, (engine) =>
        engine.addresses({ status: options.status as AddressStatus, at, limit }),
      );
      if (options.json) {
        printJson({ status: options.status, at: at ?? null, count: list.length, addresses: list });
        return;
      }
      for (const a of list) print(`${a.address}\t${a.since ?? ''}\t${a.until ?? ''}`);
      process.stderr.write(`${list.length} address(es) in ${options.status}\n`);
    });
}
