/**
 * Mailjet message-history exports (FORMATS.md: the `/message` and `/messagehistory` fields —
 * `Status`/`EventType`, `StateID`, `ArrivedAt`/`EventAt`, `Comment`…): headers matched by
 * meaning without case, `,` `;` or tab, ISO dates or Unix times. StateID becomes the
 * classifier's hint `mailjet-state:N`; `StatePermanent` makes a bounce hard.
 */
import { detectDelimiter, headerLineOf, mapHeader, splitCsvLine } from '../header';
import type { CsvStageSpec, FormatImporter, StageContext } from '../importer';
import type { FileSample } from '../../files/sample';
import {
  MAILJET_COLUMNS,
  MAILJET_EVENT_OWN,
  MAILJET_EVENT_TYPES,
  MAILJET_HISTORY_COLUMNS,
  MAILJET_HISTORY_OWN,
} from './columns';

function readHeader(sample: FileSample) {
  const first = sample.lines.find((l) => l.trim().length > 0)?.trim() ?? '';
  if (first.startsWith('{') || first.startsWith('[')) return null;
  const delimiter = detectDelimiter(first);
  const columns = splitCsvLine(first, delimiter);
  return { delimiter, columns, base: mapHeader(columns, MAILJET_COLUMNS), history: mapHeader(columns, MAILJET_HISTORY_COLUMNS) };
}

export const mailjetHistoryImporter: FormatImporter = {
  id: 'mailjet-history',
  label: 'Mailjet message history export',

  detect(sample: FileSample): number {
    const h = readHeader(sample);
    if (!h || !h.base.event || !h.base.time || !h.base.email) return 0;
    const lower = new Set(h.columns.map((c) => c.toLowerCase()));
    const has = (names: string[]) => names.some((n) => lower.has(n.toLowerCase()));
    if (has(MAILJET_EVENT_OWN)) return 0; // an Event API export: the mailjet importer's
    // above the Event API importer's 0.95 when the header is the message API's own
    return has(MAILJET_HISTORY_OWN) ? 0.96 : 0;
  },

  async stage(context: StageContext): Promise<void> {
    const h = readHeader(context.sample)!;
    const { base, history } = h;
    const statePermanent = history.statePermanent ?? base.hardBounce;
    const spec: CsvStageSpec = {
      delimiter: h.delimiter,
      columns: h.columns,
      headerLine: headerLineOf(context.sample.lines),
      gzip: context.sample.gzip,
      time: { column: base.time!, kind: 'unix-or-iso' },
      address: base.email!,
      type: {
        column: base.event!,
        map: MAILJET_EVENT_TYPES,
        hardFlag: statePermanent ? { column: statePermanent, when: 'soft_bounce', then: 'hard_bounce' } : undefined,
      },
      diagnostic: [history.comment, history.state].filter((c): c is string => c !== undefined),
      messageId: base.messageId,
      campaign: base.campaignId ? [base.campaignId] : undefined,
      subject: base.subject ? [base.subject] : undefined,
      hint: history.stateId
        ? { prefix: 'mailjet-state', columns: [history.stateId] }
        : history.state
          ? { prefix: 'mailjet', columns: [history.state] }
          : undefined,
    };
    await context.stage.stageCsv(context.file, spec);
    context.progress(context.sample.size);
  },
};
