import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddressesBehindRequest, AddressListViewRequest, ListedAddress } from '../../core/contract';
import { errorMessage, useApp } from '../app-context';
import { AddressCell } from '../components/AddressCell';
import { Alert } from '../components/Alert';
import { Reconciliation } from '../components/Reconciliation';
import { StatusBadge } from '../components/StatusBadge';
import { formatCount, formatDate, formatDateTime } from '../format';
import { downloadText, listCsv } from '../list-csv';
import { useEngineAnswer } from '../use-engine-answer';

type ListStatus = AddressListViewRequest['status'];
const LIST_STATUSES: ListStatus[] = ['soft_quarantine', 'long_quarantine', 'blacklisted', 'filtered', 'unsubscribed'];
/** rows drawn on the screen; the CSV export asks for them all */
const SHOWN = 500;
const EXPORTED = 100_000;

/** The words for what an Overview figure counted: "Hard bounce at gmail.com because “user unknown”". */
export function behindLabel(t: (key: string, options?: Record<string, unknown>) => string, behind: AddressesBehindRequest): string {
  const type = behind.type ? t(`types.${behind.type}`) : t('lists.all');
  const reason = behind.category ? t(`categories.${behind.category}`, { defaultValue: behind.category }) : undefined;
  if (behind.domain && reason) return t('lists.behind.domainReason', { type, domain: behind.domain, reason });
  if (behind.domain) return t('lists.behind.domain', { type, domain: behind.domain });
  if (reason) return t('lists.behind.reason', { type, reason });
  return t('lists.behind.type', { type });
}

/** The addresses behind an Overview figure (a headline count, a domain's bar, a reason). */
function BehindList({ behind, onBack }: { behind: AddressesBehindRequest; onBack(): void }) {
  const { t } = useTranslation();
  const { lang, timeZone, dataVersion, go } = useApp();
  const answer = useEngineAnswer('addressesBehind', { ...behind, limit: EXPORTED }, dataVersion);
  const label = behindLabel(t, behind);
  const rows = answer.value?.rows ?? [];
  const exportCsv = () => {
    const c = (key: string) => t(`lists.col.${key}`);
    downloadText(
      `rebond-addresses-${new Date().toISOString().slice(0, 10)}.csv`,
      listCsv(
        [c('address'), c('domain'), c('events'), c('last'), c('cause')],
        rows.map((r) => [r.address, r.domain, String(r.events), r.lastTime, r.category ? t(`categories.${r.category}`, { defaultValue: r.category }) : '']),
      ),
    );
  };
  return (
    <section aria-labelledby="behind-title" className="card">
      <div className="card-head">
        <h2 id="behind-title">
          {t('lists.behindTitle')} — {label}
        </h2>
        <div className="head-actions">
          <button type="button" className="button" onClick={onBack}>
            {t('lists.backToStatus')}
          </button>
          <button type="button" className="button" onClick={() => go('overview')}>
            {t('lists.backToOverview')}
          </button>
        </div>
      </div>
      {answer.error && <Alert message={t('errors.generic', { message: answer.error })} />}
      {!answer.value && !answer.error && <p className="muted">{t('app.loading')}</p>}
      {answer.value && (
        <>
          <p role="status">
            {t('lists.behindCount', { count: answer.value.total })}
            {answer.value.total > SHOWN && ` — ${t('lists.shown', { count: SHOWN })}`}
          </p>
          <button type="button" className="button" onClick={exportCsv} disabled={rows.length === 0}>
            {t('lists.exportCsv')}
          </button>
          <div className="table-wrap">
            <table className="table" aria-labelledby="behind-title">
              <thead>
                <tr>
                  <th scope="col">{t('lists.col.address')}</th>
                  <th scope="col">{t('lists.col.domain')}</th>
                  <th scope="col" className="num">
                    {t('lists.col.events')}
                  </th>
                  <th scope="col">{t('lists.col.last')}</th>
                  <th scope="col">{t('lists.col.cause')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, SHOWN).map((r) => (
                  <tr key={r.address}>
                    <AddressCell address={r.address} />
                    <td>{r.domain}</td>
                    <td className="num">{formatCount(lang, r.events)}</td>
                    <td className="nowrap">{formatDateTime(lang, r.lastTime, timeZone)}</td>
                    <td>{r.category ? t(`categories.${r.category}`, { defaultValue: r.category }) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** The addresses in one status, with their until-date and cause, filterable and exportable. */
function StatusList() {
  const { t } = useTranslation();
  const { transport, lang, timeZone, dataVersion, go } = useApp();
  const [status, setStatus] = useState<ListStatus>('soft_quarantine');
  const [domain, setDomain] = useState('');
  const [reason, setReason] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const request: AddressListViewRequest = { status, limit: SHOWN, ...(domain ? { domain } : {}), ...(reason !== null ? { reason } : {}) };
  const answer = useEngineAnswer('addressList', request, dataVersion);
  const view = answer.value?.status === status ? answer.value : null;
  const causeLabel = (r: ListedAddress) => (r.cause?.category ? t(`categories.${r.cause.category}`, { defaultValue: r.cause.category }) : r.cause ? t(`types.${r.cause.type}`) : '');

  const exportCsv = () => {
    setExportError(null);
    transport.call('addressList', { ...request, limit: EXPORTED }).then(
      (all) => {
        const c = (key: string) => t(`lists.col.${key}`);
        downloadText(
          `rebond-${status}-${new Date().toISOString().slice(0, 10)}.csv`,
          listCsv(
            [c('address'), c('domain'), c('status'), c('since'), c('until'), c('cause'), c('causeTime')],
            all.rows.map((r) => [r.address, r.domain, t(`statuses.${r.status}`), r.since ?? '', r.until ?? '', causeLabel(r), r.cause?.time ?? '']),
          ),
        );
      },
      (e) => setExportError(errorMessage(e)),
    );
  };

  return (
    <section aria-labelledby="status-list-title" className="card">
      <h2 id="status-list-title" className="visually-hidden">
        {t(`statuses.${status}`)}
      </h2>
      <div className="list-filters">
        <div role="radiogroup" aria-label={t('lists.statusLabel')} className="segmented">
          {LIST_STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              role="radio"
              aria-checked={status === s}
              onClick={() => {
                setStatus(s);
                setDomain('');
                setReason(null);
              }}
            >
              {t(`statuses.${s}`)}
            </button>
          ))}
        </div>
        <label>
          <span>{t('lists.domain')}</span>
          <select value={domain} onChange={(e) => setDomain(e.target.value)}>
            <option value="">{t('lists.all')}</option>
            {view?.domains.map((d) => (
              <option key={d.value} value={d.value}>
                {d.value} ({formatCount(lang, d.count)})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('lists.reason')}</span>
          <select value={reason ?? '*'} onChange={(e) => setReason(e.target.value === '*' ? null : e.target.value)}>
            <option value="*">{t('lists.all')}</option>
            {view?.reasons.map((r) => (
              <option key={r.value} value={r.value}>
                {r.value ? t(`categories.${r.value}`, { defaultValue: r.value }) : t('lists.noCause')} ({formatCount(lang, r.count)})
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={exportCsv} disabled={!view || view.matching === 0}>
          {t('lists.exportCsv')}
        </button>
      </div>
      {(answer.error || exportError) && <Alert message={t('errors.generic', { message: answer.error ?? exportError })} />}
      {!view && !answer.error && <p className="muted">{t('app.loading')}</p>}
      {view && (
        <>
          <p role="status">
            {t('lists.count', { count: view.total })}
            {(domain || reason !== null) && ` · ${t('lists.matching', { count: view.matching })}`}
            {view.matching > SHOWN && ` — ${t('lists.shown', { count: SHOWN })}`}
          </p>
          {view.total === 0 ? (
            <p className="muted">{t('lists.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" aria-labelledby="status-list-title">
                <thead>
                  <tr>
                    <th scope="col">{t('lists.col.address')}</th>
                    <th scope="col">{t('lists.col.status')}</th>
                    <th scope="col">{t('lists.col.since')}</th>
                    <th scope="col">{t('lists.col.until')}</th>
                    <th scope="col">{t('lists.col.cause')}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.rows.map((r) => (
                    <tr key={r.address}>
                      <AddressCell address={r.address} />
                      <td>
                        <StatusBadge status={r.status} />
                      </td>
                      <td className="nowrap">{formatDate(lang, r.since, timeZone)}</td>
                      <td className="nowrap">{r.until ? formatDateTime(lang, r.until, timeZone) : <span className="muted">{t('lists.noEnd')}</span>}</td>
                      <td>
                        {causeLabel(r)}
                        {r.cause && <span className="muted small"> · {formatDate(lang, r.cause.time, timeZone)}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

export function ListsScreen({ behind }: { behind?: AddressesBehindRequest }) {
  const { t } = useTranslation();
  const [shownBehind, setShownBehind] = useState(behind);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => setShownBehind(behind), [behind]);
  return (
    <section aria-labelledby="lists-title" className="screen">
      <div className="screen-head">
        <h1 id="lists-title" tabIndex={-1} ref={heading}>
          {t('lists.title')}
        </h1>
        <p className="muted">{t('lists.intro')}</p>
      </div>
      {shownBehind ? (
        <BehindList key={JSON.stringify(shownBehind)} behind={shownBehind} onBack={() => setShownBehind(undefined)} />
      ) : (
        <>
          <StatusList />
          <Reconciliation />
        </>
      )}
    </section>
  );
}
