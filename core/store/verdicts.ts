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

/** The fields of a reply that its classification depends on. */
const REPLY_FIELDS = ['type', 'smtp_code', 'enhanced_code', 'diagnostic', 'domain', 'hint'] as const;

/**
 * The condition that rows `a` and `b` hold the same reply. The tuple's hash (`ckey`) is only a
 * way to find candidates fast: two different replies whose hashes collide were each given both
 * verdicts (an event stored twice), so the fields themselves are compared too.
 */
export function sameReply(a: string, b: string): string {
  return REPLY_FIELDS.map((f) => `${a}.${f} IS NOT DISTINCT FROM ${b}.${f}`).join(' AND ');
}

/**
 * Writes one verdict per tuple into the temporary table `table`: the tuple's fields, its hash
 * (`ckey`) and its category, rule… Join it with `ckey` and `sameReply`.
 */
export async function writeVerdicts(db: Database, table: string, tuples: ReplyTuple[], classify: ClassifyFn): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE ${table} (
    ckey UBIGINT, type VARCHAR, smtp_code INTEGER, enhanced_code VARCHAR, diagnostic VARCHAR, domain VARCHAR, hint VARCHAR,
    category VARCHAR, severity VARCHAR, actor VARCHAR, counts_against BOOLEAN, rule VARCHAR)`);
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
      appender.appendVarchar(t.type);
      if (t.smtp_code === null) appender.appendNull();
      else appender.appendInteger(t.smtp_code);
      for (const text of [t.enhanced_code, t.diagnostic, t.domain, t.hint]) {
        if (text === null) appender.appendNull();
        else appender.appendVarchar(text);
      }
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
