import { useTranslation } from 'react-i18next';
import type { AddressReport } from '../../core/contract';
import { useApp } from '../app-context';
import { formatDate, formatDateTime } from '../format';
import { AnswerHeadline } from './AnswerHeadline';
import { NearestAddresses } from './NearestAddresses';
import { StatusBadge } from './StatusBadge';

const RELEASABLE = new Set(['soft_quarantine', 'long_quarantine', 'blacklisted']);
/** an "ok" address whose last event is older than this is likely read from an old export */
const STALE_AFTER_MS = 7 * 86_400_000;

export interface AddressStatusCardProps {
  report: AddressReport;
  /** yyyy-mm-dd the status is shown for, or empty for now */
  asOf: string;
  onRelease(): void;
  onExport(): void;
  /** another address to look at (the typo's suggestion, a nearest address) */
  onChoose(address: string): void;
  /** look at the status as it was on that day (yyyy-mm-dd) */
  onSeeAsOf(day: string): void;
}

/** The address's answer: status and until when, the ticket's headline, and the explanation. */
export function AddressStatusCard({ report, asOf, onRelease, onExport, onChoose, onSeeAsOf }: AddressStatusCardProps) {
  const { t } = useTranslation();
  const { lang, timeZone } = useApp();
  const current = report.periods.find((p) => p.status === report.status && p.end === null);
  // imported history often ends long ago (an old export): offer its last day as the date to look at
  const lastEvent = report.events.reduce<string | null>((last, e) => (last === null || e.time > last ? e.time : last), null);
  // (not after a release: the agent ended that period on purpose, today)
  const lastPeriod = report.periods[report.periods.length - 1];
  const then = asOf ? null : (report.atDataEnd ?? null);
  // on a past date, only a status that still holds today can be released (a quarantine over since cannot)
  const releasableNow =
    RELEASABLE.has(report.status) && (!asOf || (current !== undefined && (report.until === null || Date.parse(report.until) > Date.now())));
  const stale =
    !asOf &&
    report.status === 'ok' &&
    lastPeriod !== undefined &&
    !lastPeriod.release &&
    lastEvent !== null &&
    Date.now() - Date.parse(lastEvent) > STALE_AFTER_MS;

  return (
    <section aria-labelledby="address-status" className="card status-card">
      <div className="status-head">
        <h2 id="address-status" className="mono address-name">
          {report.address}
        </h2>
        <div className="status-line" aria-label={t('address.status')}>
          {then ? (
            // the data ends before today: its status then, and today's when it has changed since (issue 17)
            <>
              <StatusBadge status={then.status} />
              <span className="until as-of-end">
                {then.until ? `${t('address.until', { date: formatDateTime(lang, then.until, timeZone) })} ` : ''}
                {t('address.atDataEnd', { date: formatDate(lang, then.at, timeZone) })}
                {report.status === 'ok' ? t('address.liftedSince') : t('address.today', { status: t(`statuses.${report.status}`) })}
              </span>
            </>
          ) : (
            <StatusBadge status={report.status} />
          )}
          {!then && report.until && <span className="until">{t('address.until', { date: formatDateTime(lang, report.until, timeZone) })}</span>}
          {!then && !report.until && current && current.end === null && report.status !== 'ok' && (
            <span className="until">
              {t('address.since', { date: formatDateTime(lang, current.start, timeZone) })} · {t('address.untilNoEnd')}
            </span>
          )}
          {report.unsubscribed && <span className="tag">{t('address.unsubscribed')}</span>}
          {report.disposable && <span className="tag">{t('address.disposable')}</span>}
        </div>
        {/* a release takes effect now: not offered for a date in the past, nor for a quarantine over since */}
        {releasableNow && (
          <button type="button" className="button" onClick={onRelease}>
            {t('address.release')}
          </button>
        )}
        <button type="button" className="button" onClick={onExport}>
          {t('ticket.exportReport')}
        </button>
      </div>
      {/* the ticket's question first: did our e-mails reach this person? then the quarantine status */}
      {!(report.status === 'unknown' && report.events.length === 0) && <AnswerHeadline answer={report.answer} />}
      {stale && lastEvent && (
        <p className="stale">
          {t('address.stale', { date: formatDate(lang, lastEvent, timeZone) })}{' '}
          <button type="button" className="link-button" onClick={() => onSeeAsOf(lastEvent.slice(0, 10))}>
            {t('address.seeAsOf', { date: formatDate(lang, lastEvent, timeZone) })}
          </button>
        </p>
      )}
      {report.typoSuggestion && (
        <p className="typo">
          {t('address.typo', { suggestion: report.typoSuggestion })}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => onChoose(report.typoSuggestion!)}
          >
            {t('address.typoSearch', { suggestion: report.typoSuggestion })}
          </button>
        </p>
      )}
      {report.status === 'unknown' && report.events.length === 0 ? (
        <>
          <p>{t('address.neverSeen', { address: report.address })}</p>
          <p className="muted">{t('address.neverSeenHint')}</p>
          <NearestAddresses
            address={report.address}
            onChoose={onChoose}
          />
        </>
      ) : (
        <div className="explanation">
          <h3>{t('address.explanation')}</h3>
          {then && <p>{then.explanation}</p>}
          <p>{report.explanation}</p>
        </div>
      )}
    </section>
  );
}
