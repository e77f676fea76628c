/**
 * `rebond export --parquet DIR` (issue 18 item 4): the workspace's normalised, classified events
 * as a Parquet dataset partitioned by month (hive layout), the small tables beside them, and a
 * manifest. Incremental, per import:
 *
 * - each import's events are written once, one file per month it touches:
 *   `events/month=2021-01/import-3.parquet`. Exporting again writes files only for the imports the
 *   folder does not hold yet; the files already there are not opened, let alone rewritten;
 * - an import removed from the workspace has its files deleted;
 * - when the classifier rules or the schema changed since the last export (a `rebond reclassify`
 *   may then have moved old events' categories), every import is written again;
 * - the small tables (imports, releases, imported lists, settings) are rewritten each time: a
 *   release can come at any moment, and they are a few kilobytes;
 * - the manifest is written last, under a temporary name then renamed: a reader opening the folder
 *   meanwhile sees the previous export whole.
 *
 * No ORDER BY: the store keeps events in address order and DuckDB writes them in that order, so
 * a reader's lookup of one address skips the row groups whose address range cannot hold it; a
 * sort here cost most of the export (46 s at 1,000,000 events under load).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../store/database';
import { copyImportByMonth, copyTableToParquet, importEventCount, importRows } from '../store/dataset-tables';
import { SCHEMA_VERSION } from '../store/migrations';
import { classifierRulesVersion, DATASET_FORMAT, DATASET_VERSION, MANIFEST, parseManifest, SIDE_TABLES, type DatasetImport, type DatasetManifest } from './manifest';

export interface ExportSummary {
  folder: string;
  /** imports whose events were written by this export */
  written: number[];
  /** imports already in the folder, left as they were */
  kept: number[];
  /** imports no longer in the workspace, whose files were deleted */
  removed: number[];
  /** every import was written again (the rules or the schema changed) */
  rewroteAll: boolean;
  files: number;
  events: number;
  seconds: number;
}

function previousManifest(folder: string): DatasetManifest | null {
  const file = join(folder, MANIFEST);
  if (!existsSync(file)) return null;
  return parseManifest(readFileSync(file, 'utf8'), folder);
}

export async function exportDataset(db: Database, folder: string): Promise<ExportSummary> {
  const started = performance.now();
  if (/^[a-z][a-z0-9+.-]*:/i.test(folder) && !/^[a-z]:[\\/]/i.test(folder)) {
    throw new Error(`rebond export writes to a folder on this computer, not to ${folder}: export to a folder, then copy it (README "Share with the team").`);
  }
  if (existsSync(folder) && readdirSync(folder).length > 0 && !existsSync(join(folder, MANIFEST))) {
    throw new Error(`${folder} is not empty and holds no Rebond dataset: choose an empty or new folder.`);
  }
  mkdirSync(join(folder, 'events'), { recursive: true });
  mkdirSync(join(folder, 'tables'), { recursive: true });
  const before = previousManifest(folder);
  const rules = classifierRulesVersion();
  const rewroteAll = before !== null && (before.classifierRules !== rules || before.schemaVersion !== SCHEMA_VERSION);

  const imports = await importRows(db);
  const held = new Map((rewroteAll ? [] : (before?.imports ?? [])).map((i) => [i.id, i]));
  const present = new Set(imports.map((i) => i.id));
  const summary: ExportSummary = { folder, written: [], kept: [], removed: [], rewroteAll, files: 0, events: 0, seconds: 0 };

  // files of imports that left the workspace, or of every import when all are written again
  for (const old of before?.imports ?? []) {
    if (present.has(old.id) && held.has(old.id)) continue;
    for (const f of old.files) rmSync(join(folder, f), { force: true });
    if (!present.has(old.id)) summary.removed.push(old.id);
  }

  const out: DatasetImport[] = [];
  for (const i of imports) {
    const kept = held.get(i.id);
    if (kept && kept.contentHash === i.content_hash) {
      out.push(kept);
      summary.kept.push(i.id);
      continue;
    }
    for (const f of kept?.files ?? []) rmSync(join(folder, f), { force: true }); // same number, other file
    const written = await writeImport(db, folder, i.id);
    summary.written.push(i.id);
    summary.events += written.events;
    out.push({ id: i.id, displayName: i.display_name, format: i.format, contentHash: i.content_hash, stored: Number(i.stored), months: written.months, files: written.files });
  }
  summary.files = out.reduce((n, i) => n + i.files.length, 0);

  const tables = {} as DatasetManifest['tables'];
  for (const t of SIDE_TABLES) {
    const rel = `tables/${t}.parquet`;
    const tmp = join(folder, `tables/.${t}.parquet.tmp`);
    await copyTableToParquet(db, t, tmp);
    renameSync(tmp, join(folder, rel));
    tables[t] = rel;
  }

  const manifest: DatasetManifest = {
    format: DATASET_FORMAT,
    datasetVersion: DATASET_VERSION,
    schemaVersion: SCHEMA_VERSION,
    classifierRules: rules,
    exportedAt: new Date().toISOString(),
    imports: out,
    tables,
  };
  const tmp = join(folder, `.${MANIFEST}.tmp`);
  writeFileSync(tmp, JSON.stringify(manifest, null, 2) + '\n');
  renameSync(tmp, join(folder, MANIFEST));
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** One import's events, one file per month, written beside the folder then moved into place. */
async function writeImport(db: Database, folder: string, id: number): Promise<{ months: string[]; files: string[]; events: number }> {
  const staging = join(folder, `.staging-${id}`);
  rmSync(staging, { recursive: true, force: true });
  const events = await importEventCount(db, id);
  if (events === 0) return { months: [], files: [], events: 0 };
  await copyImportByMonth(db, id, staging);
  const months: string[] = [];
  const files: string[] = [];
  for (const dir of readdirSync(staging).sort()) {
    const month = /^month=(\d{4}-\d{2})$/.exec(dir)?.[1];
    if (!month) continue;
    mkdirSync(join(folder, 'events', dir), { recursive: true });
    const parts = readdirSync(join(staging, dir)).filter((f) => f.endsWith('.parquet')).sort();
    parts.forEach((part, n) => {
      const rel = `events/${dir}/import-${id}${n === 0 ? '' : `-${n}`}.parquet`;
      renameSync(join(staging, dir, part), join(folder, rel));
      files.push(rel);
    });
    months.push(month);
  }
  rmSync(staging, { recursive: true, force: true });
  return { months, files, events };
}
