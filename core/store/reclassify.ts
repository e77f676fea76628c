/** A reply no rule understood, with how often and where it came. */
export interface UnknownReply {
  diagnostic: string;
  smtpCode: number | null;
  enhancedCode: string | null;
  count: number;
  domains: string[];
}

/**
 * Re-applying the current rules to the whole store (a rule change never needs a re-import),
 * and the list of replies no rule understood, so that rules can be added for them.
 */
import type { Database } from './database';
import { rebuildCategoryCounts } from './hourly-tables';
import { CLASSIFIED_TYPES_SQL, sameReply, writeVerdicts, type ClassifyFn, type ReplyTuple } from './verdicts';

const TUPLE = `hash(type, smtp_code, enhanced_code, diagnostic, domain, hint)`;

export async function reclassifyStore(
  db: Database,
  classify: ClassifyFn,
): Promise<{ events: number; changed: number; seconds: number }> {
  const started = performance.now();
  try {
    return await reclassifyInTransaction(db, classify, started);
  } finally {
    // after a failure too: the next reclassify must not meet a half-filled table
    await db.run(`DROP TABLE IF EXISTS reclassified`).catch(() => undefined);
  }
}

function reclassifyInTransaction(
  db: Database,
  classify: ClassifyFn,
  started: number,
): Promise<{ events: number; changed: number; seconds: number }> {
  return db.transaction(async () => {
    const tuples = await db.all<ReplyTuple>(
      `SELECT DISTINCT ${TUPLE} AS ckey, type, smtp_code, enhanced_code, diagnostic, domain, hint
       FROM events WHERE type IN (${CLASSIFIED_TYPES_SQL})`,
    );
    await writeVerdicts(db, 'reclassified', tuples, classify);
    const changed = await db.run(
      `UPDATE events SET category = r.category, severity = r.severity, actor = r.actor,
              counts_against = r.counts_against, rule = r.rule
       FROM reclassified r
       WHERE ${TUPLE.replace(/\b(type|smtp_code|enhanced_code|diagnostic|domain|hint)\b/g, 'events.$1')} = r.ckey
         AND ${sameReply('events', 'r')}
         AND events.type IN (${CLASSIFIED_TYPES_SQL})
         AND (events.category IS DISTINCT FROM r.category OR events.rule IS DISTINCT FROM r.rule
              OR events.counts_against IS DISTINCT FROM r.counts_against OR events.severity IS DISTINCT FROM r.severity
              OR events.actor IS DISTINCT FROM r.actor)`,
    );
    if (changed > 0) await rebuildCategoryCounts(db); // the charts' and incidents' counts by category
    const total = await db.one<{ n: bigint }>(`SELECT count(*) AS n FROM events`);
    return { events: Number(total?.n ?? 0), changed, seconds: (performance.now() - started) / 1000 };
  });
}

export async function unknownTexts(db: Database, limit: number): Promise<UnknownReply[]> {
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
