import { useCallback, useEffect, useRef, useState } from 'react';
import type { FileImportResult, ImportProgress } from '../core/contract';
import { errorMessage, useApp } from './app-context';
import type { ImportJob } from './components/ImportJobRow';
import type { ImportOptions, StagedFile } from './transport';

let nextJobId = 1;

/**
 * The share of a dropped file's bar that its upload takes in the browser: the bar then moves on
 * from there while the engine reads the copy, instead of falling back to 0.
 */
const UPLOAD_SHARE = 0.3;

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/**
 * The imports under way on the Import screen: files dropped (uploaded first in the browser) or
 * paths chosen in Electron's menu, each a job whose bar follows the engine's progress events.
 */
export function useImportJobs(options: () => ImportOptions): {
  jobs: ImportJob[];
  importFiles(files: File[]): Promise<void>;
  importPaths(paths: string[]): void;
} {
  const { transport, dataChanged } = useApp();
  const [jobs, setJobs] = useState<ImportJob[]>([]);
  const keyToJob = useRef(new Map<string, number>());

  const patch = useCallback((id: number, change: Partial<ImportJob>) => {
    setJobs((all) => all.map((job) => (job.id === id ? { ...job, ...change } : job)));
  }, []);

  useEffect(
    () =>
      transport.onImportProgress((p: ImportProgress) => {
        const id = keyToJob.current.get(p.path);
        if (id === undefined) return;
        const heardAt = Date.now();
        setJobs((all) =>
          all.map((job) =>
            job.id === id
              ? {
                  ...job,
                  phase: p.phase,
                  fraction: p.phase === 'done' ? 1 : Math.max(job.fraction, (job.base ?? 0) + (1 - (job.base ?? 0)) * p.fraction),
                  rows: p.rows,
                  bytesRead: p.bytesRead,
                  heardAt,
                  updates: (job.updates ?? 0) + 1,
                }
              : job,
          ),
        );
      }),
    [transport, patch],
  );

  const runImport = async (ids: number[], staged: StagedFile[]) => {
    staged.forEach((file, i) => {
      keyToJob.current.set(file.key, ids[i]);
      const base = file.uploadId !== undefined ? UPLOAD_SHARE : 0;
      patch(ids[i], { phase: 'detecting', fraction: base, base });
    });
    try {
      const summary = await transport.importStaged(staged, options());
      summary.files.forEach((result: FileImportResult, i) => {
        const id = keyToJob.current.get(result.path) ?? ids[i];
        patch(id, { phase: result.ok ? 'done' : 'failed', fraction: 1, result });
      });
    } catch (e) {
      ids.forEach((id) => patch(id, { phase: 'failed', error: errorMessage(e) }));
    } finally {
      staged.forEach((file) => keyToJob.current.delete(file.key));
      dataChanged();
    }
  };

  const importFiles = async (files: File[]) => {
    if (!files.length) return;
    const fresh: ImportJob[] = files.map((file) => ({
      id: nextJobId++,
      name: file.name,
      size: file.size,
      phase: 'queued',
      fraction: 0,
      rows: 0,
      startedAt: Date.now(),
    }));
    setJobs((all) => [...fresh, ...all]);
    const ids = fresh.map((job) => job.id);
    let staged: StagedFile[];
    try {
      staged = await transport.stage(files, (index, sent, total) =>
        patch(ids[index], { phase: 'uploading', fraction: UPLOAD_SHARE * (total ? sent / total : 0), heardAt: Date.now() }),
      );
    } catch (e) {
      ids.forEach((id) => patch(id, { phase: 'failed', error: errorMessage(e) }));
      return;
    }
    await runImport(ids, staged);
  };

  const importPaths = (paths: string[]) => {
    const fresh: ImportJob[] = paths.map((path) => ({
      id: nextJobId++,
      name: baseName(path),
      size: 0,
      phase: 'queued',
      fraction: 0,
      rows: 0,
      startedAt: Date.now(),
    }));
    setJobs((all) => [...fresh, ...all]);
    void runImport(
      fresh.map((job) => job.id),
      paths.map((path) => ({ name: baseName(path), size: 0, key: path })),
    );
  };

  return { jobs, importFiles, importPaths };
}
