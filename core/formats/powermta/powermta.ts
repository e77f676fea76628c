/**
 * PowerMTA accounting CSV (FORMATS.md): the header says which columns this installation
 * writes; DuckDB's own CSV reader loads the file (the fast path).
 */
import { detectDelimiter, headerLineOf, mapHeader, splitCsvLine } from '../header';
import type { CsvStageSpec, FormatImporter, StageContext } from '../importer';
import type { FileSample } from '../sample';
import { PMTA_COLUMNS, PMTA_OWN, PMTA_TYPES } from './columns';

function header(sample: FileSample): { delimiter: string; columns: string[] } | null {
  const first = sample.lines.find((l) => l.trim().length > 0);
  if (!first) return null;
  const delimiter = detectDelimiter(first);
  // PowerMTA can prefix the header with "#"
  const columns = splitCsvLine(first.replace(/^#\s*/, ''), delimiter);
  return { delimiter, columns };
}

export const powermtaImporter: FormatImporter = {
  id: 'powermta',
  label: 'PowerMTA accounting CSV',

  detect(sample: FileSample): number {
    const h = header(sample);
    if (!h) return 0;
    const mapped = mapHeader(h.columns, PMTA_COLUMNS);
    if (!mapped.type || !mapped.rcpt || !mapped.timeLogged) return 0;
    const lower = new Set(h.columns.map((c) => c.toLowerCase()));
    const own = PMTA_OWN.filter((o) => lower.has(o.toLowerCase())).length;
    return own >= 2 ? 0.97 : 0.7;
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
      time: { column: mapped.timeLogged!, kind: 'iso-offset' },
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
      delayFrom: mapped.timeQueued ? { queuedColumn: mapped.timeQueued } : undefined,
    };
    await context.stage.stageCsv(context.file, spec);
    context.progress(context.sample.size);
  },
};
