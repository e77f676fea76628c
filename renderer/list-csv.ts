/**
 * A list as a CSV file for a spreadsheet. Addresses and causes come from imported files: a cell a
 * spreadsheet would run as a formula (= + - @ tab CR at the start) is neutralised by papaparse's
 * `escapeFormulae` (a leading apostrophe). A BOM so that Excel reads UTF-8 accents; CRLF as RFC 4180 says.
 */
import Papa from 'papaparse';

export function listCsv(header: string[], rows: string[][]): string {
  return '\ufeff' + Papa.unparse({ fields: header, data: rows }, { newline: '\r\n', escapeFormulae: true }) + '\r\n';
}

/** Saves text as a download from the page (Electron shows its save dialog, as for reports). */
export function downloadText(fileName: string, text: string, mimeType = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
