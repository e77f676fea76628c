/** `rebond unknowns`: the replies no rule understood, most frequent first, so rules can be added. */
import type { Command } from 'commander';
import { DB_OPTION, parsePositiveInteger, print, printJson, withEngine } from './shared';

export function register(program: Command): void {
  program
    .command('unknowns')
    .description('server replies that no classifier rule matched, with counts')
    .requiredOption(...DB_OPTION)
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'print one JSON object')
    .action(async (options: { db: string; limit: string; json?: boolean }) => {
      const limit = parsePositiveInteger(options.limit, '--limit');
      const list = await withEngine(options.db, (engine) => engine.unknowns({ limit }));
      if (options.json) {
        printJson({ unknowns: list });
        return;
      }
      if (list.length === 0) print('Every stored reply is classified.');
      for (const u of list) {
        print(`${String(u.count).padStart(7)}  ${[u.smtpCode, u.enhancedCode].filter(Boolean).join(' ')}  ${u.diagnostic}  (${u.domains.join(', ')})`);
      }
    });
}
