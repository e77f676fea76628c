/**
 * DuckDB's errors in the words of the person who imported. DuckDB's own text ("FATAL Error:
 * Failed: database has been invalidated…", "Out of Memory Error: failed to offload… SET
 * threads=X", the CSV sniffer's option dump) never reaches a user: it names no file they know
 * and advises settings they cannot change.
 */
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { problem, ProblemError, type Problem } from '../model/problems';

/** DuckDB refuses every statement after one of these until the database is restarted. */
export function isFatalDatabaseError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /FATAL Error|database has been invalidated|INTERNAL Error/i.test(message);
}

export function isDiskFullError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || /No space left on device|ENOSPC|failed to offload|Could not write .* to file/i.test(message);
}

/** A message DuckDB wrote (its error classes end in "Error:"), as opposed to one of ours. */
export function isDatabaseText(message: string): boolean {
  return /\b(?:[A-Z][a-z]+ )*(?:Error|Exception): /.test(message) || /duckdb/i.test(message);
}

const MB = 1024 * 1024;

function freeBytes(folder: string): number | null {
  try {
    const stats = statfsSync(folder);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

export interface DiskContext {
  /** the folders the import writes to: the workspace's and the spill folder */
  folders: string[];
  /** about how much the import needs there (its input's size) */
  neededBytes: number;
}

/** "The disk holding /tmp is full…": which disk, how much is free, how much was needed. */
export function diskFullMessage(context: DiskContext): string {
  const disks = context.folders.map((folder) => ({ folder, free: freeBytes(folder) }));
  const fullest = disks.reduce((a, b) => ((b.free ?? Infinity) < (a.free ?? Infinity) ? b : a), disks[0]);
  const free = fullest?.free === null || fullest === undefined ? '' : ` (${Math.floor(fullest.free! / MB)} MB free)`;
  const where = fullest ? `The disk holding ${fullest.folder}${free}` : 'A disk';
  return `${where} is full: this import needs about ${Math.ceil(context.neededBytes / MB)} MB there. ` +
    `Free some space and import the file again; nothing of it was stored.`;
}

/**
 * Why an import failed, for a person: our own messages pass through, DuckDB's are replaced.
 * `disk` says where a full disk would be.
 */
export function plainImportError(error: unknown, disk: DiskContext): string {
  const message = error instanceof Error ? error.message : String(error);
  if (isDiskFullError(error)) return diskFullMessage(disk);
  if (isFatalDatabaseError(error)) {
    return 'the database stopped on an internal error while reading it. The workspace was reopened and is as it was before this file; ' +
      'nothing of the file was stored. If it happens again, send the file to the Rebond team.';
  }
  if (/Out of Memory/i.test(message)) {
    return 'there was not enough memory to import it. Close other programs and import it again; nothing of it was stored.';
  }
  if (isDatabaseText(message)) {
    return 'the database could not read it (an unexpected error). Nothing of it was stored.';
  }
  return message;
}

/**
 * Why an import failed, as a problem naming the file as the user knows it (`file`): the same
 * cases as plainImportError, for the shells to word.
 */
export function importProblem(error: unknown, file: string, disk: DiskContext): Problem {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ProblemError) return error.problem;
  if (error instanceof Error && error.name === 'DamagedGzipError') return problem('file.damagedGzip', { file });
  if (isDiskFullError(error)) {
    const disks = disk.folders.map((folder) => ({ folder, free: freeBytes(folder) }));
    const fullest = disks.reduce((a, b) => ((b.free ?? Infinity) < (a.free ?? Infinity) ? b : a), disks[0]);
    const neededMb = Math.ceil(disk.neededBytes / MB);
    const folder = fullest?.folder ?? '';
    return fullest?.free === null || fullest === undefined
      ? problem('import.diskFull', { file, folder, neededMb })
      : problem('import.diskFullFree', { file, folder, neededMb, freeMb: Math.floor(fullest.free / MB) });
  }
  if (isFatalDatabaseError(error)) return problem('import.databaseStopped', { file });
  if (/Out of Memory/i.test(message)) return problem('import.outOfMemory', { file });
  if (isDatabaseText(message)) return problem('import.databaseFailed', { file });
  return problem('import.failed', { file, detail: message });
}

export function workspaceFolder(path: string): string {
  return path === ':memory:' ? process.cwd() : dirname(path);
}
