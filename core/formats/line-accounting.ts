/**
 * Every line of an imported file accounted for (SPEC §11.8): a support agent who sees
 * "163 lines: 40 deliveries…" knows nothing was silently lost. The format counts what it
 * knows (context, other programs, blank lines); the lines that carried events are the rest,
 * so the parts always add up to the file.
 */
import type { FileImportResult } from '../contract';
import type { LineTally } from './importer';
import { pluralOf, type Lang } from '../model/lang';

type Accounting = Pick<
  FileImportResult,
  | 'lines'
  | 'eventLines'
  | 'contextLines'
  | 'otherProgramLines'
  | 'blankLines'
  | 'quotedLines'
  | 'quotedValues'
  | 'otherPrograms'
  | 'timeField'
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
  // the further lines of values written over several lines (a stray quote that a later line
  // closes): read as part of their record's first line, not blank, not events of their own
  const quoted = tally.quoted ?? 0;
  if (counts.headerLine > 0 && tally.context === undefined) {
    // a CSV export read by DuckDB: the header row is context, the lines before it blank, and
    // what the records and their quoted values do not fill is blank lines (or, where the
    // records could not be found, values written over several lines)
    context = 1;
    blank =
      Math.max(0, total - counts.headerLine - counts.events - counts.rejected - counts.skipped - quoted) + counts.headerLine - 1;
  }
  const eventLines = Math.max(0, total - context - other - blank - quoted - counts.skipped - counts.rejected);
  return {
    lines: total,
    eventLines,
    contextLines: context,
    otherProgramLines: other,
    blankLines: blank,
    ...(quoted > 0 ? { quotedLines: quoted, quotedValues: tally.quotedValues ?? [] } : {}),
    ...(tally.programs && tally.programs.length > 0 ? { otherPrograms: tally.programs } : {}),
    ...timeField,
  };
}

const LOG_FORMATS = new Set(['postfix', 'exim', 'powermta']);

/** [one, many] of each counted thing, in each language (French typography: see core/model/problem-words.ts). */
const LINE_WORDS = {
  en: {
    line: ['line', 'lines'],
    delivery: ['delivery', 'deliveries'],
    event: ['event', 'events'],
    context: ['context line', 'context lines'],
    otherPrograms: ['line of other programs', 'lines of other programs'],
    blank: ['blank line', 'blank lines'],
    quoted: ['line inside a quoted value', 'lines inside quoted values'],
    notUnderstood: ['line not understood', 'lines not understood'],
    result: ['delivery result', 'delivery results'],
  },
  fr: {
    line: ['ligne', 'lignes'],
    delivery: ['distribution', 'distributions'],
    event: ['événement', 'événements'],
    context: ['ligne de contexte', 'lignes de contexte'],
    otherPrograms: ['ligne d’autres programmes', 'lignes d’autres programmes'],
    blank: ['ligne vide', 'lignes vides'],
    quoted: ['ligne lue dans une valeur entre guillemets', 'lignes lues dans des valeurs entre guillemets'],
    notUnderstood: ['ligne non comprise', 'lignes non comprises'],
    result: ['résultat de distribution', 'résultats de distribution'],
  },
} as const satisfies Record<Lang, Record<string, readonly [string, string]>>;

/** "1 line" / "2 lines" / "1 000 lignes", with the language's separators and plural rule. */
function count(n: number, lang: Lang, word: keyof (typeof LINE_WORDS)['en']): string {
  const [one, many] = LINE_WORDS[lang][word];
  const formatted = n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-US');
  return `${formatted} ${pluralOf(lang, n, { one, other: many })}`;
}

/**
 * The accounting in plain words, for the command line (the app has its own, renderer/i18n):
 * "1,000 lines: 227 deliveries, 637 context lines, 136 lines of other programs, 0 lines not
 * understood". Null when the file's lines were not counted.
 */
export function describeLines(result: FileImportResult, lang: Lang = 'en'): string | null {
  if (result.lines === undefined || result.eventLines === undefined) return null;
  const fr = lang === 'fr';
  const events = result.stored + result.duplicates + result.listed;
  const log = LOG_FORMATS.has(result.format ?? '');
  let first = count(events, lang, log ? 'delivery' : 'event');
  if (result.eventLines !== events) first += ` ${fr ? 'sur' : 'on'} ${count(result.eventLines, lang, 'line')}`;
  const parts = [first, count(result.contextLines ?? 0, lang, 'context')];
  if (result.otherProgramLines) parts.push(count(result.otherProgramLines, lang, 'otherPrograms'));
  if (result.blankLines) parts.push(count(result.blankLines, lang, 'blank'));
  if (result.quotedLines) parts.push(count(result.quotedLines, lang, 'quoted'));
  if (result.skipped) {
    const n = result.skipped.toLocaleString(fr ? 'fr-FR' : 'en-US');
    parts.push(fr ? `${n} ${result.skipped > 1 ? 'ignorées' : 'ignorée'} volontairement` : `${n} skipped on purpose`);
  }
  parts.push(count(result.rejected, lang, 'notUnderstood'));
  const notes = (result.otherPrograms ?? [])
    .filter((p) => p.deliveries > 0)
    .map((p) =>
      fr
        ? ` ; ${p.program} a aussi écrit ${count(p.deliveries, lang, 'result')}, que ce format ne lit pas`
        : `; ${p.program} also logged ${count(p.deliveries, lang, 'result')}, not read by this format`,
    );
  const time = result.timeField ? (fr ? ` ; dates tirées de ${result.timeField}` : `; times from ${result.timeField}`) : '';
  return `${count(result.lines, lang, 'line')}${fr ? '\u00a0: ' : ': '}${parts.join(', ')}${notes.join('')}${time}`;
}

/**
 * Which lines were read inside which line's quoted value, one sentence per record (the first
 * ten): "lines 5–7: read as part of line 4's quoted value". A stray quote closed lines later is
 * valid CSV, so nothing is rejected, but the agent should see where the file's lines went.
 */
export function describeQuotedValues(result: FileImportResult, lang: Lang = 'en'): string[] {
  const n = (value: number) => value.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-US');
  const named = (result.quotedValues ?? []).map(({ line, from, to }) => {
    if (lang === 'fr') {
      const which = from === to ? `ligne ${n(from)}\u00a0: lue` : `lignes ${n(from)} à ${n(to)}\u00a0: lues`;
      return `${which} dans la valeur entre guillemets de la ligne ${n(line)}`;
    }
    const which = from === to ? `line ${n(from)}` : `lines ${n(from)}–${n(to)}`;
    return `${which}: read as part of line ${n(line)}’s quoted value`;
  });
  const shown = (result.quotedValues ?? []).reduce((sum, q) => sum + q.to - q.from + 1, 0);
  const more = (result.quotedLines ?? 0) - shown;
  if (more > 0) named.push(lang === 'fr' ? `et ${count(more, lang, 'line')} de plus dans d’autres valeurs` : `and ${count(more, lang, 'line')} more in other values`);
  return named;
}
