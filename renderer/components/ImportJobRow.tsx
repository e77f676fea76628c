import { useTranslation } from 'react-i18next';
import type { FileImportResult, ImportProgress } from '../../core/contract';
import { useApp } from '../app-context';
import { formatBytes, formatDateTime } from '../format';
import { LineAccounting } from './LineAccounting';

export interface ImportJob {
  id: number;
  name: string;
  size: number;
  phase: 'queued' | 'uploading' | ImportProgress['phase'];
  /** 0..1 of the current phase */
  fraction: number;
  rows: number;
  /** Date.now() when the file was dropped, and when the engine last said how far it is */
  startedAt: number;
  heardAt?: number;
  /** how many progress reports arrived: the row shows it is alive even while a fraction stands still */
  updates?: number;
  result?: FileImportResult;
  error?: string;
}

export function ImportJobRow({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const { lang, timeZone } = useApp();
  const { result } = job;
  const percent = Math.round(job.fraction * 100);
  const finished = job.phase === 'done' || job.phase === 'failed';
  return (
    <li className={`job ${job.phase}`}>
      <div className="job-head">
        <span className="job-name">{job.name}</span>
        {job.size > 0 && <span className="muted">{formatBytes(lang, job.size)}</span>}
        {!finished && job.heardAt !== undefined && (
          <span className="muted small job-elapsed">{t('import.elapsed', { seconds: Math.round((job.heardAt - job.startedAt) / 1000) })}</span>
        )}
        <span className={`job-phase phase-${job.phase}`}>{t(`import.phase.${job.phase}`)}</span>
      </div>
      {!finished && (
        <div
          className="progress"
          role="progressbar"
          aria-label={t('import.progressOf', { name: job.name })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${t(`import.phase.${job.phase}`)} ${percent} %`}
          data-updates={job.updates ?? 0}
        >
          <div className="progress-bar" style={{ width: `${percent}%` }} />
        </div>
      )}
      {!finished && job.rows > 0 && <div className="muted small">{t('import.stored', { count: job.rows })}</div>}
      {job.error && <p className="job-error">{job.error}</p>}
      {result && (
        <div className="job-result">
          <p>
            <strong>{result.format ? t('import.detected', { format: t(`formats.${result.format}`) }) : t('import.notRecognised')}</strong>
            {result.firstEventTime && result.lastEventTime && (
              <span className="muted">
                {' · '}
                {t('import.covers', {
                  from: formatDateTime(lang, result.firstEventTime, timeZone),
                  to: formatDateTime(lang, result.lastEventTime, timeZone),
                })}
              </span>
            )}
          </p>
          {result.error && <p className="job-error">{result.error}</p>}
          {result.ok && (
            <ul className="counts">
              <li className="count-stored">{t('import.stored', { count: result.stored })}</li>
              <li className="count-duplicates">{t('import.duplicates', { count: result.duplicates })}</li>
              <li className={result.rejected ? 'count-rejected warn' : 'count-rejected'}>{t('import.rejected', { count: result.rejected })}</li>
              {result.skipped > 0 && <li>{t('import.skipped', { count: result.skipped })}</li>}
              {result.listed > 0 && <li className="count-listed">{t('import.listed', { count: result.listed })}</li>}
            </ul>
          )}
          {result.ok && <LineAccounting result={result} />}
          {result.errors.length > 0 && (
            <ul className="line-errors">
              {result.errors.map((e) => (
                <li key={e.line}>
                  <span className="mono">{t('import.line', { line: e.line })}</span> — {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </li>
  );
}
