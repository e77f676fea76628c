/**
 * Recovery on open. DuckDB replays what was committed and drops what was not, but a process
 * killed around an import's commit has been seen to leave its events with no row in `imports`
 * (1,000,000 events that no removal could reach, and that made a re-import store nothing). Each
 * time a workspace opens, it is brought back to exactly what its imports list says, in one
 * transaction: events and list entries of an import that is not listed are removed, and an
 * import whose events do not add up to what it recorded is removed whole (to be imported again).
 */
import type { Database } from './database';
import { repairAggregates } from './hourly-tables';

export interface Repair {
  kind: 'unlisted_events' | 'incomplete_import';
  /** the import id the repair concerns */
  importId: number;
  /** the file's name as the user gave it, for a listed import */
  displayName: string | null;
  /** events removed */
  events: number;
}

export async function repairWorkspace(db: Database): Promise<Repair[]> {
  // one scan of the events settles both checks; a healthy workspace pays only this
  const counts = await db.all<{ import_id: number; n: bigint; listed: boolean; stored: bigint | null; display_name: string | null }>(
    `SELECT e.import_id, e.n, i.id IS NOT NULL AS listed, i.stored, i.display_name
     FROM (SELECT import_id, count(*) AS n FROM events GROUP BY import_id) e
     LEFT JOIN imports i ON i.id = e.import_id
     UNION ALL
     -- a listed import none of whose events survived
     SELECT i.id, 0, true, i.stored, i.display_name FROM imports i
     WHERE i.stored > 0 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.import_id = i.id)`,
  );
  const orphanLists = await db.all<{ import_id: number }>(
    `SELECT DISTINCT import_id FROM imported_list WHERE import_id NOT IN (SELECT id FROM imports)`,
  );
  const repairs: Repair[] = [];
  for (const c of counts) {
    if (!c.listed) repairs.push({ kind: 'unlisted_events', importId: c.import_id, displayName: null, events: Number(c.n) });
    else if (c.stored !== null && Number(c.stored) !== Number(c.n)) {
      repairs.push({ kind: 'incomplete_import', importId: c.import_id, displayName: c.display_name, events: Number(c.n) });
    }
  }
  for (const o of orphanLists) {
    if (!repairs.some((r) => r.importId === o.import_id)) {
      repairs.push({ kind: 'unlisted_events', importId: o.import_id, displayName: null, events: 0 });
    }
  }
  // the aggregates the charts and incidents read follow the events that stay (hourly-tables.ts)
  const kept = new Map(counts.filter((c) => !repairs.some((r) => r.importId === c.import_id)).map((c) => [c.import_id, Number(c.n)]));
  if (repairs.length === 0) return (await repairAggregates(db, kept), repairs);
  await db.transaction(async () => {
    for (const repair of repairs) {
      await db.run(`DELETE FROM events WHERE import_id = $1`, [repair.importId]);
      await db.run(`DELETE FROM imported_list WHERE import_id = $1`, [repair.importId]);
      await db.run(`DELETE FROM imports WHERE id = $1`, [repair.importId]);
    }
  });
  await repairAggregates(db, kept);
  return repairs;
}

/** What a repair means for the person who imported, in plain words. */
export function describeRepair(repair: Repair): string {
  return repair.kind === 'incomplete_import'
    ? `The import of ${repair.displayName ?? `number ${repair.importId}`} was cut short (the program was stopped while it ran) ` +
        `and has been removed: import the file again.`
    : `${repair.events} ${repair.events === 1 ? 'event' : 'events'} left by an import that was stopped before it finished were removed; the workspace holds exactly its listed imports.`;
}
