/**
 * The addresses behind a figure (issue 17 item 4): "Rejets permanents 173", a domain's bar, a
 * reason. And, for the status lists, the event that put each address there. Set-wise queries:
 * one pass over the store, never one query per address.
 */
import { listValue } from '@duckdb/node-api';
import type { AddressesBehind, AddressesBehindRequest } from '../model/lists';
import type { Database } from './database';
import { isoTime } from './sql';

export async function addressesBehind(db: Database, request: AddressesBehindRequest, limit: number): Promise<AddressesBehind> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, value: string) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (request.type) add('type = ?', request.type);
  if (request.domain) add('domain = ?', request.domain.trim().toLowerCase());
  if (request.category) add('category = ?', request.category);
  if (request.from) add('time >= ?::TIMESTAMPTZ', request.from);
  if (request.to) add('time < ?::TIMESTAMPTZ', request.to);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  params.push(limit);
  type Row = { address: string; domain: string; events: bigint; last: string; category: string | null; total: bigint };
  const rows = await db.all<Row>(
    `SELECT address, any_value(domain) AS domain, count(*) AS events, ${isoTime('max(time)')} AS last,
            arg_max(category, time) AS category, count(*) OVER () AS total
     FROM events ${filter} GROUP BY address ORDER BY max(time) DESC, address LIMIT $${params.length}`,
    params,
  );
  return {
    total: rows.length ? Number(rows[0].total) : 0,
    rows: rows.map((r) => ({ address: r.address, domain: r.domain, events: Number(r.events), lastTime: r.last, category: r.category })),
  };
}

export interface ListedCause {
  type: string;
  category: string | null;
  time: string;
}

/**
 * The latest event of `types` for each address: what put it on a list (the hard bounce behind a
 * blacklisting, the soft bounce behind a quarantine, the complaint or unsubscribe behind an opt-out).
 */
export async function latestCauses(db: Database, addresses: string[], types: readonly string[]): Promise<Map<string, ListedCause>> {
  const out = new Map<string, ListedCause>();
  if (addresses.length === 0 || types.length === 0) return out;
  type Row = { address: string; type: string; category: string | null; time: string };
  const rows = await db.all<Row>(
    `SELECT address, arg_max(type, time) AS type, arg_max(category, time) AS category, ${isoTime('max(time)')} AS time
     FROM events WHERE address IN (SELECT unnest($1)) AND list_contains($2, type::VARCHAR) GROUP BY address`,
    [listValue(addresses), listValue([...types])],
  );
  for (const r of rows) out.set(r.address, { type: r.type, category: r.category, time: r.time });
  return out;
}
