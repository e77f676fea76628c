/**
 * One file into the store: read a sample, recognise the format from content, stage, then
 * classify and append — in one transaction, so a file that cannot be imported leaves the
 * workspace exactly as it was.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { FileImportResult, FormatChoice, ImportProgress, Lang, LineError } from '../contract';
import { problem, type Problem } from '../model/problems';
import { wordLineProblem, wordProblem } from '../model/problem-words';
import { tmpdir } from 'node:os';
import type { Database } from '../store/database';
import { importProblem, workspaceFolder } from '../store/plain-errors';
import { nextImportId, recordImport } from '../store/imports';
import { addImportToAggregates } from '../store/hourly-tables';
import { profiler, Stage, type ClassifyFn } from '../store/staging';
import { StepClock } from './progress';
import type { FormatImporter, ImportOptions, LineTally } from '../formats/importer';
import { accountLines } from '../formats/line-accounting';
import { headerLineOf } from '../formats/header';
import { FORMATS } from '../formats/registry';
import { readSample, UnreadableFileError, type FileSample } from '../files/sample';

export interface ImportFileRequest {
  path: string;
  displayName?: string;
  format: FormatChoice;
  options: ImportOptions;
  classify: ClassifyFn;
  /** the language of the result's `error` (its `problem` is the same in every language) */
  lang?: Lang;
  onProgress?: (progress: ImportProgress) => void;
}

const PROGRESS_INTERVAL_MS = 200;

export async function importFile(db: Database, request: ImportFileRequest): Promise<FileImportResult> {
  const started = performance.now();
  const { path } = request;
  // the file as the user knows it: the browser host imports temporary copies of dropped files
  const shown = request.displayName ?? path;
  const lang = request.lang ?? 'en';
  const failed = (found: Problem, format: FileImportResult['format'] = null, errors: FileImportResult['errors'] = []): FileImportResult => {
    // the problems name the file by the path it was read at: the user knows it by its name
    const named = ('file' in found.params ? { ...found, params: { ...found.params, file: shown } } : found) as Problem;
    request.onProgress?.({ path, phase: 'failed', bytesRead: 0, totalBytes: 0, rows: 0, fraction: 1 });
    return {
      path,
      format,
      ok: false,
      error: withExample(wordProblem(named, lang), errors[0], lang),
      problem: named,
      importId: null,
      stored: 0,
      duplicates: 0,
      rejected: 0,
      skipped: 0,
      listed: 0,
      errors: inLanguage(errors, lang),
      firstEventTime: null,
      lastEventTime: null,
      seconds: (performance.now() - started) / 1000,
    };
  };

  let sample: FileSample;
  try {
    sample = await readSample(path);
  } catch (error) {
    if (error instanceof UnreadableFileError) return failed(error.problem);
    return failed(problem('file.unreadable', { file: path, detail: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
  }
  const importer = chooseFormat(sample, request.format);
  if (!('stage' in importer)) return failed(importer);

  // Reading (and, for a clean CSV export, normalising) and storing are most of an import.
  // Shares measured on a 1,000,000-event Mailjet export (`REBOND_PROFILE=1`).
  const PHASE_SPAN: Record<string, [number, number]> = {
    reading: [0, 0.45],
    classifying: [0.45, 0.55],
    storing: [0.55, 1],
  };
  const clock = new StepClock();
  const stage = new Stage(db, path, clock);
  const readingSince = performance.now();
  // DuckDB reads and normalises a CSV export at about 100 MB/s here
  const readingExpectedS = Math.max(0.1, sample.size / 100e6);
  let phase: ImportProgress['phase'] = 'reading';
  let bytesRead = 0;
  let fraction = 0;
  let lastReport = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    const [from, to] = PHASE_SPAN[phase] ?? [0, 1];
    // DuckDB reports how far its current query is; a JavaScript reader reports bytes.
    const query = db.connection.progress.percentage;
    // Where nothing is measured, time is: 1 - e^(-elapsed/expected) moves steadily and never
    // claims a step is over before it is.
    const byTime = (since: number, expectedS: number) => 1 - Math.exp(-(now - since) / 1000 / expectedS);
    let within: number;
    if (phase === 'reading') {
      within = Math.max(bytesRead / sample.size, query > 0 ? query / 100 : 0, byTime(readingSince, readingExpectedS));
    } else {
      const step = clock.window;
      within = step.from + (step.to - step.from) * byTime(step.since, step.expectedS);
    }
    if (phase === 'reading' && query > 0) bytesRead = Math.max(bytesRead, Math.round((query / 100) * sample.size));
    fraction = Math.max(fraction, Math.min(to, from + (to - from) * Math.min(1, within)));
    request.onProgress?.({ path, phase, bytesRead, totalBytes: sample.size, rows: 0, fraction });
  };
  const enter = (next: ImportProgress['phase']) => {
    phase = next;
    clock.reset();
    report(true);
  };
  enter('reading');
  // DuckDB works on its own threads: a timer keeps progress flowing while a query runs.
  const poll = setInterval(() => report(true), PROGRESS_INTERVAL_MS);

  let skipped = 0;
  let rejectedLines: FileImportResult['errors'] = [];
  const tally: LineTally = {};
  try {
    await stage.begin();
    const staged = profiler();
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
        report();
      },
      tally: (lines) => Object.assign(tally, lines),
    });
    if (tally.total === undefined && stage.csvLines !== null) {
      tally.total = stage.csvLines;
      if (stage.csvQuoted) Object.assign(tally, { quoted: stage.csvQuoted.count, quotedValues: stage.csvQuoted.first });
    }
    staged('stage');
    bytesRead = sample.size;
    enter('classifying');
    await stage.prepare(request.classify);
    enter('storing');
    const result = await db.transaction(async () => {
      const id = await nextImportId(db);
      const totals = await stage.commit(id);
      if (totals.stored + totals.duplicates + totals.listEntries === 0 && skipped === 0) {
        // Nothing in the file could be read as an event: refuse it rather than record an empty import.
        // the first rejected lines travel with the refusal: they say why
        rejectedLines = totals.errors;
        throw new UnreadableFileError(
          problem('import.noEvents', { file: path, format: importer.label, count: totals.rejected + (tally.notUnderstoodBeyondRecords ?? 0) }),
        );
      }
      const outcome = { ...totals, rejected: totals.rejected + (tally.notUnderstoodBeyondRecords ?? 0), skipped };
      await recordImport(db, {
        id,
        path,
        displayName: request.displayName ?? path,
        format: importer.id,
        contentHash: await sampledHash(path, sample.size),
        result: outcome,
        errors: totals.errors,
      });
      await addImportToAggregates(db, id); // the counts the charts and incidents read (store/hourly-tables.ts)
      return { id, ...outcome };
    });
    clearInterval(poll);
    request.onProgress?.({ path, phase: 'done', bytesRead: sample.size, totalBytes: sample.size, rows: result.stored, fraction: 1 });
    return {
      path,
      format: importer.id,
      ok: true,
      importId: result.id,
      stored: result.stored,
      duplicates: result.duplicates,
      rejected: result.rejected,
      skipped: result.skipped,
      listed: result.listEntries,
      errors: inLanguage(result.errors, lang),
      firstEventTime: result.firstEventTime,
      lastEventTime: result.lastEventTime,
      seconds: (performance.now() - started) / 1000,
      ...accountLines(tally, {
        events: result.stored + result.duplicates + result.listEntries,
        skipped: result.skipped,
        rejected: result.rejected,
        headerLine: stage.csvLines !== null ? headerLineOf(sample.lines) : 0,
      }),
    };
  } catch (error) {
    const found =
      error instanceof UnreadableFileError
        ? error.problem
        : importProblem(error, shown, {
            folders: [workspaceFolder(db.path), db.spillFolder, tmpdir()],
            neededBytes: sample.size,
          });
    return failed(found, importer.id, rejectedLines);
  } finally {
    clearInterval(poll);
    await stage.discard();
  }
}

/** The line errors in the request's language (each was written in English when it was found). */
function inLanguage(errors: LineError[], lang: Lang): LineError[] {
  return lang === 'en' ? errors : errors.map((e) => (e.problem ? { ...e, message: wordLineProblem(e.problem, lang) } : e));
}

/** A refused file's error with its first rejected line, which says why. */
function withExample(error: string, first: LineError | undefined, lang: Lang): string {
  if (!first) return error;
  const why = first.problem ? wordLineProblem(first.problem, lang) : first.message;
  return `${error.replace(/\.$/, '')} (${lang === 'fr' ? `ligne ${first.line} : ` : `line ${first.line}: `}${why}).`;
}

function chooseFormat(sample: FileSample, choice: FormatChoice): FormatImporter | Problem {
  if (choice !== 'auto') {
    const forced = FORMATS.find((f) => f.id === choice);
    return forced ?? problem('format.unknownChoice', { file: sample.path, format: choice });
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
  // a file that is nearly one format's: say what it lacks rather than "not recognised"
  for (const format of FORMATS) {
    const lack = format.explainMiss?.(sample);
    if (lack) return lack;
  }
  return problem('format.notRecognised', {
    file: sample.path,
    tried: FORMATS.map((f) => f.label).join(', '),
    firstLine: (sample.lines[0] ?? '').slice(0, 120),
  });
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
