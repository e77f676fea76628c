/**
 * The report as Markdown, to paste into a ticket: it reads as plain text too. Every text is
 * escaped by markdownText (one line, structure characters backslashed), so a bounce text with
 * a newline, a `|` or a backtick stays inside its cell.
 */
import type { ReportAddress, ReportModel } from './model';
import { markdownText as md } from './safe-text';
import { REPORT_WORDS } from './words';

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => md(c) || ' ').join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)];
}

function bullets(items: readonly string[]): string[] {
  return items.map((item) => `- ${md(item)}`);
}

function addressMarkdown(a: ReportAddress, model: ReportModel): string[] {
  const w = REPORT_WORDS[model.lang];
  const out: string[] = [`## ${md(a.address)}`, ''];
  const colon = model.lang === 'fr' ? ' :' : ':'; // French typography: a space before the colon
  out.push(`**${md(w.status)}${colon}** ${md(a.statusLabel)}${a.untilText ? ` ${md(a.untilText)}` : ''}`, '');
  out.push(`**${md(w.answer)}** ${md(a.headline)}`, '');
  if (!a.seen) return out;
  out.push(md(a.explanation), '');
  out.push(`### ${md(w.messages)}`, '');
  if (a.messagesNote) out.push(md(a.messagesNote), '');
  if (a.messages.length === 0) out.push(md(w.noMessages), '');
  else out.push(...table([w.col.date, w.col.message, w.col.verdict, w.col.detail], a.messages.map((m) => [m.date, m.message, m.verdictLabel, m.summary])), '');
  out.push(`### ${md(w.history)}`, '');
  out.push(...(a.history.length ? bullets(a.history) : [md(w.noHistory)]), '');
  if (a.incidents.length > 0) out.push(`### ${md(w.incidents)}`, '', ...bullets(a.incidents), '');
  out.push(`### ${md(w.whatToDo)}`, '');
  out.push(...(a.actions.length ? bullets(a.actions) : [md(w.noAction)]), '');
  if (a.caveats.length > 0) out.push(`### ${md(w.goodToKnow)}`, '', ...bullets(a.caveats), '');
  out.push(`### ${md(w.evidence)}`, '');
  if (a.evidenceNote) out.push(md(a.evidenceNote), '');
  out.push(...table([w.col.date, w.col.type, w.col.category, w.col.code, w.col.text, w.col.source], a.evidence.map((e) => [e.date, e.type, e.category, e.code, e.text, e.source])), '');
  return out;
}

export function renderMarkdown(model: ReportModel): string {
  const w = REPORT_WORDS[model.lang];
  const out: string[] = [`# ${md(model.title)}`, '', md(model.generatedLine), '', `## ${md(w.summary)}`, '', ...bullets(model.summary), ''];
  for (const a of model.addresses) out.push(...addressMarkdown(a, model));
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
