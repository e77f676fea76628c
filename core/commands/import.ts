/** `rebond import`: files into the workspace, one transaction per file. */
import type { Command } from 'commander';
import { FORMAT_CHOICES, type FormatChoice } from '../model/imports';
import { describeLines, describeQuotedValues } from '../formats/line-accounting';
import { CliFailure, clearProgress, DB_OPTION_CREATE, parseLang, print, printJson, printProgress, terminal, withEngine } from './shared';
import { importedLine, rejectedLine } from './import-words';
import type { Lang } from '../model/lang';
import { terminalText } from './terminal-text';

export function register(program: Command): void {
  program
    .command('import')
    .description('import exports and logs (format detected from content)')
    .requiredOption(...DB_OPTION_CREATE)
    .option('--format <format>', `auto | ${FORMAT_CHOICES.slice(1).join(' | ')}`, 'auto')
    .option('--tz <zone>', 'time zone of inputs that carry none (classic syslog, French dates), e.g. Europe/Paris')
    .option('--year <year>', 'year of classic syslog lines (default: inferred from the file)')
    .option('--lang <lang>', 'fr | en: the language of the messages (default: the workspace setting)')
    .option('--json', 'print one JSON object')
    .argument('<paths...>', 'files to import (.gz read transparently)')
    .action(async (paths: string[], options: { db: string; format: string; tz?: string; year?: string; lang?: string; json?: boolean }) => {
      if (!(FORMAT_CHOICES as readonly string[]).includes(options.format)) {
        throw new CliFailure(`--format: "${options.format}" is not one of ${FORMAT_CHOICES.join(', ')}.`, 2);
      }
      const asked = parseLang(options.lang);
      const year = options.year === undefined ? undefined : Number(options.year);
      if (year !== undefined && !(Number.isInteger(year) && year > 1970 && year < 2200)) {
        throw new CliFailure(`--year: "${options.year}" is not a year.`, 2);
      }
      if (options.tz) {
        try {
          new Intl.DateTimeFormat('en', { timeZone: options.tz });
        } catch {
          throw new CliFailure(`--tz: "${options.tz}" is not a time zone (e.g. Europe/Paris).`, 2);
        }
      }
      let lang: Lang = asked ?? 'en';
      const summary = await withEngine(options.db, async (engine) => {
        lang = asked ?? (await engine.getSettings({})).lang;
        if (!options.json && terminal().stderrIsTTY) {
          engine.on('importProgress', (p) => {
            if (p.phase === 'reading' && p.totalBytes > 0) {
              printProgress(`${p.path}: ${Math.round((100 * p.bytesRead) / p.totalBytes)} %`);
            }
            if (p.phase === 'done' || p.phase === 'failed') clearProgress();
          });
        }
        return engine.importFiles({
          paths,
          format: options.format as FormatChoice,
          timeZone: options.tz,
          year,
          lang,
        });
      }, { create: true });
      if (options.json) {
        printJson({
          files: summary.files.map((f) => ({
            path: f.path,
            format: f.format,
            stored: f.stored,
            duplicates: f.duplicates,
            rejected: f.rejected,
            skipped: f.skipped,
            listed: f.listed,
            errors: f.errors,
            ...(f.lines !== undefined
              ? {
                  lines: f.lines,
                  eventLines: f.eventLines,
                  contextLines: f.contextLines,
                  otherProgramLines: f.otherProgramLines,
                  blankLines: f.blankLines,
                  ...(f.quotedLines ? { quotedLines: f.quotedLines, quotedValues: f.quotedValues ?? [] } : {}),
                  otherPrograms: f.otherPrograms ?? [],
                }
              : {}),
            ...(f.timeField ? { timeField: f.timeField } : {}),
            ...(f.ok ? { importId: f.importId } : { error: f.error }),
          })),
        });
      } else {
        for (const f of summary.files) {
          if (!f.ok) continue;
          print(importedLine(f, lang));
          const lines = describeLines(f, lang);
          if (lines) print(`  ${lines}`);
          for (const q of describeQuotedValues(f, lang)) print(`  ${q}`);
          for (const e of f.errors) print(`  ${rejectedLine(e.line, e.message, lang)}`);
        }
      }
      // the files that could be imported are kept (one transaction per file); the run failed
      const failures = summary.files.filter((f) => !f.ok);
      if (failures.length > 0) {
        // one line per file: a newline inside one file's error (a text from the file) is escaped, not a line of its own
        throw new CliFailure(failures.map((f) => terminalText(f.error ?? (lang === 'fr' ? `${f.path} n’a pas pu être importé.` : `${f.path} could not be imported.`))).join('\n'));
      }
    });
}
