import { useCallback, useEffect, useRef, useState } from 'react';
import { useDropzone } from 'react-dropzone';
import { useTranslation } from 'react-i18next';
import type { FileImportResult, FormatChoice, ImportProgress, ImportRecord } from '../../core/contract';
import { errorMessage, useApp } from '../app-context';
import { Alert } from '../components/Alert';
import { ImportJobRow, type ImportJob } from '../components/ImportJobRow';
import { PastImports } from '../components/PastImports';
import { RepairNotice } from '../components/RepairNotice';
import { useEngineAnswer } from '../use-engine-answer';
import type { ImportOptions, StagedFile } from '../transport';

const FORMATS: FormatChoice[] = ['auto', 'mailjet', 'mailjet-history', 'assoconnect', 'postfix', 'exim', 'powermta'];

let nextJobId = 1;

/**
 * The share of a dropped file's bar that its upload takes in the browser: the bar then moves on
 * from there while the engine reads the copy, instead of falling back to 0.
 */
const UPLOAD_SHARE = 0.3;

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

export function ImportScreen({ menuPaths, onMenuPathsTaken }: { menuPaths: string[] | null; onMenuPathsTaken(): void }) {
  const { t } = useTranslation();
  const { transport, dataVersion, dataChanged, go, timeZone, lang } = useApp();
  const [jobs, setJobs] = useState<ImportJob[]>([]);
  const [imports, setImports] = useState<ImportRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [format, setFormat] = useState<FormatChoice>('auto');
  const [logZone, setLogZone] = useState('');
  const [logYear, setLogYear] = useState('');
  const keyToJob = useRef(new Map<string, number>());

  const patch = useCallback((id: number, change: Partial<ImportJob>) => {
    setJobs((all) => all.map((job) => (job.id === id ? { ...job, ...change } : job)));
  }, []);

  useEffect(() => {
    transport.call('listImports', {}).then(setImports, (e) => setError(errorMessage(e)));
  }, [transport, dataVersion]);

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

  const options = (): ImportOptions => {
    const year = Number.parseInt(logYear, 10);
    return {
      ...(format !== 'auto' ? { format } : {}),
      ...(logZone ? { timeZone: logZone } : timeZone ? { timeZone } : {}),
      ...(Number.isFinite(year) ? { year } : {}),
      lang,
    };
  };

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

  const onDrop = async (files: File[]) => {
    if (!files.length) return;
    setError(null);
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

  // File › Import… in the Electron menu hands us paths from the native dialog
  useEffect(() => {
    if (!menuPaths?.length) return;
    onMenuPathsTaken();
    const fresh: ImportJob[] = menuPaths.map((path) => ({
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
      menuPaths.map((path) => ({ name: baseName(path), size: 0, key: path })),
    );
  }, [menuPaths]);

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop: (accepted) => void onDrop(accepted),
    multiple: true,
    noClick: true,
    noKeyboard: true,
  });

  const zones = Intl.supportedValuesOf('timeZone');
  const repairs = useEngineAnswer('workspaceRepairs', {}).value;
  const isNewUser = imports !== null && imports.length === 0 && jobs.length === 0;

  return (
    <section aria-labelledby="import-title" className="screen">
      <h1 id="import-title">{t('import.title')}</h1>
      {repairs && <RepairNotice repairs={repairs} />}
      {error && <Alert message={t('errors.generic', { message: error })} onDismiss={() => setError(null)} />}

      <div {...getRootProps({ className: isDragActive ? 'dropzone active' : 'dropzone' })}>
        <input {...getInputProps({ 'aria-label': t('import.fileInput') })} />
        <div className="dropzone-icon" aria-hidden="true">
          ⇪
        </div>
        <p className="dropzone-title">{isDragActive ? t('import.dropActive') : t('import.dropTitle')}</p>
        <p className="dropzone-hint">{t('import.dropHint')}</p>
        <button type="button" className="button primary" onClick={open}>
          {t('import.choose')}
        </button>
      </div>

      <details className="options">
        <summary>{t('import.options')}</summary>
        <div className="form-row">
          <label>
            <span>{t('import.format')}</span>
            <select value={format} onChange={(e) => setFormat(e.target.value as FormatChoice)}>
              {FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f === 'auto' ? t('import.formatAuto') : t(`formats.${f}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('import.timeZone')}</span>
            <select value={logZone} onChange={(e) => setLogZone(e.target.value)}>
              <option value="">{timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone}</option>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('import.year')}</span>
            <input
              type="number"
              min={1990}
              max={2100}
              inputMode="numeric"
              placeholder={t('import.yearHint')}
              value={logYear}
              onChange={(e) => setLogYear(e.target.value)}
            />
          </label>
        </div>
      </details>

      {isNewUser && (
        <div className="empty-state">
          <h2>{t('import.emptyTitle')}</h2>
          <p>{t('import.emptyBody')}</p>
          <p className="muted">{t('import.emptyThen')}</p>
          <p className="muted">
            {t('import.emptyDemo')} <code>npx rebond demo --out demo</code>
          </p>
        </div>
      )}

      {jobs.length > 0 && (
        <section aria-labelledby="current-title" className="card">
          <div className="card-head">
            <h2 id="current-title">{t('import.current')}</h2>
            {jobs.every((j) => j.phase === 'done' || j.phase === 'failed') && jobs.some((j) => j.phase === 'done') && (
              <button type="button" className="button" onClick={() => go('overview')}>
                {t('import.goOverview')}
              </button>
            )}
          </div>
          <ul className="jobs">
            {jobs.map((job) => (
              <ImportJobRow key={job.id} job={job} />
            ))}
          </ul>
        </section>
      )}

      <PastImports imports={imports} onRemoved={dataChanged} onError={setError} />
    </section>
  );
}
