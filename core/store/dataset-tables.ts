/**
 * The SQL of the shared Parquet dataset (core/dataset/): the views a read-only dataset is read
 * through, and the COPYs an export writes. DuckDB takes no parameter for a file named in COPY,
 * ATTACH or read_parquet's list, so paths are quoted here, in one place.
 */
import type { Database } from './database';

/** a path or URL inside SQL text, its quotes doubled */
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** INSTALL then LOAD one of DuckDB's extensions (fails offline for those not built in). */
export async function installExtension(db: Database, name: 'httpfs' | 'motherduck'): Promise<void> {
  await db.run(`INSTALL ${name}`);
  await db.run(`LOAD ${name}`);
}

/** A remote file's text (through httpfs), or null when it is empty. */
export async function readRemoteText(db: Database, url: string): Promise<string | null> {
  const row = await db.one<{ content: string }>(`SELECT content FROM read_text($1)`, [url]);
  return row ? row.content : null;
}

/** Each of `tables` becomes a view over the same table of another database, attached read-only. */
export async function viewsOverAttached(db: Database, location: string, tables: readonly string[]): Promise<void> {
  await db.run(`ATTACH ${quote(location)} AS shared (READ_ONLY)`);
  for (const t of tables) {
    await db.run(`DROP TABLE ${t}`);
    await db.run(`CREATE VIEW ${t} AS SELECT * FROM shared.${t}`);
  }
}

/**
 * `events` becomes a view over the dataset's event files (hive-partitioned by month);
 * `withoutSubject`: files written before the events had a subject column, which reads as null.
 */
export async function eventsOverParquet(db: Database, files: readonly string[], options: { withoutSubject?: boolean } = {}): Promise<void> {
  const subject = options.withoutSubject ? ', NULL::VARCHAR AS subject' : '';
  await db.run(`DROP TABLE events`);
  await db.run(`CREATE VIEW events AS SELECT * EXCLUDE (month)${subject} FROM read_parquet([${files.map(quote).join(', ')}], hive_partitioning = true)`);
}

/** A small table becomes a view over its one Parquet file. */
export async function tableOverParquet(db: Database, table: string, file: string): Promise<void> {
  await db.run(`DROP TABLE ${table}`);
  await db.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet(${quote(file)})`);
}

export interface ImportRow {
  id: number;
  display_name: string;
  format: string;
  content_hash: string;
  stored: bigint;
}

export async function importRows(db: Database): Promise<ImportRow[]> {
  return db.all<ImportRow>(`SELECT id, display_name, format, content_hash, stored FROM imports ORDER BY id`);
}

/** A whole (small) table to one Parquet file. */
export async function copyTableToParquet(db: Database, table: string, file: string): Promise<void> {
  await db.run(`COPY (SELECT * FROM ${table}) TO ${quote(file)} (FORMAT parquet)`);
}

export async function importEventCount(db: Database, id: number): Promise<number> {
  const counted = await db.one<{ n: bigint }>(`SELECT count(*) AS n FROM events WHERE import_id = $1`, [id]);
  return Number(counted?.n ?? 0);
}

/** One import's events under `folder`, one `month=YYYY-MM/part-N.parquet` folder per month. */
export async function copyImportByMonth(db: Database, id: number, folder: string): Promise<void> {
  // id is an integer from the imports table: safe in the SQL text COPY needs
  await db.run(
    `COPY (SELECT *, strftime(time, '%Y-%m') AS month FROM events WHERE import_id = ${Number(id)})
     TO ${quote(folder)} (FORMAT parquet, PARTITION_BY (month), FILENAME_PATTERN 'part-{i}')`,
  );
}
