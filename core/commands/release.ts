/**
 * `rebond release`: an agent ends a quarantine or blacklist, with the reason the policy asks
 * (recorded: who, when, why). `--dry-run` changes nothing and prints what releasing these
 * addresses would do to a campaign's hard-bounce rate (seed 002: stay under 1 %).
 */
import type { Command } from 'commander';
import { CliFailure, DB_OPTION, parseLang, parsePositiveInteger, print, printJson, withEngine } from './shared';
import { terminalText } from './terminal-text';

export function register(program: Command): void {
  program
    .command('release')
    .description('release addresses from quarantine or the blacklist; --dry-run estimates the risk')
    .requiredOption(...DB_OPTION)
    .option('--reason <text>', "why; for the blacklist, the person's own written request (seed 002)")
    .option('--by <name>', 'who releases', process.env.USER ?? 'agent')
    .option('--dry-run', 'change nothing: check each release and estimate the hard-bounce risk')
    .option('--campaign-size <n>', 'messages per campaign for the risk estimate (default: the median campaign)')
    .option('--lang <lang>', 'fr | en: the language of refusals and of the risk (default: the workspace setting)')
    .option('--json', 'print one JSON object')
    .argument('<emails...>')
    .action(
      async (
        emails: string[],
        options: { db: string; reason?: string; by: string; dryRun?: boolean; campaignSize?: string; lang?: string; json?: boolean },
      ) => {
        const campaignSize = parsePositiveInteger(options.campaignSize, '--campaign-size');
        const lang = parseLang(options.lang);
        const fr = lang === 'fr';
        if (!options.dryRun && !options.reason) throw new CliFailure('--reason is required to release an address.', 2);
        const outcome = await withEngine(options.db, async (engine) => {
          const results = [];
          for (const address of emails) {
            results.push({
              address,
              ...(await engine.release({ address, reason: options.reason ?? '', by: options.by, dryRun: options.dryRun, lang })),
            });
          }
          const risk = options.dryRun ? await engine.releaseRisk({ addresses: emails, campaignSize, lang }) : null;
          return { results, risk };
        });
        if (options.json) {
          printJson({ dryRun: Boolean(options.dryRun), releases: outcome.results, risk: outcome.risk });
        } else {
          for (const r of outcome.results) {
            if (r.ok && r.release) {
              const by = r.release.reason ? (fr ? ` (par ${r.release.by} : ${r.release.reason})` : ` (by ${r.release.by}: ${r.release.reason})`) : '';
              if (fr) print(`${options.dryRun ? 'Libérerait' : 'Libérée'} : ${r.release.address}, sortie de ${r.release.status}${by}`);
              else print(`${options.dryRun ? 'Would release' : 'Released'} ${r.release.address} from ${r.release.status}${by}`);
            } else if (fr) print(`${options.dryRun ? 'Refuserait' : 'Refusée'} : ${r.address} : ${r.error}`);
            else print(`${options.dryRun ? 'Would refuse' : 'Refused'} ${r.address}: ${r.error}`);
          }
          if (outcome.risk) {
            const pct = (x: number) => `${(x * 100).toLocaleString(fr ? 'fr-FR' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
            const risk = outcome.risk;
            if (fr) {
              print(
                `Taux de rejets permanents attendu : ${pct(risk.expectedRate)} d’une campagne de ${risk.campaignSize.toLocaleString('fr-FR')} messages ` +
                  `(${risk.expectedHardBounces.toLocaleString('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} attendus, ${risk.released} en quarantaine longue ; limite ${pct(risk.limit)}) : ${risk.verdict}`,
              );
            } else print(
              `Expected hard-bounce rate: ${pct(outcome.risk.expectedRate)} of a ${outcome.risk.campaignSize}-message campaign ` +
                `(${outcome.risk.expectedHardBounces.toFixed(1)} expected, ${outcome.risk.released} long-quarantined; limit ${pct(outcome.risk.limit)}): ${outcome.risk.verdict}`,
            );
            print(outcome.risk.message);
          }
        }
        const refused = outcome.results.filter((r) => !r.ok);
        if (refused.length > 0 && !options.dryRun) {
          // one line per address, whatever its error holds
          throw new CliFailure(refused.map((r) => terminalText(`${r.address}${fr ? '\u00a0: ' : ': '}${r.error}`)).join('\n'));
        }
      },
    );
}
