/**
 * The shared dataset's manifest (issue 18 item 4): what a folder exported by `rebond export
 * --parquet` holds. One file, `manifest.json`, written last (to a temporary name, then renamed):
 * a reader never sees a manifest that names a file not yet written.
 */
import { createHash } from 'node:crypto';
import { RULES } from '../classify';

export const DATASET_FORMAT = 'rebond-parquet-dataset';
export const DATASET_VERSION = 1;
export const MANIFEST = 'manifest.json';

/** The small tables beside the events, one Parquet file each under `tables/`. */
export const SIDE_TABLES = ['imports', 'releases', 'imported_list', 'settings'] as const;

export interface DatasetImport {
  id: number;
  displayName: string;
  format: string;
  contentHash: string;
  stored: number;
  /** the months (YYYY-MM, UTC) this import has events in */
  months: string[];
  /** its event files, relative to the dataset folder: `events/month=2021-01/import-3.parquet` */
  files: string[];
}

export interface DatasetManifest {
  format: typeof DATASET_FORMAT;
  datasetVersion: number;
  /** the workspace schema the events and tables follow (core/store/migrations.ts) */
  schemaVersion: number;
  /** the classifier rules the exporting Rebond carried (a hash of its rule table) */
  classifierRules: string;
  exportedAt: string;
  imports: DatasetImport[];
  /** relative paths of the side tables */
  tables: Record<(typeof SIDE_TABLES)[number], string>;
}

/** A short, stable version of the rule table: it changes whenever a rule does. */
export function classifierRulesVersion(): string {
  const text = JSON.stringify(RULES, (_key, value: unknown) => (value instanceof RegExp ? value.toString() : value));
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Checks a manifest read from a dataset; the error names the place as the user gave it. */
export function parseManifest(text: string, where: string): DatasetManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${where} is not a Rebond dataset: its ${MANIFEST} is not JSON.`);
  }
  const m = json as Partial<DatasetManifest> | null;
  if (!m || typeof m !== 'object' || m.format !== DATASET_FORMAT || !Array.isArray(m.imports) || typeof m.tables !== 'object' || m.tables === null) {
    throw new Error(`${where} is not a Rebond dataset: its ${MANIFEST} does not describe one.`);
  }
  if (typeof m.datasetVersion !== 'number' || m.datasetVersion > DATASET_VERSION) {
    throw new Error(`${where} was exported by a newer Rebond (dataset version ${String(m.datasetVersion)}; this one reads up to ${DATASET_VERSION}). Update Rebond to open it.`);
  }
  for (const i of m.imports) {
    if (!i || !Array.isArray(i.files) || i.files.some((f) => typeof f !== 'string' || !isSafeRelative(f))) {
      throw new Error(`${where} is not a Rebond dataset: its ${MANIFEST} names a file outside the dataset.`);
    }
  }
  for (const t of SIDE_TABLES) {
    const f = (m.tables as Record<string, unknown>)[t];
    if (typeof f !== 'string' || !isSafeRelative(f)) throw new Error(`${where} is not a Rebond dataset: its ${MANIFEST} lacks the ${t} table.`);
  }
  return m as DatasetManifest;
}

/** A path inside the dataset: relative, no `..`, no quote, no glob character (they go into SQL text). */
export function isSafeRelative(path: string): boolean {
  return /^[A-Za-z0-9_=./-]+$/.test(path) && !path.startsWith('/') && !path.split('/').includes('..');
}
