/**
 * Every line of an imported file accounted for (SPEC §11.8): a support agent who sees
 * "163 lines: 40 deliveries…" knows nothing was silently lost. The format counts what it
 * knows (context, other programs, blank lines); the lines that carried events are the rest,
 * so the parts always add up to the file.
 */
import type { FileImportResult } from '../contract';
import type { LineTally } from './importer';

type Accounting = Pick<
  FileImportResult,
  'lines' | 'eventLines' | 'contextLines' | 'otherProgramLines' | 'blankLines' | 'otherPrograms' | 'timeField'
>;

export function accountLines(
  tally: LineTally,
  counts: { events: number; skipped: number; rejected: number; headerLine: number },
): Accounting {
  const timeField = tally.timeField ? { timeField: tally.timeField } : {};
  if (tally.total === undefined) return timeField;
  const total = tally.total;
  const other = tally.otherPrograms ?? 0;
  let context = tally.context ?? 0;
  let blank = tally.blank ?? 0;
  if (counts.headerLine > 0 && tally.context === undefined) {
    // a CSV export read by DuckDB: the header row is context, the lines before it blank, and
    // what the records do not fill is blank lines (or values written over several lines)
    context = 1;
    blank = Math.max(0, total - counts.headerLine - counts.events - counts.rejected - counts.skipped) + counts.headerLine - 1;
  }
  const eventLines = Math.max(0, total - context - other - blank - counts.skipped - counts.rejected);
  return {
    lines: total,
    eventLines,
    contextLines: context,
    otherProgramLines: other,
    blankLines: blank,
    ...(tally.programs && tally.programs.length > 0 ? { otherPrograms: tally.programs } : {}),
    ...timeField,
  };
}

const LOG_FORMATS = new Set(['postfix', 'exim', 'powermta']);

/** "1 line" / "2 lines", with thousands separators. */
function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * The accounting in plain English, for the command line (the app says it in the user's
 * language): "1,000 lines: 227 deliveries, 637 context lines, 136 lines of other programs, 0
 * lines not understood". Null when the file's lines were not counted.
 */
export function describeLines(result: FileImportResult): string | null {
  if (result.lines === undefined || result.eventLines === undefined) return null;
  const events = result.stored + result.duplicates + result.listed;
  const log = LOG_FORMATS.has(result.format ?? '');
  let first = log ? count(events, 'delivery', 'deliveries') : count(events, 'event', 'events');
  if (result.eventLines !== events) first += ` on ${count(result.eventLines, 'line', 'lines')}`;
  const parts = [first, count(result.contextLines ?? 0, 'context line', 'context lines')];
  if (result.otherProgramLines) parts.push(count(result.otherProgramLines, 'line of other programs', 'lines of other programs'));
  if (result.blankLines) parts.push(count(result.blankLines, 'blank line', 'blank lines'));
  if (result.skipped) parts.push(`${result.skipped.toLocaleString('en-US')} skipped on purpose`);
  parts.push(count(result.rejected, 'line not understood', 'lines not understood'));
  const notes = (result.otherPrograms ?? [])
    .filter((p) => p.deliveries > 0)
    .map((p) => `; ${p.program} also logged ${count(p.deliveries, 'delivery result', 'delivery results')}, not read by this format`);
  const time = result.timeField ? `; times from ${result.timeField}` : '';
  return `${count(result.lines, 'line', 'lines')}: ${parts.join(', ')}${notes.join('')}${time}`;
}
