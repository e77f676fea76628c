/** Releases decided by agents, and quarantine lists imported from a previous tool. */
import type { Release } from '../model/status';
import type { Database } from './database';
import { isoTime } from './sql';

export async function releasesOf(db: Database, address: string): Promise<Release[]> {
  // few addresses are ever released: most lookups need no query for it
  const released = await db.remember('released-addresses', async () => {
    const rows = await db.all<{ address: string }>(`SELECT DISTINCT address FROM releases`);
    return new Set(rows.map((r) => r.address));
  });
  if (!released.has(address)) return [];
  const rows = await db.allPrepared<{ address: string; time: string; released_by: string; reason: string; status: Release['status'] }>(
    `SELECT address, ${isoTime('time')} AS time, released_by, reason, status FROM releases WHERE address = $1 ORDER BY time`,
    [address],
  );
  return rows.map((r) => ({ address: r.address, time: r.time, by: r.released_by, reason: r.reason, status: r.status }));
}

export async function allReleases(db: Database): Promise<Release[]> {
  const rows = await db.all<{ address: string; time: string; released_by: string; reason: string; status: Release['status'] }>(
    `SELECT address, ${isoTime('time')} AS time, released_by, reason, status FROM releases ORDER BY address, time`,
  );
  return rows.map((r) => ({ address: r.address, time: r.time, by: r.released_by, reason: r.reason, status: r.status }));
}

export async function recordRelease(db: Database, release: Release): Promise<void> {
  await db.run(`INSERT INTO releases VALUES ($1, $2::TIMESTAMPTZ, $3, $4, $5)`, [
    release.address,
    release.time,
    release.by,
    release.reason,
    release.status,
  ]);
}

export interface ImportedListRow {
  address: string;
  status: string;
  since: string;
  importId: number;
  file: string;
  line: number;
}

export async function importedListOf(db: Database, address: string | null): Promise<ImportedListRow[]> {
  // most workspaces hold no imported list: then an address lookup needs no query for it
  const listed = await db.remember('imported-list-size', async () =>
    Number((await db.one<{ n: bigint }>(`SELECT count(*) AS n FROM imported_list`))?.n ?? 0),
  );
  if (listed === 0) return [];
  const sql = `SELECT l.address, l.status, ${isoTime('l.since')} AS since, l.import_id, i.display_name AS file, l.line
     FROM imported_list l JOIN imports i ON i.id = l.import_id
     ${address === null ? '' : 'WHERE l.address = $1'} ORDER BY l.address, l.since`;
  type Row = { address: string; status: string; since: string; import_id: number; file: string; line: bigint };
  const rows = address === null ? await db.all<Row>(sql) : await db.allPrepared<Row>(sql, [address]);
  return rows.map((r) => ({
    address: r.address,
    status: r.status,
    since: r.since,
    importId: r.import_id,
    file: r.file,
    line: Number(r.line),
  }));
}
