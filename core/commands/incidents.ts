/** `rebond incidents`: the platform incidents found in the workspace, each with its figures (SPEC §6, §9). */
import type { Command } from 'commander';
import { INCIDENT_KINDS, type Incident, type IncidentKind } from '../contract';
import { AT_HELP, CliFailure, DATASET_OPTION, DB_OPTION, parseInstant, parseLang, print, printJson, withWorkspaceOrDataset } from './shared';

/** What `--json` prints: the contract of issue 15 (scope keys only where they apply). */
function jsonOf(incident: Incident) {
  return {
    kind: incident.kind,
    start: incident.start,
    end: incident.end,
    scope: incident.scope,
    metrics: incident.metrics,
    summary: incident.summary,
    examples: incident.examples,
  };
}

export function register(program: Command): void {
  program
    .command('incidents')
    .description('platform incidents: throttling, complaint spikes, deferral surges, campaign bounce rates, delays, provider blocks')
    .option(...DB_OPTION)
    .option(...DATASET_OPTION)
    .option('--from <iso>', `incidents that end after this instant; ${AT_HELP}`)
    .option('--to <iso>', 'incidents that start before this instant')
    .option('--kind <kind>', INCIDENT_KINDS.join(' | '))
    .option('--lang <lang>', 'fr | en (default: the workspace setting)')
    .option('--json', 'print one JSON array')
    .action(async (options: { db?: string; dataset?: string; from?: string; to?: string; kind?: string; lang?: string; json?: boolean }) => {
      const from = parseInstant(options.from, '--from');
      const to = parseInstant(options.to, '--to');
      if (options.kind !== undefined && !(INCIDENT_KINDS as readonly string[]).includes(options.kind)) {
        throw new CliFailure(`--kind: "${options.kind}" is not a kind of incident (${INCIDENT_KINDS.join(', ')}).`, 2);
      }
      const lang = parseLang(options.lang);
      const list = await withWorkspaceOrDataset(options, (engine) => engine.incidents({ from, to, kind: options.kind as IncidentKind | undefined, lang }));
      if (options.json) {
        printJson(list.map(jsonOf));
        return;
      }
      if (list.length === 0) print(lang === 'fr' ? 'Aucun incident.' : 'No incident.');
      for (const incident of list) {
        const scope = incident.scope.domain ?? incident.scope.campaign;
        print(`${incident.kind}${scope ? ` ${scope}` : ''}  ${incident.start} → ${incident.end}`);
        print(`  ${incident.summary}`);
        for (const e of incident.examples) {
          print(`    ${e.time}  ${e.address}  ${e.type}${e.diagnostic ? `  ${e.diagnostic}` : ''}`);
        }
      }
    });
}
