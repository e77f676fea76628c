import { useTranslation } from 'react-i18next';
import type { FileImportResult, ImportProgress } from '../../core/contract';
import { useApp } from '../app-context';
import { formatBytes, formatDateTime } from '../format';
import { LineAccounting } from './LineAccounting';
import { sayOr } from '../problem-words';

export interface ImportJob {
  id: number;
  name: string;
  size: number;
  phase: 'queued' | 'uploading' | ImportProgress['phase'];
  /** 0..1 of the current phase */
  fraction: number;
  rows: number;
  /** the file's bytes the engine has read, of `size` (browser: after the upload) */
  bytesRead?: number;
  /** the share of the bar the upload takes (browser), so the bar never goes back when the engine starts */
  base?: number;
  /** Date.now() when the file was dropped, and when the engine last said how far it is */
  startedAt: number;
  heardAt?: number;
  /** how many progress reports arrived: the row shows it is alive even while a fraction stands still */
  updates?: number;
  result?: FileImportResult;
  error?: string;
}

/** What a file that could not be imported is, in a word: "empty" rather than "format not recognised". */
function outcomeKey(result: FileImportResult): string {
  if (result.format) return 'import.detected';
  const code = result.problem?.code;
  if (code === 'file.empty') return 'import.outcome.empty';
  if (code === 'file.notText' || code === 'file.notTextInGzip') return 'import.outcome.notText';
  if (code === 'file.damagedGzip') return 'import.outcome.damagedGzip';
  if (code?.startsWith('file.')) return 'import.outcome.unreadable';
  return 'import.notRecognised';
}

/** Seconds left at this pace: the time so far, scaled by what remains (shown once the pace is known). */
function secondsLeft(job: ImportJob): number | null {
  if (job.heardAt === undefined || job.fraction < 0.05 || job.fraction >= 1) return null;
  const elapsed = (job.heardAt - job.startedAt) / 1000;
  if (elapsed < 2) return null;
  return Math.max(1, Math.round((elapsed * (1 - job.fraction)) / job.fraction));
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
        {!finished && secondsLeft(job) !== null && (
          <span className="muted small job-remaining">{t('import.remaining', { count: secondsLeft(job)! })}</span>
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
      {!finished && job.rows === 0 && job.size > 0 && job.bytesRead !== undefined && job.bytesRead > 0 && (
        <div className="muted small job-read">{t('import.readOf', { read: formatBytes(lang, Math.min(job.bytesRead, job.size)), size: formatBytes(lang, job.size) })}</div>
      )}
      {job.error && <p className="job-error">{job.error}</p>}
      {result && (
        <div className="job-result">
          <p>
            <strong>{result.format ? t('import.detected', { format: t(`formats.${result.format}`) }) : t(outcomeKey(result))}</strong>
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
          {result.error && <p className="job-error">{sayOr(result.problem, result.error)}</p>}
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
                  <span className="mono">{t('import.line', { line: e.line })}</span> — {sayOr(e.problem, e.message)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </li>
  );
}
