/** `rebond report`: the remediation report for one or more addresses (SPEC §8), to paste or attach. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ReportFormat } from '../contract';
import { AT_HELP, CliFailure, DATASET_OPTION, DB_OPTION, parseInstant, parseLang, print, printNote, withWorkspaceOrDataset } from './shared';

const FORMATS: readonly ReportFormat[] = ['md', 'html', 'pdf', 'csv'];

function parseFormat(value: string | undefined): ReportFormat {
  const format = FORMATS.find((f) => f === (value ?? 'md'));
  if (!format) throw new CliFailure(`--format: "${value}" is not a report format (${FORMATS.join(' | ')}).`, 2);
  return format;
}

function parseZone(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    throw new CliFailure(`--tz: "${value}" is not a time zone (for example Europe/Paris).`, 2);
  }
  return value;
}

export function register(program: Command): void {
  program
    .command('report')
    .description('the remediation report for one or more addresses: status, each message, history, evidence, what to do')
    .option(...DB_OPTION)
    .option(...DATASET_OPTION)
    .option('--format <format>', 'md | html | pdf | csv (csv: the events)', 'md')
    .option('--lang <lang>', 'fr | en (default: the workspace setting)')
    .option('--at <instant>', `the statuses as of this ${AT_HELP}`)
    .option('--tz <zone>', "the reader's time zone, e.g. Europe/Paris (default: the workspace setting)")
    .option('--out <file>', 'write the report to this file (required for pdf; default: standard output)')
    .argument('<email...>', 'the addresses (an address never seen is reported as such)')
    .action(async (emails: string[], options: { db?: string; dataset?: string; format?: string; lang?: string; at?: string; tz?: string; out?: string }) => {
      const format = parseFormat(options.format);
      const lang = parseLang(options.lang);
      const at = parseInstant(options.at, '--at');
      const timeZone = parseZone(options.tz);
      if (format === 'pdf' && !options.out) throw new CliFailure('--format pdf needs --out FILE (a PDF is not written to a terminal).', 2);
      const file = await withWorkspaceOrDataset(options, (engine) => engine.report({ addresses: emails, format, lang, at, timeZone }));
      if (options.out) {
        await writeFile(options.out, file.base64 !== undefined ? Buffer.from(file.base64, 'base64') : (file.text ?? ''));
        printNote(`${options.out}: ${format} report of ${emails.length} ${emails.length === 1 ? 'address' : 'addresses'} written.`);
        return;
      }
      // a document, not terminal text: its lines are written as they are, each through print(),
      // which escapes any control character an input file might have slipped in
      const lines = (file.text ?? '').replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
      for (const line of lines) print(line);
    });
}
