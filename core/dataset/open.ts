/**
 * Opening a shared dataset read-only (issue 18 item 4): an in-memory DuckDB whose `events` is a
 * view over the manifest's Parquet files (hive-partitioned by month) and whose small tables are
 * views over theirs, so that every read path of the Engine runs unchanged.
 *
 * Where: a local folder; `s3://`, `gs://`, `http(s)://` through DuckDB's httpfs extension, loaded
 * on demand; `md:NAME` (MotherDuck) through DuckDB's motherduck extension, reading the tables of a
 * database the dataset was copied into (README "Share with the team"). An extension that cannot be
 * downloaded is named in the error.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../store/database';
import { eventsOverParquet, installExtension, readRemoteText, tableOverParquet, viewsOverAttached } from '../store/dataset-tables';
import { fillAggregates } from '../store/hourly-tables';
import { MANIFEST, parseManifest, SIDE_TABLES, type DatasetManifest } from './manifest';

export type DatasetPlace = { kind: 'folder'; path: string } | { kind: 'url'; url: string; scheme: string } | { kind: 'motherduck'; database: string };

export function placeOf(location: string): DatasetPlace {
  if (/^md:/i.test(location)) return { kind: 'motherduck', database: location.slice(3) };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1]?.toLowerCase();
  if (scheme) return { kind: 'url', url: location.replace(/\/+$/, ''), scheme };
  return { kind: 'folder', path: location };
}

/** Loads a DuckDB extension, or says plainly which one is missing and why it matters. */
async function loadExtension(db: Database, name: 'httpfs' | 'motherduck', what: string): Promise<void> {
  try {
    await installExtension(db, name);
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0];
    throw new Error(
      `Reading ${what} needs DuckDB's "${name}" extension, which could not be installed on this computer (${detail}). ` +
        `Connect to the internet once so that DuckDB can download it, or copy the dataset to a local or shared folder and open that.`,
    );
  }
}

async function readManifest(db: Database, place: DatasetPlace, location: string): Promise<DatasetManifest> {
  if (place.kind === 'folder') {
    const file = join(place.path, MANIFEST);
    if (!existsSync(file)) throw new Error(`${location} holds no Rebond dataset (no ${MANIFEST}): export one with \`rebond export --db FILE --parquet ${location}\`.`);
    return parseManifest(readFileSync(file, 'utf8'), location);
  }
  const url = place.kind === 'url' ? place.url : '';
  const content = await readRemoteText(db, `${url}/${MANIFEST}`).catch((error: Error) => {
    throw new Error(`Cannot read ${url}/${MANIFEST}: ${error.message.split('\n')[0]}`);
  });
  if (content === null) throw new Error(`${location} holds no Rebond dataset (no ${MANIFEST}).`);
  return parseManifest(content, location);
}

/** The Database an Engine reads a dataset through. Nothing is written anywhere. */
export async function openDataset(location: string): Promise<{ db: Database; manifest: DatasetManifest | null }> {
  const place = placeOf(location);
  const db = await Database.open(':memory:');
  try {
    if (place.kind === 'motherduck') {
      await loadExtension(db, 'motherduck', `a MotherDuck database (${location})`);
      await viewsOverAttached(db, location, ['events', ...SIDE_TABLES]);
      await fillAggregates(db);
      return { db, manifest: null };
    }
    if (place.kind === 'url') await loadExtension(db, 'httpfs', `${place.scheme}:// addresses (${location})`);
    const manifest = await readManifest(db, place, location);
    const base = place.kind === 'folder' ? place.path : place.url;
    const at = (rel: string) => (place.kind === 'folder' ? join(base, rel) : `${base}/${rel}`);
    const files = manifest.imports.flatMap((i) => i.files).map(at);
    // the migrations made empty tables: each becomes a view over the dataset's files
    // (a dataset exported before the events had a subject, schema 4, reads as having none)
    if (files.length > 0) await eventsOverParquet(db, files, { withoutSubject: manifest.schemaVersion < 4 });
    for (const t of SIDE_TABLES) await tableOverParquet(db, t, at(manifest.tables[t]));
    // the counts the charts and incidents read (store/hourly-tables.ts), made in memory from the files
    await fillAggregates(db);
    return { db, manifest };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
