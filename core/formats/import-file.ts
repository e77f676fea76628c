/**
 * One file into the store: read a sample, recognise the format from content, stage, then
 * classify and append — in one transaction, so a file that cannot be imported leaves the
 * workspace exactly as it was.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { FileImportResult, FormatChoice, ImportProgress } from '../contract';
import type { Database } from '../store/database';
import { nextImportId, recordImport } from '../store/imports';
import { Stage, type ClassifyFn } from '../store/staging';
import type { FormatImporter, ImportOptions } from './importer';
import { FORMATS } from './registry';
import { readSample, UnreadableFileError, type FileSample } from './sample';

export interface ImportFileRequest {
  path: string;
  displayName?: string;
  format: FormatChoice;
  options: ImportOptions;
  classify: ClassifyFn;
  onProgress?: (progress: ImportProgress) => void;
}

const PROGRESS_INTERVAL_MS = 200;

export async function importFile(db: Database, request: ImportFileRequest): Promise<FileImportResult> {
  const started = performance.now();
  const { path } = request;
  const failed = (error: string, format: FileImportResult['format'] = null): FileImportResult => {
    request.onProgress?.({ path, phase: 'failed', bytesRead: 0, totalBytes: 0, rows: 0 });
    return {
      path,
      format,
      ok: false,
      error,
      importId: null,
      stored: 0,
      duplicates: 0,
      rejected: 0,
      skipped: 0,
      errors: [],
      firstEventTime: null,
      lastEventTime: null,
      seconds: (performance.now() - started) / 1000,
    };
  };

  let sample: FileSample;
  try {
    sample = await readSample(path);
  } catch (error) {
    if (error instanceof UnreadableFileError) return failed(error.message);
    return failed(`${path} cannot be read: ${(error as Error).message}`);
  }
  const importer = chooseFormat(sample, request.format);
  if (typeof importer === 'string') return failed(importer);

  let lastReport = 0;
  let bytesRead = 0;
  const report = (phase: ImportProgress['phase'], force = false) => {
    const now = performance.now();
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    request.onProgress?.({ path, phase, bytesRead, totalBytes: sample.size, rows: 0 });
  };
  report('reading', true);
  // DuckDB reads CSV files on its own threads: poll its progress while the query runs.
  const poll = setInterval(() => {
    const progress = db.connection.progress;
    if (progress.percentage > 0) bytesRead = Math.max(bytesRead, Math.round((progress.percentage / 100) * sample.size));
    report('reading', true);
  }, PROGRESS_INTERVAL_MS);

  const stage = new Stage(db, path);
  let skipped = 0;
  try {
    await stage.begin();
    const stagingStart = performance.now();
    await importer.stage({
      file: path,
      sample,
      options: request.options,
      stage,
      reject: (e) => stage.reject(e),
      skip: (count = 1) => {
        skipped += count;
      },
      progress: (bytes) => {
        bytesRead = bytes;
        report('reading');
      },
    });
    clearInterval(poll);
    if (process.env.REBOND_PROFILE) process.stderr.write(`[import] stage: ${((performance.now() - stagingStart) / 1000).toFixed(3)} s\n`);
    bytesRead = sample.size;
    report('classifying', true);
    await stage.prepare(request.classify);
    const result = await db.transaction(async () => {
      const id = await nextImportId(db);
      const totals = await stage.commit(id);
      if (totals.stored + totals.duplicates + totals.listEntries === 0 && skipped === 0) {
        // Nothing in the file could be read as an event: refuse it rather than record an empty import.
        const example = totals.errors[0] ? ` (line ${totals.errors[0].line}: ${totals.errors[0].message})` : '';
        throw new UnreadableFileError(
          `${path}: no event could be read as ${importer.label}; ${totals.rejected} line(s) rejected${example}.`,
        );
      }
      report('storing', true);
      const outcome = { ...totals, skipped };
      await recordImport(db, {
        id,
        path,
        displayName: request.displayName ?? path,
        format: importer.id,
        contentHash: await sampledHash(path, sample.size),
        result: outcome,
        errors: totals.errors,
      });
      return { id, ...outcome };
    });
    request.onProgress?.({ path, phase: 'done', bytesRead: sample.size, totalBytes: sample.size, rows: result.stored });
    return {
      path,
      format: importer.id,
      ok: true,
      importId: result.id,
      stored: result.stored,
      duplicates: result.duplicates,
      rejected: result.rejected,
      skipped: result.skipped,
      errors: result.errors,
      firstEventTime: result.firstEventTime,
      lastEventTime: result.lastEventTime,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    const message =
      error instanceof UnreadableFileError ? error.message : `${path} could not be imported: ${(error as Error).message}`;
    return failed(message, importer.id);
  } finally {
    clearInterval(poll);
    await stage.discard();
  }
}

function chooseFormat(sample: FileSample, choice: FormatChoice): FormatImporter | string {
  if (choice !== 'auto') {
    const forced = FORMATS.find((f) => f.id === choice);
    return forced ?? `${sample.path}: unknown format "${choice}".`;
  }
  let best: FormatImporter | null = null;
  let bestScore = 0;
  for (const format of FORMATS) {
    const score = format.detect(sample);
    if (score > bestScore) {
      best = format;
      bestScore = score;
    }
  }
  if (best) return best;
  return (
    `${sample.path}: not a recognised format. Tried: ${FORMATS.map((f) => f.label).join(', ')}. ` +
    `The first line reads: "${(sample.lines[0] ?? '').slice(0, 120)}".`
  );
}

/**
 * A fingerprint of the file without reading all of it (a 1 GB log would cost seconds):
 * its size and its first and last megabyte. Events are deduplicated one by one anyway.
 */
async function sampledHash(path: string, size: number): Promise<string> {
  const hash = createHash('sha256').update(String(size));
  const handle = await open(path, 'r');
  try {
    const chunk = Buffer.alloc(Math.min(size, 1024 * 1024));
    const head = await handle.read(chunk, 0, chunk.length, 0);
    hash.update(chunk.subarray(0, head.bytesRead));
    if (size > chunk.length) {
      const tail = await handle.read(chunk, 0, chunk.length, size - chunk.length);
      hash.update(chunk.subarray(0, tail.bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
