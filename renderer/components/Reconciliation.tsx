/**
 * SPEC §11.3 on the Lists screen: our suppressed addresses (from the events alone) beside the
 * imported ESP lists', by status and cause, and the addresses on one side only — the answer to
 * "we hold 489 suppressed addresses, the ESP 109".
 */
import { useTranslation } from 'react-i18next';
import type { Reconciliation as Answer } from '../../core/contract';
import { useApp } from '../app-context';
import { formatCount, formatDate } from '../format';
import { useEngineAnswer } from '../use-engine-answer';
import { Alert } from './Alert';
import { StatusBadge } from './StatusBadge';

/** rows of each one-side list drawn on the screen */
const SHOWN = 200;

export function Reconciliation() {
  const { t } = useTranslation();
  const { dataVersion } = useApp();
  const answer = useEngineAnswer('reconcile', { limit: SHOWN }, dataVersion);
  return (
    <section aria-labelledby="reconcile-title" className="card">
      <h2 id="reconcile-title">{t('reconcile.title')}</h2>
      <p className="muted">{t('reconcile.intro')}</p>
      {answer.error && <Alert message={t('errors.generic', { message: answer.error })} />}
      {!answer.value && !answer.error && <p className="muted">{t('app.loading')}</p>}
      {answer.value && (answer.value.lists.length === 0 ? <p className="muted">{t('reconcile.noList')}</p> : <Sides r={answer.value} />)}
    </section>
  );
}

function Sides({ r }: { r: Answer }) {
  const { t } = useTranslation();
  const { lang, timeZone, go } = useApp();
  const cause = (c: string | null) => (c ? t(`reconcile.causes.${c}`, { defaultValue: c }) : t('reconcile.noCause'));
  const n = (x: number) => formatCount(lang, x);
  return (
    <>
      <p>{t('reconcile.lists', { files: r.lists.map((l) => `${l.file} (${t('reconcile.listAddresses', { count: l.addresses })})`).join(', ') })}</p>
      <p role="status">{t('reconcile.totals', { ours: n(r.ours), theirs: n(r.theirs), both: n(r.both), count: r.ours })}</p>
      <div className="table-wrap">
        <table className="table" aria-labelledby="reconcile-counts-title">
          <caption id="reconcile-counts-title">{t('reconcile.countsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lists.col.status')}</th>
              <th scope="col" className="num">
                {t('reconcile.ours')}
              </th>
              <th scope="col" className="num">
                {t('reconcile.theirs')}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.byStatus.map((s) => (
              <tr key={s.status}>
                <th scope="row">{t(`statuses.${s.status}`)}</th>
                <td className="num">{n(s.ours)}</td>
                <td className="num">{n(s.theirs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.oursByCause.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-labelledby="reconcile-causes-title">
            <caption id="reconcile-causes-title">{t('reconcile.causesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('lists.col.status')}</th>
                <th scope="col">{t('lists.col.cause')}</th>
                <th scope="col" className="num">
                  {t('reconcile.addresses')}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.oursByCause.map((c) => (
                <tr key={`${c.status}-${c.cause ?? ''}`}>
                  <th scope="row">{t(`statuses.${c.status}`)}</th>
                  <td>{cause(c.cause)}</td>
                  <td className="num">{n(c.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 id="reconcile-ours-title">{t('reconcile.oursOnly', { count: r.oursOnly.total })}</h3>
      {r.oursOnly.total > r.oursOnly.rows.length && <p className="muted">{t('lists.shown', { count: r.oursOnly.rows.length })}</p>}
      {r.oursOnly.total > 0 && (
        <div className="table-wrap">
          <table className="table" aria-labelledby="reconcile-ours-title">
            <thead>
              <tr>
                <th scope="col">{t('lists.col.address')}</th>
                <th scope="col">{t('lists.col.status')}</th>
                <th scope="col">{t('lists.col.cause')}</th>
                <th scope="col">{t('lists.col.since')}</th>
              </tr>
            </thead>
            <tbody>
              {r.oursOnly.rows.map((o) => (
                <tr key={o.address}>
                  <th scope="row">
                    <button type="button" className="link-button mono" onClick={() => go('address', o.address)}>
                      {o.address}
                    </button>
                  </th>
                  <td>
                    <StatusBadge status={o.status} />
                  </td>
                  <td>{cause(o.cause)}</td>
                  <td className="nowrap">{formatDate(lang, o.since, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 id="reconcile-theirs-title">{t('reconcile.theirsOnly', { count: r.theirsOnly.total })}</h3>
      {r.theirsOnly.total > r.theirsOnly.rows.length && <p className="muted">{t('lists.shown', { count: r.theirsOnly.rows.length })}</p>}
      {r.theirsOnly.total > 0 && (
        <div className="table-wrap">
          <table className="table" aria-labelledby="reconcile-theirs-title">
            <thead>
              <tr>
                <th scope="col">{t('lists.col.address')}</th>
                <th scope="col">{t('reconcile.listed')}</th>
                <th scope="col">{t('lists.col.since')}</th>
                <th scope="col">{t('reconcile.file')}</th>
                <th scope="col">{t('reconcile.oursStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {r.theirsOnly.rows.map((o) => (
                <tr key={o.address}>
                  <th scope="row">
                    <button type="button" className="link-button mono" onClick={() => go('address', o.address)}>
                      {o.address}
                    </button>
                  </th>
                  <td>{t(`reconcile.listedAs.${o.listed}`, { defaultValue: o.listed })}</td>
                  <td className="nowrap">{formatDate(lang, o.since, timeZone)}</td>
                  <td>{o.file}</td>
                  <td>
                    <StatusBadge status={o.ours} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
