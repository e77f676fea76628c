/**
 * Where DuckDB spills what does not fit in its memory limit (a large import's sorted insert).
 * DuckDB's default is a `<workspace>.tmp` folder beside the workspace, which a killed import left
 * behind (up to 172 MB seen). Each process now spills into its own folder in the system's
 * temporary folder, removed when the workspace closes; folders of processes that are gone, and
 * the old `<workspace>.tmp`, are removed when a workspace opens.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'rebond-spill-';

export function createSpillFolder(): string {
  return mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
}

export function removeSpillFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the spill folders of Rebond processes that are gone, and `workspace`'s old `.tmp`. */
export function sweepSpillFolders(workspace: string): string[] {
  const removed: string[] = [];
  const old = `${workspace}.tmp`;
  if (workspace !== ':memory:' && existsSync(old) && statSync(old).isDirectory()) {
    rmSync(old, { recursive: true, force: true });
    removed.push(old);
  }
  let names: string[] = [];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = name.startsWith(PREFIX) ? Number(name.slice(PREFIX.length).split('-')[0]) : NaN;
    if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
    removed.push(join(tmpdir(), name));
  }
  return removed;
}
