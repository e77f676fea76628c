/**
 * The remediation report (SPEC §8): the model (model.ts), then one renderer per format. The
 * Engine's `report` method looks the addresses up and hands the file to any shell.
 */
import type { ReportFile, ReportFormat } from '../contract';
import { renderCsv } from './csv';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import type { ReportModel } from './model';
import { renderPdf } from './pdf';

export { buildReport, addressSection, EVIDENCE_ROWS_SHOWN, type ReportModel, type ReportAddress, type ReportOptions } from './model';
export { renderMarkdown } from './markdown';
export { renderHtml } from './html';
export { renderCsv } from './csv';
export { renderPdf, pdfDefinition } from './pdf';
export { REPORT_WORDS } from './words';

export const REPORT_FORMATS = ['md', 'html', 'pdf', 'csv'] as const satisfies readonly ReportFormat[];

const MIME: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
};

/** A file name from the first address and the date: "rebond-report-marie.leroy-hotmail.fr-2021-02-01.pdf". */
export function reportFileName(addresses: readonly string[], format: ReportFormat, generatedAt: string): string {
  const first = (addresses[0] ?? 'addresses').replace(/@/g, '-').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
  const more = addresses.length > 1 ? `-and-${addresses.length - 1}-more` : '';
  return `rebond-report-${first}${more}-${generatedAt.slice(0, 10)}.${format}`;
}

export async function renderReport(model: ReportModel, format: ReportFormat, fileName: string): Promise<ReportFile> {
  const base = { format, fileName, mimeType: MIME[format] };
  switch (format) {
    case 'md':
      return { ...base, text: renderMarkdown(model) };
    case 'html':
      return { ...base, text: renderHtml(model) };
    case 'csv':
      return { ...base, text: renderCsv(model) };
    case 'pdf':
      return { ...base, base64: (await renderPdf(model)).toString('base64') };
  }
}
