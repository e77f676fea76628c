/** The workspace's settings, kept in the database beside the data they apply to. */
import type { Database } from './database';

/** The stored values over `defaults`: a setting never written keeps its default. */
export async function readSettings<T extends object>(db: Database, defaults: T): Promise<T> {
  const rows = await db.all<{ name: string; value: string }>(`SELECT name, value FROM settings`);
  const stored = Object.fromEntries(rows.map((r) => [r.name, JSON.parse(r.value) as unknown]));
  return { ...defaults, ...(stored as Partial<T>) };
}

export async function writeSettings(db: Database, changes: Record<string, unknown>): Promise<void> {
  await db.transaction(async () => {
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      await db.run(
        `INSERT INTO settings VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
        [name, JSON.stringify(value)],
      );
    }
  });
}
