/**
 * PowerMTA accounting CSV (FORMATS.md): the header says which columns this installation
 * writes; DuckDB's own CSV reader loads the file (the fast path).
 */
import { detectDelimiter, headerLineOf, mapHeader, splitCsvLine } from '../header';
import type { CsvStageSpec, FormatImporter, StageContext } from '../importer';
import type { FileSample } from '../../files/sample';
import { PMTA_COLUMNS, PMTA_OWN, PMTA_TYPES, type PmtaField } from './columns';
import { problem, type Problem } from '../../model/problems';

function header(sample: FileSample): { delimiter: string; columns: string[] } | null {
  const first = sample.lines.find((l) => l.trim().length > 0);
  if (!first) return null;
  const delimiter = detectDelimiter(first);
  // PowerMTA can prefix the header with "#"
  const columns = splitCsvLine(first.replace(/^#\s*/, ''), delimiter);
  return { delimiter, columns };
}

/** The columns without which a record is no outcome, and how a person would name each. */
const REQUIRED = {
  type: '"type" (the record type: d, b, t…)',
  rcpt: '"rcpt" (the recipient)',
  time: '"timeLogged" or "timeQueued" (the time)',
} as const;

function missing(mapped: Partial<Record<PmtaField, string>>): Array<keyof typeof REQUIRED> {
  const lack: Array<keyof typeof REQUIRED> = [];
  if (!mapped.type) lack.push('type');
  if (!mapped.rcpt) lack.push('rcpt');
  if (!mapped.timeLogged && !mapped.timeQueued) lack.push('time');
  return lack;
}

/** How many header names only PowerMTA writes. */
function ownColumns(columns: string[]): number {
  const lower = new Set(columns.map((c) => c.toLowerCase().replace(/^#\s*/, '')));
  return PMTA_OWN.filter((o) => lower.has(o.toLowerCase())).length;
}

export const powermtaImporter: FormatImporter = {
  id: 'powermta',
  label: 'PowerMTA accounting CSV',

  detect(sample: FileSample): number {
    const h = header(sample);
    if (!h) return 0;
    const mapped = mapHeader(h.columns, PMTA_COLUMNS);
    // what makes a record an outcome: its type, its recipient, and a status or PowerMTA's own time
    // column; the rest is whatever the operator chose to log (a bounce file may lack timeLogged)
    if (missing(mapped).length > 0 || !(mapped.dsnStatus || mapped.timeLogged)) return 0;
    const own = ownColumns(h.columns);
    return own >= 2 ? 0.97 : 0.7;
  },

  explainMiss(sample: FileSample): Problem | null {
    const h = header(sample);
    if (!h || ownColumns(h.columns) < 2) return null;
    const lack = missing(mapHeader(h.columns, PMTA_COLUMNS));
    if (lack.length === 0) return null;
    return problem('format.powermtaColumns', {
      file: sample.path,
      missing: lack.map((l) => REQUIRED[l]).join(', '),
      header: h.columns.join(',').slice(0, 160),
    });
  },

  async stage(context: StageContext): Promise<void> {
    const h = header(context.sample)!;
    const mapped = mapHeader(h.columns, PMTA_COLUMNS);
    if (h.columns[0]?.startsWith('#')) h.columns[0] = h.columns[0].slice(1).trim();
    const present = (fields: Array<keyof typeof mapped>) =>
      fields.map((f) => mapped[f]).filter((c): c is string => c !== undefined);
    const spec: CsvStageSpec = {
      delimiter: h.delimiter,
      columns: h.columns,
      headerLine: headerLineOf(context.sample.lines),
      gzip: context.sample.gzip,
      // the time the outcome was logged; a file configured without it has the time queued
      time: { column: (mapped.timeLogged ?? mapped.timeQueued)!, kind: 'iso-offset' },
      address: mapped.rcpt!,
      type: { column: mapped.type!, map: PMTA_TYPES, classColumn: mapped.dsnStatus },
      diagnostic: present(['dsnDiag', 'dsnStatus']),
      stripDiagnosticType: true,
      enhancedCode: mapped.dsnStatus,
      messageId: mapped.messageId,
      campaign: present(['jobId']),
      sender: mapped.orig,
      relay: mapped.dsnMta,
      hint: mapped.bounceCat ? { prefix: 'pmta', columns: [mapped.bounceCat] } : undefined,
      delayFrom: mapped.timeQueued && mapped.timeLogged ? { queuedColumn: mapped.timeQueued } : undefined,
    };
    context.tally({ timeField: mapped.timeLogged ? 'timeLogged' : 'timeQueued' });
    await context.stage.stageCsv(context.file, spec);
    context.progress(context.sample.size);
  },
};
