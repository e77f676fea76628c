/** Reading events back: one address's story, and address search. */
import type { DeliveryEvent, EventType } from '../model/event';
import type { Database } from './database';
import { ENHANCED_CODE_PATTERN, isoTime, SMTP_CODE_PATTERN } from './sql';

interface EventRow {
  time: string;
  address: string;
  domain: string;
  type: EventType;
  category: string | null;
  severity: string | null;
  actor: string | null;
  counts_against: boolean;
  rule: string | null;
  smtp_code: number | null;
  enhanced_code: string | null;
  diagnostic: string | null;
  message_id: string | null;
  campaign: string | null;
  sender: string | null;
  relay: string | null;
  delay_s: number | null;
  import_id: number;
  line: bigint;
}

const EVENT_COLUMNS = `${isoTime('e.time')} AS time, e.address, e.domain, e.type, e.category, e.severity, e.actor,
  e.counts_against, e.rule, e.smtp_code, e.enhanced_code, e.diagnostic, e.message_id, e.campaign, e.sender,
  e.relay, e.delay_s, e.import_id, e.line`;

// Deliveries are stored without their reply codes (core/store/staging.ts): they are read from
// the text here, with the import's patterns. In JavaScript: DuckDB's regexp_extract cost a
// quarter of a lookup (0.8 of 3.2 ms), even on a handful of rows.
const SMTP_CODE = new RegExp(SMTP_CODE_PATTERN);
const ENHANCED_CODE = new RegExp(ENHANCED_CODE_PATTERN);
const codeIn = (pattern: RegExp, text: string | null): string | null => (text === null ? null : (pattern.exec(text)?.[1] ?? null));

function numberOrNull(text: string | null): number | null {
  return text === null ? null : Number(text);
}

function toDeliveryEvent(r: EventRow, files: Map<number, string>): DeliveryEvent {
  return {
    time: r.time,
    address: r.address,
    domain: r.domain,
    type: r.type,
    category: r.category,
    severity: r.severity,
    actor: r.actor,
    countsAgainstAddress: r.counts_against,
    rule: r.rule,
    smtpCode: r.smtp_code ?? numberOrNull(codeIn(SMTP_CODE, r.diagnostic)),
    enhancedCode: r.enhanced_code ?? codeIn(ENHANCED_CODE, r.diagnostic),
    diagnostic: r.diagnostic,
    messageId: r.message_id,
    campaign: r.campaign,
    sender: r.sender,
    relay: r.relay,
    delaySeconds: r.delay_s,
    source: { importId: r.import_id, file: files.get(r.import_id) ?? '', line: Number(r.line) },
  };
}

/**
 * Every event of one (normalised) address, oldest first. The file names and the order are
 * applied here: on the handful of rows an address has, a join and an ORDER BY in DuckDB cost
 * more than the lookup itself (3.4 ms → 8.6 ms at 1,000,000 events).
 */
export async function eventsOfAddress(db: Database, address: string): Promise<DeliveryEvent[]> {
  // events are stored by the address's key (migrations.ts): its exact min/max per row group
  // skips what the address's text prefix cannot; the address itself decides
  const rows = await db.allPrepared<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.address_key = hash($1::VARCHAR) AND e.address = $1`,
    [address],
  );
  if (rows.length === 0) return [];
  const files = await importFileNames(db);
  // ISO-8601 UTC times of one format sort as text
  rows.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.import_id - b.import_id || Number(a.line - b.line)));
  return rows.map((r) => toDeliveryEvent(r, files));
}

/** Import id → the file's name as the user knows it. */
export function importFileNames(db: Database): Promise<Map<number, string>> {
  return db.remember('import-file-names', async () => {
    const rows = await db.all<{ id: number; display_name: string }>(`SELECT id, display_name FROM imports`);
    return new Map(rows.map((r) => [r.id, r.display_name]));
  });
}

/**
 * Addresses for the search box: by prefix first; when nothing starts with what was typed,
 * the nearest addresses by edit distance (typo-tolerant: "jean.dupont@gmial.com").
 */
/** An address the workspace has seen, for the search box's suggestions. */
export interface KnownAddress {
  address: string;
  events: number;
  lastEventTime: string | null;
}

export async function searchAddresses(db: Database, query: string, limit: number): Promise<KnownAddress[]> {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  type Row = { address: string; events: bigint; last: string | null };
  const toSuggestion = (r: Row): KnownAddress => ({
    address: r.address,
    events: Number(r.events),
    lastEventTime: r.last,
  });
  const prefixed = await db.all<Row>(
    `SELECT address, count(*) AS events, ${isoTime('max(time)')} AS last FROM events
     WHERE starts_with(address, $1) GROUP BY address ORDER BY address LIMIT $2`,
    [q, limit],
  );
  if (prefixed.length > 0) return prefixed.map(toSuggestion);
  const near = await db.all<Row>(
    `WITH candidates AS (
       SELECT address, damerau_levenshtein(CASE WHEN length(address) > length($1) THEN left(address, length($1)) ELSE address END, $1) AS distance
       FROM (SELECT DISTINCT address FROM events)
     )
     SELECT c.address, count(*) AS events, ${isoTime('max(e.time)')} AS last
     FROM candidates c JOIN events e USING (address)
     WHERE c.distance <= greatest(1, length($1) // 6)
     GROUP BY c.address, c.distance ORDER BY c.distance, c.address LIMIT $2`,
    [q, limit],
  );
  return near.map(toSuggestion);
}
