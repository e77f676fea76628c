/** Reading events back: one address's story, and address search. */
import { domainOf, type DeliveryEvent, type EventType } from '../model/event';
import type { Database } from './database';
import { addressFromPaste } from '../model/pasted-address';
import { ENHANCED_CODE_PATTERN, isoTime, SMTP_CODE_PATTERN } from './sql';

// the columns read back, in this order (eventsOfAddress reads them by position); the address
// and its domain are the one asked for
const EVENT_COLUMNS = `${isoTime('e.time')}, e.type, e.category, e.severity, e.actor, e.counts_against, e.rule, e.smtp_code,
  e.enhanced_code, e.diagnostic, e.message_id, e.campaign, e.subject, e.sender, e.relay, e.delay_s, e.import_id, e.line`;

type Text = string | null;
type EventRow = [
  time: string, type: EventType, category: Text, severity: Text, actor: Text, countsAgainst: boolean, rule: Text,
  smtpCode: number | null, enhancedCode: Text, diagnostic: Text, messageId: Text, campaign: Text, subject: Text,
  sender: Text, relay: Text, delay: number | null, importId: number, line: number,
];

// Deliveries are stored without their reply codes (core/store/staging.ts): they are read from
// the text here, with the import's patterns. In JavaScript: DuckDB's regexp_extract cost a
// quarter of a lookup (0.8 of 3.2 ms), even on a handful of rows.
const SMTP_CODE = new RegExp(SMTP_CODE_PATTERN);
const ENHANCED_CODE = new RegExp(ENHANCED_CODE_PATTERN);
const codeIn = (pattern: RegExp, text: string | null): string | null => (text === null ? null : (pattern.exec(text)?.[1] ?? null));

function numberOrNull(text: string | null): number | null {
  return text === null ? null : Number(text);
}

/**
 * Every event of one (normalised) address, oldest first. The file names and the order are
 * applied here: on the handful of rows an address has, a join and an ORDER BY in DuckDB cost
 * more than the lookup itself (3.4 ms → 8.6 ms at 1,000,000 events). The rows cross into
 * JavaScript as JSON texts, parsed by V8 at once: DuckDB's values one by one cost more than
 * the query (about 20 of 30 ms for an address of 1,000 events, most of it decoding texts).
 */
export async function eventsOfAddress(db: Database, address: string): Promise<DeliveryEvent[]> {
  // events are stored by the address's key (migrations.ts): its exact min/max per row group
  // skips what the address's text prefix cannot; the address itself decides
  // one JSON array per row, not one aggregated text: DuckDB's list aggregate cost about 2 ms more
  // per lookup at 10,000,000 events (6.5 against 4.1 ms, quiet machine)
  const [texts] = (await db.columnsPrepared(
    `SELECT json_array(${EVENT_COLUMNS})::VARCHAR FROM events e WHERE e.address_key = hash($1::VARCHAR) AND e.address = $1`,
    [address],
  )) as [string[] | undefined];
  if (!texts || texts.length === 0) return [];
  const rows = JSON.parse(`[${texts.join(',')}]`) as EventRow[];
  const files = await importFileNames(db);
  const domain = domainOf(address);
  // ISO-8601 UTC times of one format sort as text
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[16] - b[16] || a[17] - b[17]));
  return rows.map(([time, type, category, severity, actor, countsAgainst, rule, smtpCode, enhancedCode, diagnostic, messageId,
    campaign, subject, sender, relay, delay, importId, line]): DeliveryEvent => ({
    time,
    address,
    domain,
    type,
    category,
    severity,
    actor,
    countsAgainstAddress: countsAgainst,
    rule,
    smtpCode: smtpCode ?? numberOrNull(codeIn(SMTP_CODE, diagnostic)),
    enhancedCode: enhancedCode ?? codeIn(ENHANCED_CODE, diagnostic),
    diagnostic,
    messageId,
    campaign,
    subject,
    sender,
    relay,
    delaySeconds: delay,
    source: { importId, file: files.get(importId) ?? '', line },
  }));
}

/** Import id → the file's name as the user knows it. */
export function importFileNames(db: Database): Promise<Map<number, string>> {
  return db.remember('import-file-names', async () => {
    const rows = await db.all<{ id: number; display_name: string }>(`SELECT id, display_name FROM imports`);
    return new Map(rows.map((r) => [r.id, r.display_name]));
  });
}

/** An address the workspace has seen, for the search box's suggestions. */
export interface KnownAddress {
  address: string;
  events: number;
  lastEventTime: string | null;
}

type SuggestionRow = { address: string; events: bigint; last: string | null };
const toSuggestion = (r: SuggestionRow): KnownAddress => ({ address: r.address, events: Number(r.events), lastEventTime: r.last });

/** How far a typed address may be from a known one: one slip per six characters, at least one. */
const maxDistance = (text: string) => Math.max(1, Math.floor(text.length / 6));

/**
 * Addresses for the search box: by prefix first; when nothing starts with what was typed, the
 * nearest known addresses by edit distance ("paul.durnad@orange.fr", "jean.dupont@gmial.com").
 * The query is what the user pasted, brought down to an address (core/model/pasted-address.ts).
 *
 * The typo fallback never compares against every address in the store (1.8 s at 300,000 events):
 * a slip before the @ is looked for among the same domain's addresses, a slip in the domain among
 * the addresses with the same local part, and a partial query without @ among the addresses that
 * start with the same letter (a slip in the first letter is rare).
 */
export async function searchAddresses(db: Database, query: string, limit: number): Promise<KnownAddress[]> {
  const q = addressFromPaste(query);
  if (q === '') return [];
  const prefixed = await db.all<SuggestionRow>(
    `SELECT address, count(*) AS events, ${isoTime('max(time)')} AS last FROM events
     WHERE starts_with(address, $1) GROUP BY address ORDER BY address LIMIT $2`,
    [q, limit],
  );
  if (prefixed.length > 0) return prefixed.map(toSuggestion);
  const at = q.lastIndexOf('@');
  if (at > 0 && at < q.length - 1) {
    const local = q.slice(0, at);
    const domain = q.slice(at + 1);
    const sameDomain = await nearestAddresses(db, q, `domain = $3`, domain, limit);
    if (sameDomain.length > 0) return sameDomain;
    return nearestAddresses(db, q, `starts_with(address, $3)`, `${local}@`, limit);
  }
  // a partial address: compared with the known addresses' beginnings of the same length
  return nearestAddresses(db, q, `starts_with(address, $3)`, q.slice(0, 1), limit, true);
}

/**
 * The known addresses among `where` nearest to `q`, nearest first. DuckDB's Damerau-Levenshtein
 * costs 0.4 ms an address (5.8 s for a large domain's 14,000 at 1,000,000 events), Jaro-Winkler
 * a hundredth of that: Jaro-Winkler picks the few likeliest, the edit distance decides among them.
 */
async function nearestAddresses(db: Database, q: string, where: string, value: string, limit: number, byPrefix = false): Promise<KnownAddress[]> {
  const compared = byPrefix ? `CASE WHEN length(address) > length($1) THEN left(address, length($1)) ELSE address END` : 'address';
  const rows = await db.all<SuggestionRow>(
    `WITH likeliest AS (
       SELECT address FROM (SELECT DISTINCT address FROM events WHERE ${where})
       ORDER BY jaro_winkler_similarity(${compared}, $1) DESC, address LIMIT ${LIKELIEST}
     ), scored AS (
       SELECT address, damerau_levenshtein(${compared}, $1) AS distance FROM likeliest
     ), near AS (
       -- the nearest, and those one slip further: not every address three slips away
       SELECT address, distance FROM scored
       WHERE distance <= least($2, (SELECT min(distance) FROM scored) + 1) ORDER BY distance, address LIMIT $4
     )
     SELECT n.address, count(*) AS events, ${isoTime('max(e.time)')} AS last
     FROM near n JOIN events e ON e.address = n.address
     GROUP BY n.address, n.distance ORDER BY n.distance, n.address`,
    [q, maxDistance(q), value, limit],
  );
  return rows.map(toSuggestion);
}

/** how many addresses Jaro-Winkler hands to the edit distance: a slip or two never ranks lower */
const LIKELIEST = 64;

/**
 * What the store holds, as a short key that changes whenever its events do: the event count and
 * the imports (both read from DuckDB's metadata in a millisecond). Remembered until the next
 * write (Database.remember): every lookup asks it, through the incidents kept per store state.
 */
export async function eventsState(db: Database): Promise<string> {
  return db.remember('events-state', async () => {
    const row = await db.one<{ n: bigint; last: number | null; imports: bigint }>(
      `SELECT (SELECT count(*) FROM events) AS n, (SELECT max(id) FROM imports) AS last, (SELECT count(*) FROM imports) AS imports`,
    );
    return `${row?.n ?? 0}/${row?.last ?? 0}/${row?.imports ?? 0}`;
  });
}

/**
 * The time of the workspace's last event, of any address: where the data stops. Read from the
 * counts kept per hour (store/hourly-tables.ts), which hold each hour's last time: max(time) over
 * the events is a scan of 10,000,000 values on every lookup (about 40 ms).
 */
export async function lastEventTime(db: Database): Promise<string | null> {
  // remembered until the next write: each lookup of a report's addresses asks it
  return db.remember('data-end', async () => {
    const row = await db.one<{ last: string | null }>(`SELECT ${isoTime('max(last)')} AS last FROM hourly_counts`);
    return row?.last ?? null;
  });
}
