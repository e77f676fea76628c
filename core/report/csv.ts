/**
 * The report's events as CSV, one row per event with the address, for a spreadsheet. Cells that
 * a spreadsheet would run (= + - @ tab CR at the start) are neutralised by csvCell; papaparse
 * quotes what needs quoting. Headers in the reader's language; times ISO-8601 UTC and local.
 */
import Papa from 'papaparse';
import { formatDateTime } from '../address';
import type { ReportModel } from './model';
import { csvCell } from './safe-text';
import { REPORT_WORDS } from './words';

export function renderCsv(model: ReportModel): string {
  const c = REPORT_WORDS[model.lang].col;
  const header = [c.address, 'UTC', `${c.date} (${model.timeZone})`, c.type, c.category, 'SMTP', 'DSN', c.text, c.campaign, c.messageId, c.subject, c.file, c.line];
  const rows = model.events.map(({ address, event: e }) => [
    address,
    e.time,
    formatDateTime(e.time, model.lang, model.timeZone),
    e.type,
    e.category ?? '',
    e.smtpCode === null ? '' : String(e.smtpCode),
    e.enhancedCode ?? '',
    e.diagnostic ?? '',
    e.campaign ?? '',
    e.messageId ?? '',
    e.subject ?? '',
    e.source.file,
    String(e.source.line),
  ].map(csvCell));
  // a BOM so that Excel reads UTF-8 accents; CRLF as RFC 4180 says
  return '\ufeff' + Papa.unparse({ fields: header.map(csvCell), data: rows }, { newline: '\r\n', escapeFormulae: false }) + '\r\n';
}
