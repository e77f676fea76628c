import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app-context';
import { AddressIncidents } from '../components/AddressIncidents';
import { AddressSearch } from '../components/AddressSearch';
import { AddressStatusCard } from '../components/AddressStatusCard';
import { AddressTimeline } from '../components/AddressTimeline';
import { Alert } from '../components/Alert';
import { AsOfField } from '../components/AsOfField';
import { ChartFigure } from '../components/ChartFigure';
import { EventsTable } from '../components/EventsTable';
import { MessagesTable } from '../components/MessagesTable';
import { PeriodsTable } from '../components/PeriodsTable';
import { ReleaseDialog } from '../components/ReleaseDialog';
import { ReportDialog } from '../components/ReportDialog';
import { endOfDay } from '../format';
import { useEngineAnswer } from '../use-engine-answer';

/** An address's page: the search and "Status on", then its answer, messages, incidents, timeline, periods and events. */
export function AddressScreen({ initialAddress }: { initialAddress?: string }) {
  const { t } = useTranslation();
  const { timeZone, lang, dataVersion } = useApp();
  const [address, setAddress] = useState<string | undefined>(initialAddress);
  const [releasing, setReleasing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [searchKey, setSearchKey] = useState(0);
  /** yyyy-mm-dd: the status as it was at the end of that day; empty for now */
  const [asOf, setAsOf] = useState('');
  /** asked again after a release, which changes the status now */
  const [released, setReleased] = useState(0);
  const { value: report, error } = useEngineAnswer(
    'address',
    address ? { address, lang, ...(asOf ? { at: endOfDay(asOf, timeZone) } : {}) } : null,
    `${dataVersion} ${released}`,
  );

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
        <AsOfField day={asOf} onChange={setAsOf} />
      </div>
      {error && <Alert message={t('errors.generic', { message: error })} />}
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
          <AddressStatusCard
            report={report}
            asOf={asOf}
            onRelease={() => setReleasing(true)}
            onExport={() => setExporting(true)}
            onChoose={(a) => {
              setAddress(a);
              setSearchKey((k) => k + 1);
            }}
            onSeeAsOf={setAsOf}
          />

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
                else setReleased((n) => n + 1);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
