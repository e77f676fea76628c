/**
 * The report as PDF, made by the engine itself (so the CLI makes it too) with pdfmake's
 * server-side printer and the Roboto fonts it ships: French accents, ’ « » œ € and tables,
 * without a browser. pdfmake lays text out and never interprets it, so untrusted texts only
 * lose their control characters; nothing in the document is a link or an action.
 */
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import type { ReportAddress, ReportModel } from './model';
import { TONE_STYLE } from './html';
import { plainLine } from './safe-text';
import { REPORT_WORDS } from './words';
import { fill } from '../address';
import { pluralOf } from '../model/lang';

type Printer = { createPdfKitDocument(doc: TDocumentDefinitions): NodeJS.ReadableStream & { end(): void } };
let printer: Promise<Printer> | null = null;

/** Loaded on first use: the other commands do not pay for pdfkit and the fonts. */
function loadPrinter(): Promise<Printer> {
  printer ??= (async () => {
    const [{ default: PdfPrinter }, vfsModule] = await Promise.all([import('pdfmake'), import('pdfmake/build/vfs_fonts.js')]);
    const vfs = ((vfsModule as { default?: unknown }).default ?? vfsModule) as Record<string, string>;
    const font = (name: string) => Buffer.from(vfs[name], 'base64');
    return new PdfPrinter({
      Roboto: { normal: font('Roboto-Regular.ttf'), bold: font('Roboto-Medium.ttf'), italics: font('Roboto-Italic.ttf'), bolditalics: font('Roboto-MediumItalic.ttf') },
    }) as unknown as Printer;
  })();
  return printer;
}

/**
 * Letters the explanation uses that Roboto has no glyph for (French ordinals 1ʳᵉ, 2ᵉ): their plain
 * letter; and the narrow no-break space French puts before ; ? ! (U+202F): the full-width one,
 * which still keeps the sign on the word's line.
 */
const NO_GLYPH: Record<string, string> = { 'ᵉ': 'e', 'ʳ': 'r', 'ᵈ': 'd', 'ˢ': 's', 'ᵒ': 'o', '\u202f': '\u00a0' };
const t = (text: string) => plainLine(text).replace(/[ᵉʳᵈˢᵒ\u202f]/g, (c) => NO_GLYPH[c]);

/**
 * Evidence rows per address in the PDF (the latest), after every event counted by reply:
 * pdfmake measures every wrapped line of a server text, and a PDF of 20 addresses must take a
 * second or two, not tens. The Markdown and HTML show EVIDENCE_ROWS_SHOWN, the CSV every event.
 */
export const PDF_EVIDENCE_ROWS = 5;

/** A cell is one line of text, or several (each made safe, then joined by our own line breaks). */
type Cell = string | readonly string[];
const cellText = (c: Cell) => (typeof c === 'string' ? t(c) : c.map(t).join('\n'));

const LINE_HEIGHT = 1.15;

/**
 * A run of text with every style property pdfmake measures spelled out: pdfmake looks each one
 * up for every word, and a property the node lacks is searched through its style stack (an
 * object made per word and property), which was half of a 20-address report's time. Only the
 * properties whose absence means "none" (link, decoration, background) are left to it.
 */
function leaf(text: string, fontSize: number, bold = false, color = '#000000'): Content & TableCell {
  return {
    text,
    font: 'Roboto',
    fontSize,
    bold,
    italics: false,
    color,
    lineHeight: LINE_HEIGHT,
    characterSpacing: 0,
    preserveLeadingSpaces: false,
    preserveTrailingSpaces: false,
    opacity: 1,
    sup: false,
    sub: false,
    alignment: 'left',
    noWrap: false,
    wordBreak: 'normal',
    leadingIndent: 0,
  } as Content & TableCell;
}

function table(header: readonly string[], rows: readonly (readonly Cell[])[], widths: (string | number)[], fontSize: number): Content {
  const head: TableCell[] = header.map((c) => ({ ...(leaf(t(c), fontSize, true) as object), fillColor: '#eeeeee' }) as TableCell);
  return {
    table: { headerRows: 1, dontBreakRows: true, widths, body: [head, ...rows.map((r) => r.map((c) => leaf(cellText(c), fontSize)))] },
    layout: { hLineColor: () => '#cccccc', vLineColor: () => '#cccccc', paddingLeft: () => 3, paddingRight: () => 3, paddingTop: () => 2, paddingBottom: () => 2 },
    fontSize,
    margin: [0, 2, 0, 10],
  };
}

function bullets(items: readonly string[]): Content {
  return { ul: items.map((item) => leaf(t(item), BODY_SIZE)), margin: [0, 2, 0, 8] };
}

const BODY_SIZE = 9.5;

function addressContent(a: ReportAddress, model: ReportModel): Content[] {
  const w = REPORT_WORDS[model.lang];
  const tone = TONE_STYLE[a.seen ? a.tone : 'none'];
  const out: Content[] = [
    { text: t(a.address), style: 'h2' },
    { text: [{ text: t(`${w.status}${model.lang === 'fr' ? ' : ' : ': '}`), bold: true }, t(`${a.statusLabel}${a.untilText ? ` ${a.untilText}` : ''}`)], margin: [0, 0, 0, 4] },
    {
      table: { widths: ['*'], body: [[{ text: [{ text: t(`${w.answer} `), bold: true }, t(a.headline)], fillColor: tone.background }]] },
      layout: { hLineColor: () => tone.border, vLineColor: () => tone.border, paddingLeft: () => 6, paddingRight: () => 6, paddingTop: () => 5, paddingBottom: () => 5 },
      margin: [0, 2, 0, 8],
    },
  ];
  if (!a.seen) return out;
  out.push({ ...(leaf(t(a.explanation), BODY_SIZE) as object), margin: [0, 0, 0, 6] } as Content);
  out.push({ text: t(w.messages), style: 'h3' });
  if (a.messagesNote) out.push({ text: t(a.messagesNote), fontSize: 8 });
  out.push(
    a.messages.length
      ? table([w.col.date, w.col.message, w.col.verdict, w.col.detail], a.messages.map((m) => [m.date, m.message, m.verdictLabel, m.summary]), [62, 90, 70, '*'], 8)
      : { text: t(w.noMessages) },
  );
  out.push({ text: t(w.history), style: 'h3' }, a.history.length ? bullets(a.history) : { text: t(w.noHistory) });
  if (a.incidents.length) out.push({ text: t(w.incidents), style: 'h3' }, bullets(a.incidents));
  out.push({ text: t(w.whatToDo), style: 'h3' }, a.actions.length ? bullets(a.actions) : { text: t(w.noAction) });
  if (a.caveats.length) out.push({ text: t(w.goodToKnow), style: 'h3' }, bullets(a.caveats));
  out.push({ text: t(w.evidence), style: 'h3' });
  // every event counted by reply, then the latest few: what 1,000 events say, in a few rows
  if (a.replies.length > 0) {
    out.push(leaf(t(fill(pluralOf(model.lang, a.outcomeEvents, w.byReply), { count: a.outcomeEvents })), 8));
    out.push(
      table(
        [w.col.times, w.col.period, w.col.type, w.col.text, w.col.source],
        a.replies.map((r) => [String(r.times), r.times > 1 ? [r.first, r.last] : r.first, [r.type, r.category, r.code].filter(Boolean).join(' · '), r.text, r.source]),
        [28, 62, 70, '*', 80],
        7,
      ),
    );
  }
  const evidence = a.evidence.slice(Math.max(0, a.evidence.length - PDF_EVIDENCE_ROWS));
  out.push(leaf(t(fill(pluralOf(model.lang, evidence.length, w.latestEvents), { shown: evidence.length })), 8));
  // three cells a row, not six: pdfmake's time grows with the cells, and a page is narrow
  out.push(
    table(
      [w.col.date, w.col.text, w.col.source],
      evidence.map((e) => [[e.date, [e.type, e.category, e.code].filter(Boolean).join(' · ')], e.text, e.source]),
      [92, '*', 90],
      7,
    ),
  );
  return out;
}

export function pdfDefinition(model: ReportModel): TDocumentDefinitions {
  const w = REPORT_WORDS[model.lang];
  const content: Content[] = [
    { text: t(model.title), style: 'h1' },
    { text: t(model.generatedLine), color: '#555555', margin: [0, 0, 0, 10] },
    { text: t(w.summary), style: 'h2' },
    bullets(model.summary),
  ];
  for (const a of model.addresses) content.push(...addressContent(a, model));
  return {
    pageSize: 'A4',
    pageMargins: [36, 40, 36, 40],
    info: { title: t(model.title), creator: 'Rebond', producer: 'Rebond' },
    content,
    defaultStyle: { font: 'Roboto', fontSize: BODY_SIZE, lineHeight: LINE_HEIGHT },
    styles: {
      h1: { fontSize: 17, bold: true, margin: [0, 0, 0, 4] },
      h2: { fontSize: 13, bold: true, margin: [0, 12, 0, 4] },
      h3: { fontSize: 10.5, bold: true, margin: [0, 6, 0, 3] },
    },
    footer: (page: number, pages: number) => ({ text: `${page} / ${pages}`, alignment: 'center', fontSize: 8, color: '#777777', margin: [0, 10, 0, 0] }),
  };
}

export async function renderPdf(model: ReportModel): Promise<Buffer> {
  const p = await loadPrinter();
  const doc = p.createPdfKitDocument(pdfDefinition(model));
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
