/**
 * SPEC §11.3 on the Lists screen: our suppressed addresses (from the events alone) beside the
 * imported ESP lists', by status and cause, and the addresses on one side only — the answer to
 * "we hold 489 suppressed addresses, the ESP 109".
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reconciliation as Answer } from '../../core/contract';
import { useApp } from '../app-context';
import { formatCount, formatDate } from '../format';
import { useEngineAnswer } from '../use-engine-answer';
import { Alert } from './Alert';
import { AddressCell } from './AddressCell';
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
      <OneSide
        id="reconcile-ours-title"
        title={t('reconcile.oursOnly', { count: r.oursOnly.total })}
        list={r.oursOnly}
        columns={[{ title: t('lists.col.status') }, { title: t('lists.col.cause') }, { title: t('lists.col.since'), nowrap: true }]}
        cells={(o) => [<StatusBadge key="status" status={o.status} />, cause(o.cause), formatDate(lang, o.since, timeZone)]}
      />
      <OneSide
        id="reconcile-theirs-title"
        title={t('reconcile.theirsOnly', { count: r.theirsOnly.total })}
        list={r.theirsOnly}
        columns={[{ title: t('reconcile.listed') }, { title: t('lists.col.since'), nowrap: true }, { title: t('reconcile.file') }, { title: t('reconcile.oursStatus') }]}
        cells={(o) => [t(`reconcile.listedAs.${o.listed}`, { defaultValue: o.listed }), formatDate(lang, o.since, timeZone), o.file, <StatusBadge key="ours" status={o.ours} />]}
      />
    </>
  );
}

/** The addresses on one side only: a heading with their number, then the first rows shown. */
function OneSide<Row extends { address: string }>({
  id,
  title,
  list,
  columns,
  cells,
}: {
  id: string;
  title: string;
  list: { total: number; rows: Row[] };
  /** the columns after the address, each with its cells kept on one line or not */
  columns: { title: string; nowrap?: boolean }[];
  cells(row: Row): ReactNode[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <h3 id={id}>{title}</h3>
      {list.total > list.rows.length && <p className="muted">{t('lists.shown', { count: list.rows.length })}</p>}
      {list.total > 0 && (
        <div className="table-wrap">
          <table className="table" aria-labelledby={id}>
            <thead>
              <tr>
                <th scope="col">{t('lists.col.address')}</th>
                {columns.map((c) => (
                  <th key={c.title} scope="col">
                    {c.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.address}>
                  <AddressCell address={row.address} />
                  {cells(row).map((cell, i) => (
                    <td key={columns[i].title} className={columns[i].nowrap ? 'nowrap' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
