/**
 * The set-wise pass as it was before issue 18, kept only for bench/setwise-bench.ts to time beside
 * the pass of core/statuses: every event of the movable addresses, grouped by address, oldest
 * first, crossing into JavaScript as one object per event.
 */
import type { DeliveryEvent, EventType } from '../core/model/event';
import type { Database } from '../core/store/database';
import { isoTime } from '../core/store/sql';

/**
 * `onlyMovable`: only the addresses that something could have moved out of `ok` — a bounce, a
 * deferral, a complaint, an unsubscribe, or an imported list. Most addresses only ever received
 * mail; leaving them out makes listing the quarantined ones many times faster.
 */
export async function* streamEventsByAddress(
  db: Database,
  at?: string,
  options: { onlyMovable?: boolean } = {},
): AsyncGenerator<DeliveryEvent[]> {
  const until = at ? 'time <= $1::TIMESTAMPTZ' : 'true';
  const movable = options.onlyMovable
    ? `SEMI JOIN (
         SELECT address FROM events
         WHERE type IN ('soft_bounce', 'hard_bounce', 'deferred', 'complaint', 'unsubscribe') AND ${until}
         UNION SELECT address FROM imported_list
       ) movable USING (address)`
    : '';
  const result = await db.connection.stream(
    `SELECT address, domain, type, ${isoTime('time')} AS time, category, counts_against, smtp_code, enhanced_code,
            diagnostic, import_id, line
     FROM events ${movable} WHERE ${until}
     ORDER BY address, time, import_id, line`,
    at ? [at] : [],
  );
  for await (const rows of result.yieldRowsJs()) {
    const batch: DeliveryEvent[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      batch[i] = {
        address: r[0] as string,
        domain: r[1] as string,
        type: r[2] as EventType,
        time: r[3] as string,
        category: r[4] as string | null,
        severity: null,
        actor: null,
        countsAgainstAddress: r[5] as boolean,
        rule: null,
        smtpCode: r[6] as number | null,
        enhancedCode: r[7] as string | null,
        diagnostic: r[8] as string | null,
        messageId: null,
        campaign: null,
        sender: null,
        relay: null,
        delaySeconds: null,
        source: { importId: r[9] as number, file: '', line: Number(r[10]) },
      };
    }
    yield batch;
  }
}
