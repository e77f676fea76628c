/**
 * What the set-wise status pass needs from the store (issue 18 item 2), cut down so that the
 * policy replays only what can change an address's status:
 *
 * - An address with no event that can move it (a counting bounce, a complaint, an unsubscribe, as
 *   the policy reads them) and no imported list entry is settled in SQL: `ok`, or `filtered` from
 *   its first event when its domain is disposable (one GROUP BY, counted by domain for the counts).
 * - The others' events cross into JavaScript (about 4 % of the events at 11M), where each
 *   address's events are put in order and cut down (`cutDown`): events that do nothing to the
 *   address (requested, blocked, non-counting bounces) are left out, except the first (it dates a
 *   `filtered` period); of a run of deliveries with nothing between them, only the first is kept —
 *   the later ones repeat what it did (escalation reset, the temporary quarantine already cut).
 *   Addresses that a release or an imported list entry touches keep all their deliveries: those
 *   can fall between. (The same cut as a window in SQL cost about as much as it saved here.)
 *
 * The movable addresses are found once per query, by their 64-bit address key (`hash(address)`,
 * stored with each event), and the movable events and the settled part are both read against
 * that one set: the counts are one query, the `ok` and `filtered` lists two. A key only finds
 * rows: two addresses sharing one key are both sent to JavaScript (grouped there by the address
 * itself) and both left out of the settled part, which groups by the address too.
 *
 * The policy itself still runs in JavaScript (core/policy/stream.ts) on what is left, so the
 * answer is the per-address policy's; test/policy/setwise.test.ts compares the two.
 */
import type { DeliveryEvent, EventType } from '../model/event';
import type { Database } from './database';

/** The policy switches the SQL reading of an event depends on (the same as effectOf's). */
export interface EffectSwitches {
  engagementCountsAsDelivery: boolean;
  mailboxFullDeferralQuarantines: boolean;
  expiredCountsAsSoft: boolean;
}

const sqlBool = (b: boolean): string => (b ? 'true' : 'false');

/** The only types `effectSql` can mark 2: a plain filter on them first spares the CASE on every delivery. */
const MOVING_TYPES = ['complaint', 'unsubscribe', 'soft_bounce', 'hard_bounce', 'deferred'] as const;

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

/** An address nothing could move: `ok`, or `filtered` from its first event for a disposable domain. */
export interface SettledAddress {
  address: string;
  /** its first event, in milliseconds since 1970 (made an ISO-8601 instant only where it is shown) */
  firstSeen: number;
  domain: string;
}

/** Per domain, how many settled addresses, and how many were first seen by the evaluation instant. */
export interface SettledDomain {
  domain: string;
  addresses: number;
  seenBy: number;
}

export interface StatusInputs {
  /** the movable addresses' events, cut down: each address's events together and oldest first, in batches */
  events: AsyncGenerator<DeliveryEvent[]>;
  /** filled as `events` is read: complete once it is done */
  settledAddresses: SettledAddress[];
  settledDomains: SettledDomain[];
}

/**
 * The settled addresses one by one (the ok and filtered lists), by domain (the counts, with the
 * instant `seenBy` counts up to, ISO-8601), or not at all.
 */
export type StatusInputsRequest = { at?: string } & ({ settled: 'none' | 'addresses' } | { settled: 'domains'; evalKey: string });

// The rows cross into JavaScript as one text per bucket of addresses (their key modulo BUCKETS),
// each row a JSON array, parsed by V8 at once: converting DuckDB values one by one cost about
// 2.3 µs each (1.1 s for the 485,000 events of the movable addresses at 11M events), a JSON array
// per row built by DuckDB and joined by string_agg about 0.4 s. An address sits in one bucket only.
// (A LIST of rows per bucket, `to_json(list([…]))`, ran out of the 512 MB memory limit at 11M.)
const BUCKETS = 64;
const EVENTS = 0;
const DOMAINS = 1;
const ADDRESSES = 2;

function atFilterOf(at: string | undefined, params: string[]): string {
  if (at === undefined) return 'true';
  params.push(at);
  return `time <= $${params.length}::TIMESTAMPTZ`;
}

const moving = (p: EffectSwitches) => `type IN (${MOVING_TYPES.map((t) => `'${t}'`).join(', ')}) AND ${effectSql(p)} = 2`;

/** The keys of the addresses something could move, found with a filter on the few moving events. */
const movableSql = (p: EffectSwitches, atFilter: string) => `movable AS MATERIALIZED (
       SELECT DISTINCT address_key FROM events WHERE ${moving(p)} AND ${atFilter}
       UNION SELECT hash(lower(trim(address))) FROM imported_list
     )`;

const eventsPart = (p: EffectSwitches, atFilter: string) => `SELECT ${EVENTS} AS kind,
       string_agg(json_array(address, domain, type, category, epoch_ms(time), counts_against, import_id, line, eff)::VARCHAR, ',') AS rows
     FROM (SELECT address_key, address, domain, type, time, category, counts_against, import_id, line, ${effectSql(p)} AS eff
           FROM events SEMI JOIN movable USING (address_key) WHERE ${atFilter})
     GROUP BY address_key % ${BUCKETS}`;

const settledSql = (atFilter: string) => `SELECT address, epoch_ms(min(time)) AS first_ms, any_value(domain) AS domain
     FROM events ANTI JOIN movable USING (address_key) WHERE ${atFilter} GROUP BY address`;

/**
 * The counts' query: the movable events, and the other addresses' first event and domain counted
 * by domain. The movable set is read by both: materialised, it is computed once. It is small, one
 * key per movable address (a CTE of events read twice would be every column of every event; one
 * GROUP BY address over all the events that also told who moves cost more than the filter above,
 * the reading of their type for every delivery).
 */
function countsSql(p: EffectSwitches, at: string | undefined, evalKey: string): { sql: string; params: string[] } {
  const params: string[] = [];
  const atFilter = atFilterOf(at, params);
  params.push(evalKey);
  // in milliseconds, as the policy compares instants (an ISO-8601 key to the millisecond)
  const evalMs = `epoch_ms($${params.length}::TIMESTAMPTZ)`;
  const sql = `WITH ${movableSql(p, atFilter)}
     ${eventsPart(p, atFilter)}
     UNION ALL
     SELECT ${DOMAINS}, string_agg(json_array(domain, n, seen)::VARCHAR, ',')
     FROM (SELECT domain, count(*) AS n, count(*) FILTER (WHERE first_ms <= ${evalMs}) AS seen FROM (${settledSql(atFilter)}) GROUP BY domain)`;
  return { sql, params };
}

/** The movable events alone (the lists but ok and filtered, the reconciliation). */
function eventsSql(p: EffectSwitches, at: string | undefined): { sql: string; params: string[] } {
  const params: string[] = [];
  const atFilter = atFilterOf(at, params);
  return { sql: `WITH ${movableSql(p, atFilter)} ${eventsPart(p, atFilter)}`, params };
}

/**
 * The settled addresses one by one (the ok and filtered lists: nearly every address), in a query
 * of their own: beside the events' buckets in one query, the two aggregations of text ran out of
 * the 512 MB memory limit at 11M events.
 */
function settledAddressesSql(p: EffectSwitches, at: string | undefined): { sql: string; params: string[] } {
  const params: string[] = [];
  const atFilter = atFilterOf(at, params);
  return {
    sql: `WITH ${movableSql(p, atFilter)}
      SELECT ${ADDRESSES} AS kind, string_agg(json_array(address, first_ms, domain)::VARCHAR, ',') AS rows
      FROM (${settledSql(atFilter)}) GROUP BY hash(address) % ${BUCKETS}`,
    params,
  };
}

/** One movable event as it crosses over: address, domain, type, category, ms since 1970, counts, import, line, effect. */
type EventRow = [string, string, string, string | null, number, boolean, number, number, number];

/**
 * One address's rows, in the per-address policy's order (instant to the millisecond, then line,
 * import, type: core/policy/reconstruct.ts `compareEvents`), cut down as the header says.
 */
function cutDown(rows: EventRow[], touched: boolean, out: DeliveryEvent[]): void {
  rows.sort((a, b) => a[4] - b[4] || a[7] - b[7] || a[6] - b[6] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  let previous = 0; // the last effect that was not 0
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const effect = r[8];
    const keep = i === 0 || effect === 2 || (effect === 1 && (previous !== 1 || touched));
    if (effect !== 0) previous = effect;
    if (!keep) continue;
    out.push({
      address: r[0],
      domain: r[1],
      type: r[2] as EventType,
      time: new Date(r[4]).toISOString(),
      category: r[3],
      severity: null,
      actor: null,
      countsAgainstAddress: r[5],
      rule: null,
      smtpCode: null,
      enhancedCode: null,
      diagnostic: null,
      messageId: null,
      campaign: null,
      sender: null,
      relay: null,
      delaySeconds: null,
      source: { importId: r[6], file: '', line: r[7] },
    });
  }
}

/** One bucket's rows, grouped by address (the bucket holds whole addresses, in no order). */
function bucketEvents(rows: EventRow[], touched: ReadonlySet<string>): DeliveryEvent[] {
  const byAddress = new Map<string, EventRow[]>();
  for (const r of rows) {
    const list = byAddress.get(r[0]);
    if (list) list.push(r);
    else byAddress.set(r[0], [r]);
  }
  const out: DeliveryEvent[] = [];
  for (const [address, list] of byAddress) cutDown(list, touched.has(address), out);
  return out;
}

/** The addresses whose deliveries all count: a release or an imported entry can fall between two. */
async function touchedAddresses(db: Database): Promise<Set<string>> {
  const rows = await db.all<{ address: string }>(`SELECT lower(trim(address)) AS address FROM releases UNION SELECT lower(trim(address)) FROM imported_list`);
  return new Set(rows.map((r) => r.address));
}

/**
 * The set-wise pass's inputs from one query: the movable addresses' events (cut down, in batches
 * of whole addresses) and, as asked, the settled addresses one by one or counted by domain. Only
 * what the status needs crosses over: no reply codes or server text (a cause's evidence).
 */
export function readStatusInputs(db: Database, p: EffectSwitches, request: StatusInputsRequest): StatusInputs {
  const settledAddresses: SettledAddress[] = [];
  const settledDomains: SettledDomain[] = [];
  async function* rowsOf(query: { sql: string; params: string[] }, touched: ReadonlySet<string>): AsyncGenerator<DeliveryEvent[]> {
    const result = await db.connection.stream(query.sql, query.params);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const [kinds, texts] = chunk.getColumns() as [number[], (string | null)[]];
      for (let i = 0; i < kinds.length; i++) {
        const text = texts[i];
        if (text === null) continue; // an empty part (string_agg of no rows)
        const rows = JSON.parse(`[${text}]`) as unknown[][];
        if (kinds[i] === EVENTS) {
          yield bucketEvents(rows as EventRow[], touched);
        } else if (kinds[i] === DOMAINS) {
          for (const r of rows as [string, number, number][]) settledDomains.push({ domain: r[0], addresses: r[1], seenBy: r[2] });
        } else {
          for (const r of rows as [string, number, string][]) settledAddresses.push({ address: r[0], firstSeen: r[1], domain: r[2] });
        }
      }
    }
  }
  async function* events(): AsyncGenerator<DeliveryEvent[]> {
    const touched = await touchedAddresses(db);
    yield* rowsOf(request.settled === 'domains' ? countsSql(p, request.at, request.evalKey) : eventsSql(p, request.at), touched);
    if (request.settled === 'addresses') yield* rowsOf(settledAddressesSql(p, request.at), touched);
  }
  return { events: events(), settledAddresses, settledDomains };
}

/** The movable addresses' events alone (see `readStatusInputs`). */
export function streamStatusInputs(db: Database, p: EffectSwitches, at?: string): AsyncGenerator<DeliveryEvent[]> {
  return readStatusInputs(db, p, { at, settled: 'none' }).events;
}
