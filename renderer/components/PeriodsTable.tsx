import { useTranslation } from 'react-i18next';
import type { Period } from '../../core/model/status';
import { useApp } from '../app-context';
import { formatDateTime } from '../format';
import { StatusBadge } from './StatusBadge';

/** The server's text, prefixed by its codes unless it already starts with them. */
function withCode(code: number | null, enhanced: string | null, text: string): string {
  const prefix = [code, enhanced].filter(Boolean).join(' ');
  return prefix && !text.startsWith(String(code ?? enhanced)) ? `${prefix} ${text}` : text;
}

/** Each period the address spent in quarantine, blacklisted or filtered, with the event behind it. */
export function PeriodsTable({ periods }: { periods: Period[] }) {
  const { t } = useTranslation();
  const { lang, timeZone } = useApp();
  if (!periods.length) return <p className="muted">{t('address.noPeriods')}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('address.col.status')}</th>
            <th scope="col">{t('address.col.from')}</th>
            <th scope="col">{t('address.col.to')}</th>
            <th scope="col">{t('address.col.cause')}</th>
          </tr>
        </thead>
        <tbody>
          {periods.map((p, i) => (
            <tr key={`${p.status}-${p.start}-${i}`}>
              <td>
                <StatusBadge status={p.status} />
                {p.level ? <span className="muted small"> #{p.level}</span> : null}
              </td>
              <td className="date">{formatDateTime(lang, p.start, timeZone)}</td>
              <td>
                <span className="date-text">{p.end ? formatDateTime(lang, p.end, timeZone) : t('address.running')}</span>
                {p.release && (
                  <div className="release-note">
                    <span className="tag released">{t('address.releasedTag')}</span>{' '}
                    <span className="small">{t('address.releasedBy', { by: p.release.by, date: formatDateTime(lang, p.release.time, timeZone) })}</span>
                    <blockquote className="small">{p.release.reason}</blockquote>
                  </div>
                )}
              </td>
              <td>
                {p.cause ? (
                  <>
                    <div>
                      {t(`types.${p.cause.type}`, { defaultValue: p.cause.type })}
                      {p.cause.category ? ` · ${t(`categories.${p.cause.category}`, { defaultValue: p.cause.category })}` : ''} ·{' '}
                      {p.cause.domain} · {formatDateTime(lang, p.cause.time, timeZone)}
                    </div>
                    {p.cause.diagnostic && (
                      <div className="mono small server-text">
                        {withCode(p.cause.smtpCode, p.cause.enhancedCode, p.cause.diagnostic)}
                      </div>
                    )}
                  </>
                ) : p.importedFrom ? (
                  <span className="muted">{t('address.importedFrom', { file: p.importedFrom.file })}</span>
                ) : (
                  <span className="muted">{p.reason}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
