/**
 * Classifying distinct replies, not rows: real data repeats the same few thousand texts. Both the
 * import and `reclassify` read the distinct tuples, classify each once, and join the verdicts
 * back by the tuple's hash.
 */
import type { Classification, ClassifyInput } from '../model/category';
import type { Database } from './database';

export type ClassifyFn = (input: ClassifyInput) => Classification;

/** Event types that carry a delivery failure and so get a category. */
export const CLASSIFIED_TYPES = ['deferred', 'soft_bounce', 'hard_bounce', 'blocked'] as const;
export const CLASSIFIED_TYPES_SQL = CLASSIFIED_TYPES.map((t) => `'${t}'`).join(', ');

export interface ReplyTuple {
  ckey: bigint;
  type: string;
  smtp_code: number | null;
  enhanced_code: string | null;
  diagnostic: string | null;
  domain: string;
  hint: string | null;
}

/** Writes one verdict per tuple into the temporary table `table` (ckey → category, rule…). */
export async function writeVerdicts(db: Database, table: string, tuples: ReplyTuple[], classify: ClassifyFn): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE ${table} (
    ckey UBIGINT, category VARCHAR, severity VARCHAR, actor VARCHAR, counts_against BOOLEAN, rule VARCHAR)`);
  const appender = await db.connection.createAppender(table, 'main', 'temp');
  try {
    for (const t of tuples) {
      const verdict = classify({
        smtpCode: t.smtp_code,
        enhancedCode: t.enhanced_code,
        diagnostic: t.diagnostic,
        domain: t.domain,
        hint: t.hint,
        type: t.type,
      });
      appender.appendUBigInt(t.ckey);
      appender.appendVarchar(verdict.category);
      appender.appendVarchar(verdict.severity);
      appender.appendVarchar(verdict.actor);
      appender.appendBoolean(verdict.countsAgainstAddress);
      appender.appendVarchar(verdict.rule);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
