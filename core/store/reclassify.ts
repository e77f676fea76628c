/**
 * Re-applying the current rules to the whole store (a rule change never needs a re-import),
 * and the list of replies no rule understood, so that rules can be added for them.
 */
import type { UnknownText } from '../contract';
import type { Database } from './database';
import type { ClassifyFn } from './staging';

const TUPLE = `hash(type, smtp_code, enhanced_code, diagnostic, domain, hint)`;

export async function reclassifyStore(
  db: Database,
  classify: ClassifyFn,
): Promise<{ events: number; changed: number; seconds: number }> {
  const started = performance.now();
  return db.transaction(async () => {
    const tuples = await db.all<{
      ckey: bigint;
      type: string;
      smtp_code: number | null;
      enhanced_code: string | null;
      diagnostic: string | null;
      domain: string;
      hint: string | null;
    }>(
      `SELECT DISTINCT ${TUPLE} AS ckey, type, smtp_code, enhanced_code, diagnostic, domain, hint
       FROM events WHERE type IN ('deferred', 'soft_bounce', 'hard_bounce', 'blocked')`,
    );
    await db.run(`CREATE OR REPLACE TEMP TABLE reclassified (
      ckey UBIGINT, category VARCHAR, severity VARCHAR, actor VARCHAR, counts_against BOOLEAN, rule VARCHAR)`);
    const appender = await db.connection.createAppender('reclassified', 'main', 'temp');
    try {
      for (const t of tuples) {
        const v = classify({
          smtpCode: t.smtp_code,
          enhancedCode: t.enhanced_code,
          diagnostic: t.diagnostic,
          domain: t.domain,
          hint: t.hint,
          type: t.type,
        });
        appender.appendUBigInt(t.ckey);
        appender.appendVarchar(v.category);
        appender.appendVarchar(v.severity);
        appender.appendVarchar(v.actor);
        appender.appendBoolean(v.countsAgainstAddress);
        appender.appendVarchar(v.rule);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    const changed = await db.run(
      `UPDATE events SET category = r.category, severity = r.severity, actor = r.actor,
              counts_against = r.counts_against, rule = r.rule
       FROM reclassified r
       WHERE ${TUPLE.replace(/\b(type|smtp_code|enhanced_code|diagnostic|domain|hint)\b/g, 'events.$1')} = r.ckey
         AND events.type IN ('deferred', 'soft_bounce', 'hard_bounce', 'blocked')
         AND (events.category IS DISTINCT FROM r.category OR events.rule IS DISTINCT FROM r.rule
              OR events.counts_against IS DISTINCT FROM r.counts_against OR events.severity IS DISTINCT FROM r.severity
              OR events.actor IS DISTINCT FROM r.actor)`,
    );
    await db.run(`DROP TABLE reclassified`);
    const total = await db.one<{ n: bigint }>(`SELECT count(*) AS n FROM events`);
    return { events: Number(total?.n ?? 0), changed, seconds: (performance.now() - started) / 1000 };
  });
}

export async function unknownTexts(db: Database, limit: number): Promise<UnknownText[]> {
  const rows = await db.all<{
    diagnostic: string | null;
    smtp_code: number | null;
    enhanced_code: string | null;
    n: bigint;
    domains: string[];
  }>(
    `SELECT diagnostic, smtp_code, enhanced_code, count(*) AS n, list(DISTINCT domain ORDER BY domain)[1:10] AS domains
     FROM events WHERE category = 'unknown'
     GROUP BY diagnostic, smtp_code, enhanced_code ORDER BY n DESC, diagnostic LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    diagnostic: r.diagnostic ?? '',
    smtpCode: r.smtp_code,
    enhancedCode: r.enhanced_code,
    count: Number(r.n),
    domains: r.domains,
  }));
}
