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
import { endOfDay, formatDate, formatDateTime } from '../format';

const RELEASABLE = new Set(['soft_quarantine', 'long_quarantine', 'blacklisted']);

/** "25/01/2021" (both UI languages write the day first) or "2021-01-25" → "2021-01-25"; null when it is no day. */
function parseDay(text: string): string | null {
  const trimmed = text.trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const [y, m, d] = dmy ? [dmy[3], dmy[2], dmy[1]].map(Number) : ymd ? [ymd[1], ymd[2], ymd[3]].map(Number) : [NaN, NaN, NaN];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== d || date.getUTCMonth() !== m - 1) return null;
  return date.toISOString().slice(0, 10);
}

/** "2021-01-25" as the field shows it: "25/01/2021" */
function dayText(day: string, _lang: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

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
      transport.call('address', { address: target, lang, ...(asOf ? { at: endOfDay(asOf, timeZone) } : {}) }).then(setReport, (e) => {
        setReport(null);
        setError(errorMessage(e));
      });
    },
    [transport, lang, asOf, timeZone],
  );

  useEffect(() => {
    if (address) load(address);
  }, [address, load, dataVersion]);

  const current = report ? report.periods.find((p) => p.status === report.status && p.end === null) : undefined;
  // imported history often ends long ago (an old export): offer its last day as the date to look at
  const lastEvent = report?.events.reduce<string | null>((last, e) => (last === null || e.time > last ? e.time : last), null) ?? null;
  // (not after a release: the agent ended that period on purpose, today)
  const lastPeriod = report?.periods[report.periods.length - 1];
  const then = asOf ? null : (report?.atDataEnd ?? null);
  // on a past date, only a status that still holds today can be released (a quarantine over since cannot)
  const releasableNow =
    report !== null &&
    RELEASABLE.has(report.status) &&
    (!asOf || (current !== undefined && (report.until === null || Date.parse(report.until) > Date.now())));
  const [asOfText, setAsOfText] = useState(asOf ? dayText(asOf, lang) : '');
  useEffect(() => setAsOfText(asOf ? dayText(asOf, lang) : ''), [asOf, lang]);
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
          {/* a day written as the agent writes it (25/01/2021), in the workspace's time zone */}
          <input
            type="text"
            inputMode="numeric"
            className="as-of-input"
            value={asOfText}
            placeholder={t('address.asOfPlaceholder')}
            aria-invalid={asOfText !== '' && parseDay(asOfText) === null ? true : undefined}
            onChange={(e) => {
              setAsOfText(e.target.value);
              const day = parseDay(e.target.value);
              if (day !== null || e.target.value.trim() === '') setAsOf(day ?? '');
            }}
            aria-describedby="as-of-hint"
          />
          <small id="as-of-hint" className="muted">
            {asOf ? formatDate(lang, endOfDay(asOf, timeZone), timeZone) : t('address.asOfHint')}
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
                {then && <p>{then.explanation}</p>}
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

          {/* an address never seen has no history to tell: "never in quarantine" would claim one */}
          {report.events.length > 0 && (
            <section aria-labelledby="periods-title" className="card">
              <h2 id="periods-title">{t('address.periods')}</h2>
              <PeriodsTable periods={report.periods} />
            </section>
          )}

          {report.events.length > 0 && (
            <section aria-labelledby="events-title" className="card">
              <h2 id="events-title">{t('address.events', { count: report.events.length })}</h2>
              <EventsTable address={report.address} events={report.events} messages={report.messages} />
            </section>
          )}

          {exporting && <ReportDialog addresses={[report.address]} at={asOf ? endOfDay(asOf, timeZone) : undefined} onClose={() => setExporting(false)} />}

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
