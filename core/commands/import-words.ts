/**
 * What `rebond import` prints for each imported file, in the reader's language (`--lang`, else
 * the workspace's): "janvier.csv: mailjet, 12 events stored, 0 duplicates skipped, 1 lines
 * rejected (0.20 s)" stays as scripts have read it in English; French counts take the language's
 * plurals ("aucun doublon", "1 ligne rejetée").
 */
import type { FileImportResult } from '../contract';
import type { Lang } from '../model/lang';

function frCount(n: number, zero: string, one: string, many: string): string {
  if (n === 0) return zero;
  return `${n.toLocaleString('fr-FR')} ${n === 1 ? one : many}`;
}

export function importedLine(f: FileImportResult, lang: Lang): string {
  if (lang === 'fr') {
    const parts = [
      frCount(f.stored, 'aucun événement enregistré', 'événement enregistré', 'événements enregistrés'),
      frCount(f.duplicates, 'aucun doublon', 'doublon ignoré', 'doublons ignorés'),
      frCount(f.rejected, 'aucune ligne rejetée', 'ligne rejetée', 'lignes rejetées'),
      ...(f.skipped ? [frCount(f.skipped, '', 'enregistrement ignoré volontairement', 'enregistrements ignorés volontairement')] : []),
      ...(f.listed ? [frCount(f.listed, '', 'adresse listée', 'adresses listées')] : []),
    ];
    return `${f.path} : ${f.format}, ${parts.join(', ')} (${f.seconds.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} s)`;
  }
  return (
    `${f.path}: ${f.format}, ${f.stored} events stored, ${f.duplicates} duplicates skipped, ` +
    `${f.rejected} lines rejected${f.skipped ? `, ${f.skipped} skipped` : ''}` +
    `${f.listed ? `, ${f.listed} addresses listed` : ''} (${f.seconds.toFixed(2)} s)`
  );
}

/** "line 12: …" / "ligne 12 : …" */
export function rejectedLine(line: number, message: string, lang: Lang): string {
  return lang === 'fr' ? `ligne ${line} : ${message}` : `line ${line}: ${message}`;
}
