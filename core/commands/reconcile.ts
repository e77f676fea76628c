/**
 * `rebond reconcile` (SPEC §11.3): our suppressed addresses, from the events alone, beside the
 * imported ESP lists', by status and cause, then the addresses on one side only — "we hold 489
 * suppressed addresses, the ESP 109": which are they?
 */
import type { Command } from 'commander';
import type { Reconciliation } from '../contract';
import type { Lang } from '../model/lang';
import { AT_HELP, DATASET_OPTION, DB_OPTION, parseInstant, parseLang, parsePositiveInteger, print, printJson, printRow, withWorkspaceOrDataset } from './shared';

const WORDS = {
  en: {
    title: (at: string, lists: string) => `Reconciliation${at ? ` as of ${at}` : ''} with ${lists}`,
    list: (file: string, n: number) => `${file} (${n} ${n === 1 ? 'address' : 'addresses'})`,
    none: 'No imported list to reconcile with: import the ESP’s list first (for example AssoConnect’s “Emails identifiés comme invalides”).',
    head: ['status', 'ours', 'list'],
    totals: (r: Reconciliation) => `Suppressed: ${r.ours} in ours, ${r.theirs} in the list, ${r.both} in both.`,
    causes: 'Our causes:',
    oursOnly: (n: number) => `Only in ours (${n}):`,
    theirsOnly: (n: number) => `Only in the list (${n}):`,
    ours: (s: string) => `ours: ${s}`,
    more: (n: number) => `  … and ${n} more (--limit, or --json)`,
  },
  fr: {
    title: (at: string, lists: string) => `Rapprochement${at ? ` au ${at}` : ''} avec ${lists}`,
    list: (file: string, n: number) => `${file} (${n} ${n > 1 ? 'adresses' : 'adresse'})`,
    none: 'Aucune liste importée à rapprocher : importez d’abord la liste du routeur (par exemple « Emails identifiés comme invalides » d’AssoConnect).',
    head: ['statut', 'chez nous', 'liste'],
    totals: (r: Reconciliation) => `Adresses écartées : ${r.ours} chez nous, ${r.theirs} dans la liste, ${r.both} des deux côtés.`,
    causes: 'Nos causes :',
    oursOnly: (n: number) => `Seulement chez nous (${n}) :`,
    theirsOnly: (n: number) => `Seulement dans la liste (${n}) :`,
    ours: (s: string) => `chez nous : ${s}`,
    more: (n: number) => `  … et ${n} de plus (--limit, ou --json)`,
  },
} as const;

export function register(program: Command): void {
  program
    .command('reconcile')
    .description('our suppressed addresses beside the imported ESP lists’, and the addresses on one side only (SPEC §11.3)')
    .option(...DB_OPTION)
    .option(...DATASET_OPTION)
    .option('--at <instant>', `statuses as of this ${AT_HELP}`)
    .option('--limit <n>', 'at most this many addresses in each one-side list (default 1000)')
    .option('--lang <lang>', 'fr | en (default: the workspace setting)')
    .option('--json', 'print one JSON object')
    .action(async (options: { db?: string; dataset?: string; at?: string; limit?: string; lang?: string; json?: boolean }) => {
      const at = parseInstant(options.at, '--at');
      const limit = parsePositiveInteger(options.limit, '--limit');
      const asked = parseLang(options.lang);
      const { r, lang } = await withWorkspaceOrDataset(options, async (engine) => ({
        r: await engine.reconcile({ at, limit }),
        lang: asked ?? (await engine.getSettings({})).lang,
      }));
      if (options.json) {
        printJson(r);
        return;
      }
      printReconciliation(r, lang);
    });
}

function printReconciliation(r: Reconciliation, lang: Lang): void {
  const w = WORDS[lang];
  if (r.lists.length === 0) {
    print(w.none);
    return;
  }
  print(w.title(r.at ?? '', r.lists.map((l) => w.list(l.file, l.addresses)).join(', ')));
  printRow(w.head);
  for (const s of r.byStatus) printRow([s.status, String(s.ours), String(s.theirs)]);
  print(w.totals(r));
  if (r.oursByCause.length > 0) {
    print(w.causes);
    for (const c of r.oursByCause) printRow([`  ${c.status}`, c.cause ?? '', String(c.count)]);
  }
  print(w.oursOnly(r.oursOnly.total));
  for (const o of r.oursOnly.rows) printRow([`  ${o.address}`, o.status, o.cause ?? '', o.since ?? '', o.until ?? '']);
  if (r.oursOnly.total > r.oursOnly.rows.length) print(w.more(r.oursOnly.total - r.oursOnly.rows.length));
  print(w.theirsOnly(r.theirsOnly.total));
  for (const t of r.theirsOnly.rows) printRow([`  ${t.address}`, t.listed, t.since, t.file, w.ours(t.ours)]);
  if (r.theirsOnly.total > r.theirsOnly.rows.length) print(w.more(r.theirsOnly.total - r.theirsOnly.rows.length));
}
