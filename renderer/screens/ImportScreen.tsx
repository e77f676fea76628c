import { useEffect, useState } from 'react';
import { useDropzone } from 'react-dropzone';
import { useTranslation } from 'react-i18next';
import type { FormatChoice } from '../../core/contract';
import { useApp } from '../app-context';
import { Alert } from '../components/Alert';
import { ImportJobRow } from '../components/ImportJobRow';
import { PastImports } from '../components/PastImports';
import { RepairNotice } from '../components/RepairNotice';
import { useEngineAnswer } from '../use-engine-answer';
import { useImportJobs } from '../use-import-jobs';
import type { ImportOptions } from '../transport';

const FORMATS: FormatChoice[] = ['auto', 'mailjet', 'mailjet-history', 'assoconnect', 'postfix', 'exim', 'powermta'];

export function ImportScreen({ menuPaths, onMenuPathsTaken }: { menuPaths: string[] | null; onMenuPathsTaken(): void }) {
  const { t } = useTranslation();
  const { dataVersion, dataChanged, go, timeZone, lang } = useApp();
  const [error, setError] = useState<string | null>(null);
  const [format, setFormat] = useState<FormatChoice>('auto');
  const [logZone, setLogZone] = useState('');
  const [logYear, setLogYear] = useState('');

  const options = (): ImportOptions => {
    const year = Number.parseInt(logYear, 10);
    return {
      ...(format !== 'auto' ? { format } : {}),
      ...(logZone ? { timeZone: logZone } : timeZone ? { timeZone } : {}),
      ...(Number.isFinite(year) ? { year } : {}),
      lang,
    };
  };
  const { jobs, importFiles, importPaths } = useImportJobs(options);
  const imports = useEngineAnswer('listImports', {}, dataVersion);

  // File › Import… in the Electron menu hands us paths from the native dialog
  useEffect(() => {
    if (!menuPaths?.length) return;
    onMenuPathsTaken();
    importPaths(menuPaths);
  }, [menuPaths]);

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop: (accepted) => {
      setError(null);
      void importFiles(accepted);
    },
    multiple: true,
    noClick: true,
    noKeyboard: true,
  });

  const zones = Intl.supportedValuesOf('timeZone');
  const repairs = useEngineAnswer('workspaceRepairs', {}).value;
  const isNewUser = imports.value !== null && imports.value.length === 0 && jobs.length === 0;

  return (
    <section aria-labelledby="import-title" className="screen">
      <h1 id="import-title">{t('import.title')}</h1>
      {repairs && <RepairNotice repairs={repairs} />}
      {imports.error && <Alert message={t('errors.generic', { message: imports.error })} />}
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

      <PastImports imports={imports.value} onRemoved={dataChanged} onError={setError} />
    </section>
  );
}
