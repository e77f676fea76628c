/**
 * Mailjet event exports (Event API / webhook fields): CSV with a header row — read by DuckDB's
 * own CSV reader — or JSON lines, one event object or one webhooks-v2 array per line.
 */
import type { StageRow } from '../../model/event';
import { detectDelimiter, headerLineOf, mapHeader, splitCsvLine } from '../header';
import type { CsvStageSpec, FormatImporter, StageContext } from '../importer';
import { readLineBatches } from '../../files/lines';
import { JsonDocuments, locateJsonError, type JsonPiece } from './json-documents';
import type { FileSample } from '../../files/sample';
import { problem, type LineProblem } from '../../model/problems';
import { isProblem, lineError } from '../line-error';
import { MAILJET_COLUMNS, MAILJET_EVENT_TYPES, MAILJET_HISTORY_COLUMNS, type MailjetField } from './columns';

type JsonEvent = Record<string, unknown>;

export const mailjetImporter: FormatImporter = {
  id: 'mailjet',
  label: 'Mailjet event export',

  detect(sample: FileSample): number {
    const first = sample.lines.find((l) => l.trim().length > 0)?.trim() ?? '';
    if (first.startsWith('{') || first.startsWith('[')) {
      // JSON lines, or a document pretty-printed over many lines: look at the whole sample
      const text = sample.text;
      if (/"event"\s*:/.test(text) && /"email"\s*:/.test(text)) return 0.95;
      // the REST API's answers: {"Count":…,"Data":[{…"Status"…"ArrivedAt"…}],"Total":…}
      return /"Data"\s*:\s*\[/.test(text) && API_OWN.some((name) => text.includes(`"${name}"`)) ? 0.9 : 0;
    }
    const header = splitCsvLine(first, detectDelimiter(first));
    const mapped = mapHeader(header, MAILJET_COLUMNS);
    if (!mapped.event || !mapped.time || !mapped.email) return 0;
    // Mailjet's own field names make it certain; generic ones (Status, Date, Email) less so.
    const own = ['mj_campaign_id', 'MessageID', 'error_related_to', 'smtp_reply', 'hard_bounce', 'Message_GUID', 'StateID'];
    const lower = header.map((h) => h.toLowerCase());
    return own.some((o) => lower.includes(o.toLowerCase())) ? 0.95 : 0.5;
  },

  async stage(context: StageContext): Promise<void> {
    const first = context.sample.lines.find((l) => l.trim().length > 0)?.trim() ?? '';
    if (first.startsWith('{') || first.startsWith('[')) return stageJsonLines(context);
    const delimiter = detectDelimiter(first);
    const columns = splitCsvLine(first, delimiter);
    const mapped = mapHeader(columns, MAILJET_COLUMNS);
    const spec: CsvStageSpec = {
      delimiter,
      columns,
      headerLine: headerLineOf(context.sample.lines),
      gzip: context.sample.gzip,
      time: { column: mapped.time!, kind: 'unix-or-iso' },
      address: mapped.email!,
      type: {
        column: mapped.event!,
        map: MAILJET_EVENT_TYPES,
        hardFlag: mapped.hardBounce ? { column: mapped.hardBounce, when: 'soft_bounce', then: 'hard_bounce' } : undefined,
      },
      diagnostic: present(mapped, ['comment', 'smtpReply']),
      messageId: mapped.messageId,
      campaign: present(mapped, ['customCampaign', 'campaignId']),
      subject: present(mapped, ['subject']),
      hint: mapped.error ? { prefix: 'mailjet', columns: present(mapped, ['errorRelatedTo', 'error']) } : undefined,
    };
    await context.stage.stageCsv(context.file, spec);
    context.progress(context.sample.size);
  },
};

function present(mapped: Partial<Record<MailjetField, string>>, fields: MailjetField[]): string[] {
  return fields.map((f) => mapped[f]).filter((c): c is string => c !== undefined);
}

/** Field names of the REST API's message objects (`/message`, `/messagehistory`). */
const API_OWN = ['ArrivedAt', 'ContactAlt', 'StateID', 'EventAt', 'EventType', 'AttemptCount'];

/** Integer ids beyond 2^53: quoted before JSON.parse can round them. */
const BIG_IDS = /("(?:MessageID|mj_message_id|Message_ID|ID)"\s*:\s*)(\d+)/g;

/**
 * Any JSON (json-documents.ts): JSON lines, a pretty-printed webhook body, a grouped array, the
 * REST API's `{"Count","Data","Total"}` answers. Each line is counted once: the lines of the
 * pieces that gave events, those of the pieces rejected, the blank ones, and the frame around
 * them (`[`, `]`, a document's own fields) as context.
 */
async function stageJsonLines(context: StageContext): Promise<void> {
  let total = 0;
  let blank = 0;
  let eventLines = 0;
  let rejectedLines = 0;
  let beyond = 0;
  let counted = 0; // the last line already counted as an event's or a rejected piece's
  const newLines = (piece: JsonPiece) => {
    const n = piece.lastLine - Math.max(counted, piece.firstLine - 1);
    counted = Math.max(counted, piece.lastLine);
    return Math.max(0, n);
  };
  const reject = (line: number, found: LineProblem) => {
    rejectedLines++;
    context.reject(lineError(line, found));
  };
  const documents = new JsonDocuments(
    (piece) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(piece.text.replace(BIG_IDS, '$1"$2"'));
      } catch (error) {
        const bad = locateJsonError(piece, error as Error);
        reject(bad.line, bad.problem);
        beyond += Math.max(0, newLines(piece) - 1);
        return;
      }
      let stored = 0;
      for (const { event, line } of eventsOf(parsed, piece)) {
        if (typeof event !== 'object' || event === null || Array.isArray(event)) {
          reject(line, problem('line.notMailjetObject', {}));
          continue;
        }
        const row = 'event' in event ? jsonEventToRow(event as JsonEvent, line) : apiMessageToRow(event as JsonEvent, line);
        if (isProblem(row)) reject(line, row);
        else {
          context.stage.add(row);
          stored++;
        }
      }
      const lines = newLines(piece);
      if (stored > 0) eventLines += lines;
      else beyond += Math.max(0, lines - 1);
    },
    (bad) => reject(bad.line, bad.problem),
  );
  for await (const batch of readLineBatches(context.file, { gzip: context.sample.gzip, onBytes: context.progress })) {
    for (let i = 0; i < batch.length; i++) {
      total++;
      const line = batch[i];
      if (line.trim() === '') blank++;
      documents.line(line, total);
    }
  }
  documents.end(total);
  // a file ending in a newline has no line after it
  context.tally({
    total,
    blank,
    context: Math.max(0, total - blank - eventLines - rejectedLines - beyond),
    notUnderstoodBeyondRecords: beyond,
  });
}

/**
 * The events of one parsed piece, each with its line: an array's elements (webhooks v2 group
 * events per second), an API answer's `Data`, or the object itself. An event's line is the
 * piece's first; a grouped array's elements each start on their own line when pretty-printed.
 */
function eventsOf(parsed: unknown, piece: JsonPiece): Array<{ event: unknown; line: number }> {
  const line = piece.firstLine;
  if (Array.isArray(parsed)) return parsed.map((event) => ({ event, line }));
  if (parsed !== null && typeof parsed === 'object' && !('event' in parsed)) {
    const data = (parsed as Record<string, unknown>)['Data'];
    if (Array.isArray(data)) return data.map((event) => ({ event, line }));
  }
  return [{ event: parsed, line }];
}

/**
 * A message object of the REST API (`/message?ShowContactAlt=true`): `Status`, `ArrivedAt`,
 * `ContactAlt`, `ID`, `StateID`, `StatePermanent`… matched by meaning as the CSV headers are.
 */
export function apiMessageToRow(event: JsonEvent, line: number): StageRow | LineProblem {
  const keys = Object.keys(event);
  const base = mapHeader(keys, MAILJET_COLUMNS);
  const history = mapHeader(keys, MAILJET_HISTORY_COLUMNS);
  const text = (key: string | undefined): string | null => {
    if (key === undefined) return null;
    const value = event[key];
    if (value === undefined || value === null || typeof value === 'object') return null;
    const s = String(value).trim();
    return s === '' ? null : s;
  };
  const status = text(base.event)?.toLowerCase();
  if (!status) return problem('line.eventTypeEmpty', {});
  let type = MAILJET_EVENT_TYPES[status];
  if (!type) return problem('line.eventType', { value: status.slice(0, 60) });
  const permanent = base.hardBounce ?? history.statePermanent;
  const hard = permanent ? event[permanent] : undefined;
  if (type === 'soft_bounce' && (hard === true || hard === 'true' || hard === 1)) type = 'hard_bounce';
  const email = text(base.email);
  if (!email) return problem('line.noEmailContactAlt', {});
  const rawTime = event[base.time ?? 'time'];
  const time =
    typeof rawTime === 'number' || (typeof rawTime === 'string' && /^\d{9,11}$/.test(rawTime))
      ? new Date(Number(rawTime) * 1000)
      : parseIsoAsUtc(String(rawTime ?? ''));
  if (Number.isNaN(time.getTime())) return dateProblem(rawTime);
  const stateId = text(history.stateId);
  const state = text(history.state);
  return {
    time,
    address: email,
    type,
    diagnostic: text(history.comment) ?? state,
    messageId: text(base.messageId),
    campaign: text(base.campaignId) === '0' ? null : text(base.campaignId),
    subject: text(base.subject),
    hint: stateId && stateId !== '0' ? `mailjet-state:${stateId}` : state ? `mailjet:${state.toLowerCase()}` : null,
    line,
  };
}

/** One Event API object to a staged row, or the reason it cannot be one. */
export function jsonEventToRow(event: JsonEvent, line: number): StageRow | LineProblem {
  const text = (key: string): string | null => {
    const value = event[key];
    if (value === undefined || value === null) return null;
    const s = String(value).trim();
    return s === '' ? null : s;
  };
  const name = text('event')?.toLowerCase();
  if (!name) return problem('line.eventTypeEmpty', {});
  let type = MAILJET_EVENT_TYPES[name];
  if (!type) return problem('line.eventType', { value: name.slice(0, 60) });
  const hard = event['hard_bounce'];
  if (type === 'soft_bounce' && (hard === true || hard === 'true' || hard === 1)) type = 'hard_bounce';
  const email = text('email');
  if (!email) return problem('line.noEmail', {});
  const rawTime = event['time'];
  const time =
    typeof rawTime === 'number' || (typeof rawTime === 'string' && /^\d{9,11}$/.test(rawTime))
      ? new Date(Number(rawTime) * 1000)
      : parseIsoAsUtc(String(rawTime ?? ''));
  if (Number.isNaN(time.getTime())) return dateProblem(rawTime);
  const relatedTo = text('error_related_to');
  const error = text('error');
  const campaign = text('customcampaign') ?? (text('mj_campaign_id') === '0' ? null : text('mj_campaign_id'));
  return {
    time,
    address: email,
    type,
    diagnostic: text('comment') ?? text('smtp_reply'),
    messageId: text('MessageID') ?? text('mj_message_id'),
    campaign,
    hint: error || relatedTo ? `mailjet:${[relatedTo, error].filter(Boolean).join('/').toLowerCase()}` : null,
    line,
  };
}

/** A date the event's time field does not give. */
function dateProblem(raw: unknown): LineProblem {
  const text = typeof raw === 'object' && raw !== null ? JSON.stringify(raw) : String(raw ?? '').trim();
  return text === '' ? problem('line.dateEmpty', {}) : problem('line.date', { value: text.slice(0, 40) });
}

/**
 * An ISO date; one written without a zone is UTC, as the CSV path reads it (JavaScript would
 * take it as the machine's local time, and the same export would differ between its two forms).
 */
function parseIsoAsUtc(text: string): Date {
  const trimmed = text.trim();
  const zoned = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(trimmed) || !/\d[T ]\d/.test(trimmed);
  return new Date(zoned ? trimmed : `${trimmed.replace(' ', 'T')}Z`);
}
