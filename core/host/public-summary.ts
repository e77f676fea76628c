/**
 * An import's summary as the page may see it. The engine imported temporary copies of the
 * dropped files, so its per-file failures and rejected lines name `/tmp/rebond-uploads-…/<id>.log`;
 * and a failure deep in the store may carry DuckDB's own text. Here each file is named as the
 * user dropped it, and database wording becomes plain words (the detail goes to the terminal).
 */
import { dirname } from 'node:path';
import type { FileImportResult, ImportSummary, LineError } from '../contract';
import type { Problem } from '../model/problems';
import { isDatabaseText } from './public-errors';

/** A temporary copy and the name the user knows the file by. */
export interface NamedCopy {
  path: string;
  name: string;
}

const DETAILS_IN_TERMINAL = 'the details are in the terminal where `rebond serve` runs';

/** DuckDB's types, in the words of someone reading the file (its CSV reader names them on a CAST reject). */
const TYPE_WORDS: [RegExp, string][] = [
  [/^(?:TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/, 'a whole number'],
  [/^(?:FLOAT|DOUBLE|REAL|DECIMAL.*)$/, 'a number'],
  [/^(?:DATE)$/, 'a date'],
  [/^(?:TIMESTAMP.*|TIME.*)$/, 'a date and time'],
  [/^BOOLEAN$/, 'true or false'],
];

/** `Error when converting column "a". Could not convert string "x" to 'BIGINT'` (DuckDB's rejects table) */
const CAST_REJECT = /^Error when converting column "([^"]*)"\. Could not convert string "(.*)" to '([^']+)'/s;

/** Replaces every temporary path (and, failing that, the temporary folder) by what the user knows. */
export function withDisplayNames(text: string, copies: readonly NamedCopy[]): string {
  let out = text;
  for (const copy of copies) out = out.split(copy.path).join(copy.name);
  for (const folder of new Set(copies.map((c) => dirname(c.path)))) out = out.split(folder).join('a temporary folder');
  return out;
}

function publicLineMessage(message: string, copies: readonly NamedCopy[], log: (line: string) => void, file: string): string {
  const named = withDisplayNames(message, copies);
  const cast = CAST_REJECT.exec(named);
  if (cast) {
    const [, column, value, type] = cast;
    const expected = TYPE_WORDS.find(([pattern]) => pattern.test(type))?.[1] ?? 'a value of the expected kind';
    return `“${value}” in column “${column}” is not ${expected}`;
  }
  if (isDatabaseText(named)) {
    log(`rebond serve: ${file}: database error on a line: ${named}`);
    return `this line could not be read (${DETAILS_IN_TERMINAL})`;
  }
  return named;
}

function publicFileResult(result: FileImportResult, copy: NamedCopy | undefined, copies: readonly NamedCopy[], log: (line: string) => void): FileImportResult {
  const file = copy?.name ?? 'a file';
  const out: FileImportResult = {
    ...result,
    errors: result.errors.map((e: LineError) => ({ ...e, message: publicLineMessage(e.message, copies, log, file) })),
  };
  if (result.error !== undefined) {
    const named = withDisplayNames(result.error, copies);
    if (isDatabaseText(named)) {
      log(`rebond serve: ${file}: database error: ${named}`);
      out.error = `${file} could not be imported: the workspace database refused it (${DETAILS_IN_TERMINAL}).`;
    } else {
      out.error = named;
    }
  }
  if (result.problem !== undefined) {
    const params = Object.fromEntries(
      Object.entries(result.problem.params).map(([k, v]) => [k, typeof v === 'string' ? withDisplayNames(v, copies) : v]),
    );
    const detail = typeof params.detail === 'string' ? params.detail : '';
    out.problem = (
      result.problem.code === 'import.failed' && isDatabaseText(detail)
        ? { code: 'import.databaseFailed', params: { file } }
        : { code: result.problem.code, params }
    ) as Problem;
  }
  return out;
}

/**
 * The summary the page is sent. `copies` are the uploads in the order they were imported (the
 * engine answers one result per path, in order); a result is matched by its path first.
 */
export function publicImportSummary(summary: ImportSummary, copies: readonly NamedCopy[], log: (line: string) => void): ImportSummary {
  return {
    ...summary,
    files: summary.files.map((result, index) => {
      const copy = copies.find((c) => c.path === result.path) ?? copies[index];
      return publicFileResult(result, copy, copies, log);
    }),
  };
}
