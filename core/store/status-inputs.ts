/**
 * What the set-wise status pass needs from the store (issue 18 item 2), cut down in DuckDB so
 * that JavaScript sees a row only where it can change an address's status:
 *
 * - An address with no event that can move it (a counting bounce, a complaint, an unsubscribe, as
 *   the policy reads them) and no imported list entry is settled in SQL: `ok`, or `filtered` from
 *   its first event when its domain is disposable (`settledAddresses`, one GROUP BY).
 * - For the others (`streamStatusInputs`): events that do nothing to the address (requested,
 *   blocked, non-counting bounces) are left out, except the first (it dates a `filtered` period);
 *   of a run of deliveries with nothing between them, only the first is kept — the later ones
 *   repeat what it did (escalation reset, the temporary quarantine already cut). Addresses that a
 *   release or an imported list entry touches keep all their deliveries: those can fall between.
 *
 * The policy itself still runs in JavaScript (core/policy/stream.ts) on what is left, so the
 * answer is the per-address policy's; test/policy/setwise.test.ts compares the two.
 */
import type { DeliveryEvent, EventType } from '../model/event';
import type { Database } from './database';
import { isoTime } from './sql';

/** The policy switches the SQL reading of an event depends on (the same as effectOf's). */
export interface EffectSwitches {
  engagementCountsAsDelivery: boolean;
  mailboxFullDeferralQuarantines: boolean;
  expiredCountsAsSoft: boolean;
}

const sqlBool = (b: boolean): string => (b ? 'true' : 'false');

/**
 * 0: nothing (for this policy), 1: a delivery, 2: something that can move the address. Mirrors
 * core/policy/reconstruct.ts `effectOf`; a row marked 2 or 1 by mistake only costs time, a row
 * marked 0 by mistake would change an answer (the comparison test guards it).
 */
export function effectSql(p: EffectSwitches): string {
  return `CASE
    WHEN type = 'delivered' THEN 1
    WHEN type IN ('open', 'click') THEN ${p.engagementCountsAsDelivery ? 1 : 0}
    WHEN type IN ('complaint', 'unsubscribe') THEN 2
    WHEN type IN ('soft_bounce', 'hard_bounce', 'deferred') THEN CASE
      WHEN category = 'mailbox_full' THEN CASE WHEN type = 'deferred' AND NOT ${sqlBool(p.mailboxFullDeferralQuarantines)} THEN 0 ELSE 2 END
      WHEN category = 'expired' THEN CASE WHEN type <> 'deferred' AND ${sqlBool(p.expiredCountsAsSoft)} THEN 2 ELSE 0 END
      WHEN type = 'deferred' OR NOT counts_against THEN 0
      ELSE 2 END
    ELSE 0 END`;
}

// The events table is read twice (who can move, then their events), never through one CTE: a CTE
// read twice is materialised whole, every column of every event (3.5 s instead of 0.15 s at 1M).
function movable(at: string | undefined, p: EffectSwitches): string {
  return `movable AS (
      SELECT DISTINCT address FROM events WHERE ${at ? 'time <= $1::TIMESTAMPTZ AND' : ''} ${effectSql(p)} = 2
      UNION SELECT lower(trim(address)) FROM imported_list
    )`;
}

// How the rows cross into JavaScript: as one JSON text per bucket of addresses (a hash of the
// address), parsed by V8 at once. Converting DuckDB values one by one cost 5–10 µs each (1 s for
// 94,000 addresses at 1M events); an address sits in one bucket only, so its events stay together.
const BUCKETS = 64;

async function* jsonBuckets(db: Database, select: string, at: string | undefined): AsyncGenerator<(string | null)[][]> {
  const result = await db.connection.stream(select, at ? [at] : []);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (const text of chunk.getColumns()[0] as string[]) yield JSON.parse(text) as (string | null)[][];
  }
}

/**
 * The addresses nothing could move, with their first event's time (ISO-8601) and domain: `ok`,
 * or `filtered` for a disposable domain. Only `ok` and `filtered` lists need them one by one.
 */
export async function* settledAddresses(db: Database, p: EffectSwitches, at?: string): AsyncGenerator<{ address: string; firstSeen: string; domain: string }[]> {
  const select = `WITH ${movable(at, p)},
     s AS (
       SELECT address, ${isoTime('min(time)')} AS first_seen, any_value(domain) AS domain
       FROM events ANTI JOIN movable USING (address)
       WHERE ${at ? 'time <= $1::TIMESTAMPTZ' : 'true'}
       GROUP BY address
     )
     SELECT to_json(list([address, first_seen, domain])) FROM s GROUP BY hash(address) % ${BUCKETS}`;
  for await (const rows of jsonBuckets(db, select, at)) yield rows.map((r) => ({ address: r[0]!, firstSeen: r[1]!, domain: r[2]! }));
}

/**
 * The same addresses counted by domain (the counts need no more): per domain, how many, and how
 * many were first seen by `evalKey` (a disposable domain's address is filtered from then on).
 */
export async function settledDomains(db: Database, p: EffectSwitches, evalKey: string, at?: string): Promise<{ domain: string; addresses: number; seenBy: number }[]> {
  const rows = await db.all<{ domain: string; addresses: bigint; seen_by: bigint }>(
    `WITH ${movable(at, p)},
     s AS (
       SELECT address, min(time) AS first_seen, any_value(domain) AS domain
       FROM events ANTI JOIN movable USING (address)
       WHERE ${at ? 'time <= $1::TIMESTAMPTZ' : 'true'}
       GROUP BY address
     )
     SELECT domain, count(*) AS addresses, count(*) FILTER (WHERE first_seen <= $${at ? 2 : 1}::TIMESTAMPTZ) AS seen_by FROM s GROUP BY domain`,
    at ? [at, evalKey] : [evalKey],
  );
  return rows.map((r) => ({ domain: r.domain, addresses: Number(r.addresses), seenBy: Number(r.seen_by) }));
}

/**
 * The events of the addresses something could move, cut down as the header says: each address's
 * events together and oldest first (the addresses themselves in no particular order), in batches.
 * Only what the status needs crosses over: no reply codes or server text (a cause's evidence).
 */
export async function* streamStatusInputs(db: Database, p: EffectSwitches, at?: string): AsyncGenerator<DeliveryEvent[]> {
  const select = `WITH ${movable(at, p)},
     touched AS (SELECT lower(trim(address)) AS address FROM releases UNION SELECT lower(trim(address)) FROM imported_list),
     m AS (
       SELECT *, row_number() OVER w AS n, lag(nullif(eff, 0) IGNORE NULLS) OVER w AS prev
       FROM (
         SELECT address, domain, type, time, category, counts_against, import_id, line, ${effectSql(p)} AS eff
         FROM events SEMI JOIN movable USING (address)
         WHERE ${at ? 'time <= $1::TIMESTAMPTZ' : 'true'}
       )
       WINDOW w AS (PARTITION BY address ORDER BY time, import_id, line)
     )
     SELECT to_json(list([address, domain, type, ${isoTime('time')}, category, counts_against::VARCHAR, import_id::VARCHAR, line::VARCHAR]
                         ORDER BY address, time, import_id, line))
     FROM m
     WHERE n = 1 OR eff = 2 OR (eff = 1 AND (prev IS DISTINCT FROM 1 OR address IN (SELECT address FROM touched)))
     GROUP BY hash(address) % ${BUCKETS}`;
  for await (const rows of jsonBuckets(db, select, at)) {
    const batch: DeliveryEvent[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      batch[i] = {
        address: r[0]!,
        domain: r[1]!,
        type: r[2] as EventType,
        time: r[3]!,
        category: r[4],
        severity: null,
        actor: null,
        countsAgainstAddress: r[5] === 'true',
        rule: null,
        smtpCode: null,
        enhancedCode: null,
        diagnostic: null,
        messageId: null,
        campaign: null,
        sender: null,
        relay: null,
        delaySeconds: null,
        source: { importId: Number(r[6]), file: '', line: Number(r[7]) },
      };
    }
    yield batch;
  }
}
