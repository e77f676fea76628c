/**
 * The remediation report (SPEC §8, issue 16 item 4) as data: per address its status and until
 * when, each message's verdict, the history in plain words, the evidence, the incidents, what to
 * do, and a short summary at the top that an agent can paste as the answer. Every string here is
 * plain text — including texts from input files, which are untrusted: each renderer (markdown.ts,
 * html.ts, csv.ts, pdf.ts) makes them safe for its format.
 */
import type { AddressReport, AnswerTone, Lang, MessageVerdictKind } from '../contract';
import type { DeliveryEvent } from '../model/event';
import type { AddressStatus } from '../model/status';
import { pluralOf } from '../model/lang';
import { WORDS, fill, formatDateTime, formatDay, oneLine } from '../address';
import { serverText } from '../policy';
import { REPORT_WORDS } from './words';

/**
 * Rows shown per address in the pasted report (the latest ones): a ticket is about the last
 * messages, and a report is read by a person. The CSV export has every event.
 */
export const MESSAGE_ROWS_SHOWN = 20;
export const EVIDENCE_ROWS_SHOWN = 30;

export interface ReportMessageRow {
  date: string;
  verdict: MessageVerdictKind;
  verdictLabel: string;
  /** campaign, message id and subject where the source has them */
  message: string;
  summary: string;
}

export interface ReportEvidenceRow {
  date: string;
  type: string;
  category: string;
  code: string;
  text: string;
  source: string;
}

/** Events that got the same reply, counted: 1,000 events say in a few rows what they say. */
export interface ReportReplyRow {
  times: number;
  first: string;
  last: string;
  type: string;
  category: string;
  code: string;
  text: string;
  /** the latest one's file and line */
  source: string;
}

/** Distinct replies listed per address (the most recent first); the CSV has every event. */
export const REPLY_ROWS_SHOWN = 15;

export interface ReportAddress {
  address: string;
  seen: boolean;
  status: AddressStatus;
  statusLabel: string;
  untilText: string;
  tone: AnswerTone;
  headline: string;
  explanation: string;
  typoSuggestion: string | null;
  messages: ReportMessageRow[];
  /** messages left out of `messages` (older ones), 0 when all are shown */
  messagesLeftOut: number;
  history: string[];
  evidence: ReportEvidenceRow[];
  /** events left out of `evidence` (older ones), 0 when all are shown */
  evidenceLeftOut: number;
  /** every outcome event counted by reply (type, reason, code, text), latest reply first */
  replies: ReportReplyRow[];
  /** the outcome events the replies count */
  outcomeEvents: number;
  /** the sentences that say what was left out, or null */
  messagesNote: string | null;
  evidenceNote: string | null;
  incidents: string[];
  actions: string[];
  caveats: string[];
}

export interface ReportModel {
  lang: Lang;
  timeZone: string;
  title: string;
  generatedLine: string;
  /** one line per address: the answer to paste */
  summary: string[];
  addresses: ReportAddress[];
  /** every event of every address, for the CSV export */
  events: Array<{ address: string; event: DeliveryEvent }>;
}

export interface ReportOptions {
  lang: Lang;
  timeZone: string;
  /** when the report is made (ISO); default now */
  generatedAt?: string;
}

const ENGAGEMENT = new Set(['open', 'click']);

function codeOf(e: DeliveryEvent): string {
  return [e.smtpCode, e.enhancedCode].filter((x) => x !== null && x !== undefined && x !== '').join(' ');
}

function messageLabel(m: AddressReport['messages'][number], lang: Lang): string {
  const w = REPORT_WORDS[lang];
  const parts: string[] = [];
  if (m.campaign) parts.push(fill(w.campaign, { value: m.campaign }));
  if (m.messageId) parts.push(fill(w.messageId, { value: m.messageId }));
  if (m.subject) parts.push(fill(w.subject, { value: m.subject }));
  return parts.join(', ');
}

function historyLines(r: AddressReport, lang: Lang, tz: string): string[] {
  const w = REPORT_WORDS[lang];
  const typeWords = WORDS[lang].eventType;
  const lines: string[] = [];
  for (const p of r.periods) {
    let cause = '';
    if (p.cause) {
      const hasText = Boolean(p.cause.diagnostic || p.cause.smtpCode);
      cause = fill(hasText ? w.causeEvent : w.causeEventNoText, {
        type: typeWords[p.cause.type] ?? p.cause.type,
        text: serverText(p.cause, lang),
        domain: p.cause.domain,
        date: formatDay(p.cause.time, lang, tz),
      });
    } else if (p.importedFrom) {
      cause = fill(w.causeImported, { file: p.importedFrom.file, line: p.importedFrom.line });
    }
    const status = w.statusNames[p.status];
    lines.push(
      p.end
        ? fill(w.period, { status, start: formatDay(p.start, lang, tz), end: formatDay(p.end, lang, tz), cause })
        : fill(w.periodRunning, { status, start: formatDay(p.start, lang, tz), cause }),
    );
    if (p.release) {
      lines.push(
        fill(w.released, {
          status: w.statusNames[p.release.status].toLowerCase(),
          by: p.release.by,
          date: formatDay(p.release.time, lang, tz),
          reason: oneLine(p.release.reason, 200),
        }),
      );
    }
  }
  return lines;
}

function repliesOf(r: AddressReport, lang: Lang, tz: string): { rows: ReportReplyRow[]; events: number } {
  const w = REPORT_WORDS[lang];
  const typeNames = WORDS[lang].eventType;
  const categoryNames = WORDS[lang].category;
  const groups = new Map<string, { times: number; first: DeliveryEvent; last: DeliveryEvent }>();
  let events = 0;
  for (const e of r.events) {
    if (ENGAGEMENT.has(e.type)) continue;
    events++;
    const key = `${e.type}\u0000${e.category ?? ''}\u0000${codeOf(e)}\u0000${e.diagnostic ?? ''}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { times: 1, first: e, last: e });
    else {
      g.times++;
      if (e.time < g.first.time) g.first = e;
      if (e.time >= g.last.time) g.last = e;
    }
  }
  const rows = [...groups.values()]
    .sort((a, b) => (a.last.time < b.last.time ? 1 : a.last.time > b.last.time ? -1 : 0))
    .slice(0, REPLY_ROWS_SHOWN)
    .map(({ times, first, last: e }) => ({
      times,
      first: formatDateTime(first.time, lang, tz),
      last: formatDateTime(e.time, lang, tz),
      type: typeNames[e.type] ?? e.type,
      category: e.category && e.type !== 'delivered' ? (categoryNames[e.category] ?? e.category) : '',
      code: codeOf(e),
      text: oneLine(e.diagnostic, 500),
      source: fill(w.lineRef, { file: e.source.file, line: e.source.line }),
    }));
  return { rows, events };
}

function evidenceOf(r: AddressReport, lang: Lang, tz: string): { rows: ReportEvidenceRow[]; leftOut: number } {
  const w = REPORT_WORDS[lang];
  const typeNames = WORDS[lang].eventType;
  const categoryNames = WORDS[lang].category;
  // opens and clicks are not evidence of an outcome: the CSV keeps them
  const outcome = r.events.filter((e) => !ENGAGEMENT.has(e.type));
  const shown = outcome.slice(Math.max(0, outcome.length - EVIDENCE_ROWS_SHOWN));
  return {
    rows: shown.map((e) => ({
      date: formatDateTime(e.time, lang, tz),
      type: typeNames[e.type] ?? e.type,
      category: e.category && e.type !== 'delivered' ? (categoryNames[e.category] ?? e.category) : '',
      code: codeOf(e),
      text: oneLine(e.diagnostic, 500),
      source: fill(w.lineRef, { file: e.source.file, line: e.source.line }),
    })),
    leftOut: outcome.length - shown.length,
  };
}

export function addressSection(r: AddressReport, lang: Lang, tz: string): ReportAddress {
  const w = REPORT_WORDS[lang];
  const seen = r.status !== 'unknown' || r.events.length > 0;
  const evidence = evidenceOf(r, lang, tz);
  const replies = repliesOf(r, lang, tz);
  return {
    address: r.address,
    seen,
    status: r.status,
    statusLabel: w.statusNames[r.status],
    untilText: r.until ? fill(w.until, { date: formatDay(r.until, lang, tz) }) : '',
    tone: r.answer.tone,
    headline: seen ? r.answer.headline : w.neverSeen,
    explanation: r.explanation,
    typoSuggestion: r.typoSuggestion,
    messagesLeftOut: Math.max(0, r.messages.length - MESSAGE_ROWS_SHOWN),
    messages: r.messages.slice(Math.max(0, r.messages.length - MESSAGE_ROWS_SHOWN)).map((m) => ({
      date: formatDateTime(m.firstTime, lang, tz),
      verdict: m.verdict,
      verdictLabel: WORDS[lang].verdictName[m.verdict],
      message: messageLabel(m, lang),
      summary: m.summary,
    })),
    history: historyLines(r, lang, tz),
    evidence: evidence.rows,
    evidenceLeftOut: evidence.leftOut,
    replies: replies.rows,
    outcomeEvents: replies.events,
    messagesNote: r.messages.length > MESSAGE_ROWS_SHOWN ? fill(pluralOf(lang, r.messages.length - MESSAGE_ROWS_SHOWN, w.earlierMessages), { count: r.messages.length - MESSAGE_ROWS_SHOWN, shown: MESSAGE_ROWS_SHOWN }) : null,
    evidenceNote: evidence.leftOut > 0 ? fill(pluralOf(lang, evidence.leftOut, w.earlierEvents), { count: evidence.leftOut }) : null,
    // platform incidents join here once incident detection is in the engine (SPEC §6)
    incidents: [],
    actions: r.actions.map((a) => a.text),
    caveats: r.caveats.map((a) => a.text),
  };
}

/** The report for these addresses (already looked up in the reader's language and zone). */
export function buildReport(reports: readonly AddressReport[], options: ReportOptions): ReportModel {
  const { lang, timeZone } = options;
  const w = REPORT_WORDS[lang];
  const addresses = reports.map((r) => addressSection(r, lang, timeZone));
  const summary = addresses.map((a) => {
    let line = fill(w.summaryLine, { address: a.address, status: a.statusLabel, until: a.untilText ? ` ${a.untilText}` : '', headline: a.headline });
    if (a.actions.length > 0) line += fill(w.summaryTodo, { action: a.actions[0] });
    return line;
  });
  const events: ReportModel['events'] = [];
  for (const r of reports) for (const event of r.events) events.push({ address: r.address, event });
  return {
    lang,
    timeZone,
    title: w.title,
    generatedLine: fill(w.generated, { date: formatDateTime(options.generatedAt ?? new Date().toISOString(), lang, timeZone), zone: timeZone }),
    summary,
    addresses,
    events,
  };
}
