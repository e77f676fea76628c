import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddressReport } from '../../core/contract';
import { errorMessage, useApp } from '../app-context';
import { AddressSearch } from '../components/AddressSearch';
import { AddressTimeline } from '../components/AddressTimeline';
import { AnswerHeadline } from '../components/AnswerHeadline';
import { MessagesTable } from '../components/MessagesTable';
import { ReportDialog } from '../components/ReportDialog';
import { AddressIncidents } from '../components/AddressIncidents';
import { Alert } from '../components/Alert';
import { ChartFigure } from '../components/ChartFigure';
import { EventsTable } from '../components/EventsTable';
import { PeriodsTable } from '../components/PeriodsTable';
import { ReleaseDialog } from '../components/ReleaseDialog';
import { StatusBadge } from '../components/StatusBadge';
import { NearestAddresses } from '../components/NearestAddresses';
import { formatDate, formatDateTime } from '../format';

const RELEASABLE = new Set(['soft_quarantine', 'long_quarantine', 'blacklisted']);

export function AddressScreen({ initialAddress }: { initialAddress?: string }) {
  const { t } = useTranslation();
  const { transport, lang, timeZone, dataVersion } = useApp();
  const [address, setAddress] = useState<string | undefined>(initialAddress);
  const [report, setReport] = useState<AddressReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [releasing, setReleasing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [searchKey, setSearchKey] = useState(0);
  /** yyyy-mm-dd: the status as it was at the end of that day; empty for now */
  const [asOf, setAsOf] = useState('');

  const load = useCallback(
    (target: string) => {
      setError(null);
      transport.call('address', { address: target, lang, ...(asOf ? { at: `${asOf}T23:59:59Z` } : {}) }).then(setReport, (e) => {
        setReport(null);
        setError(errorMessage(e));
      });
    },
    [transport, lang, asOf],
  );

  useEffect(() => {
    if (address) load(address);
  }, [address, load, dataVersion]);

  const current = report ? report.periods.find((p) => p.status === report.status && p.end === null) : undefined;
  // imported history often ends long ago (an old export): offer its last day as the date to look at
  const lastEvent = report?.events.reduce<string | null>((last, e) => (last === null || e.time > last ? e.time : last), null) ?? null;
  // (not after a release: the agent ended that period on purpose, today)
  const lastPeriod = report?.periods[report.periods.length - 1];
  const stale =
    !asOf &&
    report?.status === 'ok' &&
    lastPeriod !== undefined &&
    !lastPeriod.release &&
    lastEvent !== null &&
    Date.now() - Date.parse(lastEvent) > 7 * 86_400_000;

  return (
    <section aria-labelledby="address-title" className="screen">
      <h1 id="address-title">{t('address.title')}</h1>
      <div className="search-bar">
        <AddressSearch
          key={searchKey}
          initial={address}
          onSearch={(a) => {
            setNotice(null);
            setAddress(a);
          }}
        />
        <label className="as-of">
          <span>{t('address.asOf')}</span>
          <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} aria-describedby="as-of-hint" />
          <small id="as-of-hint" className="muted">
            {t('address.asOfHint')}
          </small>
        </label>
      </div>
      {error && <Alert message={t('errors.generic', { message: error })} onDismiss={() => setError(null)} />}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}

      {!address && !report && (
        <div className="empty-state">
          <h2>{t('address.emptyTitle')}</h2>
          <p>{t('address.emptyBody')}</p>
          <button type="button" className="button" onClick={() => setExporting(true)}>
            {t('ticket.exportReport')}
          </button>
          {exporting && <ReportDialog addresses={[]} onClose={() => setExporting(false)} />}
        </div>
      )}

      {report && (
        <>
          <section aria-labelledby="address-status" className="card status-card">
            <div className="status-head">
              <h2 id="address-status" className="mono address-name">
                {report.address}
              </h2>
              <div className="status-line" aria-label={t('address.status')}>
                <StatusBadge status={report.status} />
                {report.until && <span className="until">{t('address.until', { date: formatDateTime(lang, report.until, timeZone) })}</span>}
                {!report.until && current && current.end === null && report.status !== 'ok' && (
                  <span className="until">
                    {t('address.since', { date: formatDateTime(lang, current.start, timeZone) })} · {t('address.untilNoEnd')}
                  </span>
                )}
                {report.unsubscribed && <span className="tag">{t('address.unsubscribed')}</span>}
                {report.disposable && <span className="tag">{t('address.disposable')}</span>}
              </div>
              {RELEASABLE.has(report.status) && (
                <button type="button" className="button" onClick={() => setReleasing(true)}>
                  {t('address.release')}
                </button>
              )}
              <button type="button" className="button" onClick={() => setExporting(true)}>
                {t('ticket.exportReport')}
              </button>
            </div>
            {/* the ticket's question first: did our e-mails reach this person? then the quarantine status */}
            {!(report.status === 'unknown' && report.events.length === 0) && <AnswerHeadline answer={report.answer} />}
            {stale && lastEvent && (
              <p className="stale">
                {t('address.stale', { date: formatDate(lang, lastEvent, timeZone) })}{' '}
                <button type="button" className="link-button" onClick={() => setAsOf(lastEvent.slice(0, 10))}>
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
                  onClick={() => {
                    setAddress(report.typoSuggestion!);
                    setSearchKey((k) => k + 1);
                  }}
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
                  onChoose={(a) => {
                    setAddress(a);
                    setSearchKey((k) => k + 1);
                  }}
                />
              </>
            ) : (
              <div className="explanation">
                <h3>{t('address.explanation')}</h3>
                <p>{report.explanation}</p>
              </div>
            )}
          </section>

          {report.events.length > 0 && <MessagesTable report={report} />}
          {report.events.length > 0 && <AddressIncidents address={report.address} />}
          {report.events.length > 0 && (
            <ChartFigure id="address-timeline" title={t('address.timeline')} hint={t('address.timelineHint')}>
              <AddressTimeline report={report} />
            </ChartFigure>
          )}

          <section aria-labelledby="periods-title" className="card">
            <h2 id="periods-title">{t('address.periods')}</h2>
            <PeriodsTable periods={report.periods} />
          </section>

          {report.events.length > 0 && (
            <section aria-labelledby="events-title" className="card">
              <h2 id="events-title">{t('address.events', { count: report.events.length })}</h2>
              <EventsTable address={report.address} events={report.events} messages={report.messages} />
            </section>
          )}

          {exporting && <ReportDialog addresses={[report.address]} at={asOf ? `${asOf}T23:59:59Z` : undefined} onClose={() => setExporting(false)} />}

          {releasing && (
            <ReleaseDialog
              report={report}
              onClose={() => setReleasing(false)}
              onReleased={() => {
                setNotice(t('address.releasedOk', { address: report.address }));
                // a release takes effect now: show today's status, where it can be seen
                if (asOf) setAsOf('');
                else load(report.address);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
