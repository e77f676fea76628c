/** `rebond imports`: the past imports, and removing one with all its events. */
import type { Command } from 'commander';
import { DB_OPTION, parsePositiveInteger, print, printJson, withEngine } from './shared';

export function register(program: Command): void {
  program
    .command('imports')
    .description('list past imports; --remove ID removes one with all its events')
    .requiredOption(...DB_OPTION)
    .option('--remove <id>', 'remove this import and everything it brought')
    .option('--json', 'print one JSON object')
    .action(async (options: { db: string; remove?: string; json?: boolean }) => {
      if (options.remove !== undefined) {
        const id = parsePositiveInteger(options.remove, '--remove')!;
        const removed = await withEngine(options.db, (engine) => engine.removeImport({ id }));
        if (options.json) printJson({ removed: id, ...removed });
        else print(`Import ${id} removed with its ${removed.removedEvents} events.`);
        return;
      }
      const list = await withEngine(options.db, (engine) => engine.listImports({}));
      if (options.json) {
        printJson({ imports: list });
        return;
      }
      if (list.length === 0) print('No imports yet: rebond import --db FILE PATH...');
      for (const i of list) {
        print(`${String(i.id).padStart(4)}  ${i.importedAt}  ${i.format.padEnd(15)} ${String(i.stored).padStart(9)} stored  ${i.displayName}`);
      }
    });
}
