/** The list of past imports: record, list, remove (with all their events). */
import type { FormatId, ImportRecord, LineError } from '../model/imports';
import type { Database } from './database';
import { removeImportFromAggregates } from './hourly-tables';
import { isoTime } from './sql';

export async function nextImportId(db: Database): Promise<number> {
  const row = await db.one<{ id: bigint }>(`SELECT nextval('import_ids') AS id`);
  return Number(row!.id);
}

export async function recordImport(
  db: Database,
  record: {
    id: number;
    path: string;
    displayName: string;
    format: FormatId;
    contentHash: string;
    result: Pick<ImportRecord, 'stored' | 'duplicates' | 'rejected' | 'skipped' | 'firstEventTime' | 'lastEventTime'>;
    errors: LineError[];
  },
): Promise<void> {
  const r = record.result;
  await db.run(
    `INSERT INTO imports VALUES ($1, $2, $3, $4, $5, now(), $6, $7, $8, $9, $10::TIMESTAMPTZ, $11::TIMESTAMPTZ, $12)`,
    [
      record.id,
      record.path,
      record.displayName,
      record.format,
      record.contentHash,
      r.stored,
      r.duplicates,
      r.rejected,
      r.skipped,
      r.firstEventTime,
      r.lastEventTime,
      JSON.stringify(record.errors),
    ],
  );
}

export async function listImports(db: Database): Promise<ImportRecord[]> {
  const rows = await db.all<{
    id: number;
    path: string;
    display_name: string;
    format: FormatId;
    content_hash: string;
    imported_at: string;
    stored: bigint;
    duplicates: bigint;
    rejected: bigint;
    skipped: bigint;
    first_event: string | null;
    last_event: string | null;
  }>(
    `SELECT id, path, display_name, format, content_hash, ${isoTime('imported_at')} AS imported_at,
            stored, duplicates, rejected, skipped,
            ${isoTime('first_event')} AS first_event, ${isoTime('last_event')} AS last_event
     FROM imports ORDER BY id`,
  );
  return rows.map((r) => ({
    id: r.id,
    path: r.path,
    displayName: r.display_name,
    format: r.format,
    contentHash: r.content_hash,
    importedAt: r.imported_at,
    stored: Number(r.stored),
    duplicates: Number(r.duplicates),
    rejected: Number(r.rejected),
    skipped: Number(r.skipped),
    firstEventTime: r.first_event,
    lastEventTime: r.last_event,
  }));
}

/**
 * Removes an import and everything it brought: its events and its imported list entries
 * (seed 002: an imported quarantine history that proves wrong must be removable).
 */
export async function removeImport(db: Database, id: number): Promise<{ removedEvents: number } | null> {
  return db.transaction(async () => {
    const exists = await db.one<{ n: bigint }>(`SELECT count(*) AS n FROM imports WHERE id = $1`, [id]);
    if (!exists || Number(exists.n) === 0) return null;
    const removedEvents = await db.run(`DELETE FROM events WHERE import_id = $1`, [id]);
    await db.run(`DELETE FROM imported_list WHERE import_id = $1`, [id]);
    await db.run(`DELETE FROM imports WHERE id = $1`, [id]);
    await removeImportFromAggregates(db, id);
    return { removedEvents };
  });
}
