/**
 * Reading a CSV header by meaning: exports differ in case, spacing, accents and language
 * ("E-mail", "email", "Adresse e-mail"), so columns are found through synonym tables.
 */
import Papa from 'papaparse';

export type Synonyms<Field extends string> = Record<Field, readonly string[]>;

/** "Adresse e-mail" -> "adresseemail": compare headers without case, accents or punctuation. */
export function squash(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The delimiter that splits the header line into the most fields (`,` `;` or tab). */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const candidates = [',', ';', '\t'] as const;
  let best: ',' | ';' | '\t' = ',';
  let bestCount = 0;
  for (const d of candidates) {
    const count = splitCsvLine(headerLine, d).length;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

export function splitCsvLine(line: string, delimiter: string): string[] {
  const parsed = Papa.parse<string[]>(line, { delimiter, header: false });
  return (parsed.data[0] ?? []).map((cell) => cell.trim());
}

/** Maps each wanted field to the header as written in the file (first synonym found wins). */
export function mapHeader<Field extends string>(
  header: string[],
  synonyms: Synonyms<Field>,
): Partial<Record<Field, string>> {
  const bySquashed = new Map<string, string>();
  for (const h of header) if (!bySquashed.has(squash(h))) bySquashed.set(squash(h), h);
  const mapped: Partial<Record<Field, string>> = {};
  for (const field of Object.keys(synonyms) as Field[]) {
    for (const candidate of synonyms[field]) {
      const found = bySquashed.get(squash(candidate));
      if (found !== undefined) {
        mapped[field] = found;
        break;
      }
    }
  }
  return mapped;
}

/** The 1-based line of the header: the first line that is not blank. */
export function headerLineOf(lines: string[]): number {
  const index = lines.findIndex((l) => l.trim().length > 0);
  return index < 0 ? 1 : index + 1;
}
