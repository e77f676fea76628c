/**
 * The report as one self-contained HTML page: inline styles only, no script, no external
 * resource (a Content-Security-Policy meta forbids them too), so it can be attached to a ticket
 * and opened anywhere. Every text goes through htmlText.
 */
import type { AnswerTone } from '../contract';
import type { ReportAddress, ReportModel } from './model';
import { htmlText as h } from './safe-text';
import { REPORT_WORDS } from './words';

/** The headline's look: "the address is fine but mail does not arrive" is its own colour. */
export const TONE_STYLE: Record<AnswerTone, { background: string; border: string }> = {
  delivered: { background: '#e8f5e9', border: '#2e7d32' },
  sender_problem: { background: '#fff3e0', border: '#e65100' },
  address_problem: { background: '#ffebee', border: '#c62828' },
  suppressed: { background: '#ede7f6', border: '#4527a0' },
  pending: { background: '#e3f2fd', border: '#1565c0' },
  unknown: { background: '#f5f5f5', border: '#616161' },
  none: { background: '#f5f5f5', border: '#9e9e9e' },
};

const CELL = 'border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top';
const TABLE = 'border-collapse:collapse;width:100%;font-size:13px;margin:6px 0 14px';

function table(header: readonly string[], rows: readonly (readonly string[])[], wide: number[] = []): string {
  const head = header.map((c) => `<th style="${CELL};background:#f0f0f0">${h(c)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td style="${CELL}${wide.includes(i) ? ';word-break:break-word' : ';white-space:nowrap'}">${h(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table style="${TABLE}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function list(items: readonly string[]): string {
  return `<ul style="margin:4px 0 12px">${items.map((i) => `<li>${h(i)}</li>`).join('')}</ul>`;
}

function section(a: ReportAddress, model: ReportModel): string {
  const w = REPORT_WORDS[model.lang];
  const tone = TONE_STYLE[a.seen ? a.tone : 'none'];
  const parts: string[] = [
    `<section style="margin:24px 0">`,
    `<h2 style="font-size:18px;margin:0 0 6px">${h(a.address)}</h2>`,
    `<p style="margin:4px 0"><strong>${h(w.status)}${model.lang === 'fr' ? ' :' : ':'}</strong> ${h(a.statusLabel)}${a.untilText ? ` ${h(a.untilText)}` : ''}</p>`,
    `<p data-tone="${h(a.seen ? a.tone : 'none')}" style="margin:8px 0;padding:8px 10px;border-left:5px solid ${tone.border};background:${tone.background}"><strong>${h(w.answer)}</strong> ${h(a.headline)}</p>`,
  ];
  if (a.seen) {
    parts.push(`<p style="margin:6px 0">${h(a.explanation)}</p>`);
    parts.push(`<h3 style="font-size:15px">${h(w.messages)}</h3>`);
    if (a.messagesNote) parts.push(`<p>${h(a.messagesNote)}</p>`);
    parts.push(
      a.messages.length
        ? table([w.col.date, w.col.message, w.col.verdict, w.col.detail], a.messages.map((m) => [m.date, m.message, m.verdictLabel, m.summary]), [1, 3])
        : `<p>${h(w.noMessages)}</p>`,
    );
    parts.push(`<h3 style="font-size:15px">${h(w.history)}</h3>`, a.history.length ? list(a.history) : `<p>${h(w.noHistory)}</p>`);
    if (a.incidents.length) parts.push(`<h3 style="font-size:15px">${h(w.incidents)}</h3>`, list(a.incidents));
    parts.push(`<h3 style="font-size:15px">${h(w.whatToDo)}</h3>`, a.actions.length ? list(a.actions) : `<p>${h(w.noAction)}</p>`);
    if (a.caveats.length) parts.push(`<h3 style="font-size:15px">${h(w.goodToKnow)}</h3>`, list(a.caveats));
    parts.push(`<h3 style="font-size:15px">${h(w.evidence)}</h3>`);
    if (a.evidenceNote) parts.push(`<p>${h(a.evidenceNote)}</p>`);
    parts.push(table([w.col.date, w.col.type, w.col.category, w.col.code, w.col.text, w.col.source], a.evidence.map((e) => [e.date, e.type, e.category, e.code, e.text, e.source]), [4, 5]));
  }
  parts.push('</section>');
  return parts.join('\n');
}

export function renderHtml(model: ReportModel): string {
  const w = REPORT_WORDS[model.lang];
  return `<!doctype html>
<html lang="${model.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${h(model.title)}</title>
</head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1a1a1a;max-width:1100px;margin:24px auto;padding:0 16px;line-height:1.45">
<h1 style="font-size:22px;margin:0 0 4px">${h(model.title)}</h1>
<p style="color:#555;margin:0 0 16px">${h(model.generatedLine)}</p>
<h2 style="font-size:18px">${h(w.summary)}</h2>
${list(model.summary)}
${model.addresses.map((a) => section(a, model)).join('\n')}
</body>
</html>
`;
}
