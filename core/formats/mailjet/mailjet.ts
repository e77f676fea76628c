/**
 * Mailjet event exports (Event API / webhook fields): CSV with a header row — read by DuckDB's
 * own CSV reader — or JSON lines, one event object or one webhooks-v2 array per line.
 */
import type { StageRow } from '../../model/event';
import { detectDelimiter, headerLineOf, mapHeader, splitCsvLine } from '../header';
import type { CsvStageSpec, FormatImporter, StageContext } from '../importer';
import { readLines } from '../lines';
import type { FileSample } from '../sample';
import { MAILJET_COLUMNS, MAILJET_EVENT_TYPES, type MailjetField } from './columns';

type JsonEvent = Record<string, unknown>;

export const mailjetImporter: FormatImporter = {
  id: 'mailjet',
  label: 'Mailjet event export',

  detect(sample: FileSample): number {
    const first = sample.lines.find((l) => l.trim().length > 0)?.trim() ?? '';
    if (first.startsWith('{') || first.startsWith('[')) {
      return /"event"\s*:/.test(first) && /"email"\s*:/.test(first) ? 0.95 : 0;
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
      hint: mapped.error ? { prefix: 'mailjet', columns: present(mapped, ['errorRelatedTo', 'error']) } : undefined,
    };
    await context.stage.stageCsv(context.file, spec);
    context.progress(context.sample.size);
  },
};

function present(mapped: Partial<Record<MailjetField, string>>, fields: MailjetField[]): string[] {
  return fields.map((f) => mapped[f]).filter((c): c is string => c !== undefined);
}

async function stageJsonLines(context: StageContext): Promise<void> {
  let lineNumber = 0;
  for await (const line of readLines(context.file, { gzip: context.sample.gzip, onBytes: context.progress })) {
    lineNumber++;
    const trimmed = line.trim();
    if (trimmed === '') continue;
    let parsed: unknown;
    try {
      // MessageID is an integer beyond 2^53: quote it before JSON.parse can round it.
      parsed = JSON.parse(trimmed.replace(/("(?:MessageID|mj_message_id)"\s*:\s*)(\d+)/g, '$1"$2"'));
    } catch (error) {
      context.reject({ line: lineNumber, message: `not valid JSON (${(error as Error).message})` });
      continue;
    }
    // webhooks v2 send a JSON array of events per second
    const events = Array.isArray(parsed) ? parsed : [parsed];
    for (const event of events) {
      if (typeof event !== 'object' || event === null) {
        context.reject({ line: lineNumber, message: 'not a Mailjet event object' });
        continue;
      }
      const row = jsonEventToRow(event as JsonEvent, lineNumber);
      if (typeof row === 'string') context.reject({ line: lineNumber, message: row });
      else context.stage.add(row);
    }
  }
}

/** One Event API object to a staged row, or the reason it cannot be one. */
export function jsonEventToRow(event: JsonEvent, line: number): StageRow | string {
  const text = (key: string): string | null => {
    const value = event[key];
    if (value === undefined || value === null) return null;
    const s = String(value).trim();
    return s === '' ? null : s;
  };
  const name = text('event')?.toLowerCase();
  if (!name) return 'no "event" field';
  let type = MAILJET_EVENT_TYPES[name];
  if (!type) return `unknown event type "${name}"`;
  const hard = event['hard_bounce'];
  if (type === 'soft_bounce' && (hard === true || hard === 'true' || hard === 1)) type = 'hard_bounce';
  const email = text('email');
  if (!email) return 'no "email" field';
  const rawTime = event['time'];
  const time =
    typeof rawTime === 'number' || (typeof rawTime === 'string' && /^\d{9,11}$/.test(rawTime))
      ? new Date(Number(rawTime) * 1000)
      : parseIsoAsUtc(String(rawTime ?? ''));
  if (Number.isNaN(time.getTime())) return `unreadable date "${String(rawTime ?? '')}"`;
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

/**
 * An ISO date; one written without a zone is UTC, as the CSV path reads it (JavaScript would
 * take it as the machine's local time, and the same export would differ between its two forms).
 */
function parseIsoAsUtc(text: string): Date {
  const trimmed = text.trim();
  const zoned = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(trimmed) || !/\d[T ]\d/.test(trimmed);
  return new Date(zoned ? trimmed : `${trimmed.replace(' ', 'T')}Z`);
}
