import { useTranslation } from 'react-i18next';
import { useApp } from '../app-context';
import { formatCount } from '../format';
import { useEngineAnswer } from '../use-engine-answer';

const SHOWN = 20;

/** The servers' replies no classifier rule understood, most frequent first: what a new rule should cover. */
export function UnknownReplies() {
  const { t } = useTranslation();
  const { lang, dataVersion } = useApp();
  const { value: unknowns, error } = useEngineAnswer('unknowns', { limit: SHOWN }, dataVersion);

  const total = unknowns?.reduce((sum, u) => sum + u.count, 0) ?? 0;
  return (
    <section aria-labelledby="unknowns-title" className="card">
      <h2 id="unknowns-title">{t('overview.unknowns')}</h2>
      <p className="muted small">{t('overview.unknownsHint')}</p>
      {error && <p className="job-error">{t('errors.generic', { message: error })}</p>}
      {unknowns === null && !error && <p className="muted">{t('app.loading')}</p>}
      {unknowns?.length === 0 && <p className="notice inline">{t('overview.unknownsNone')}</p>}
      {unknowns && unknowns.length > 0 && (
        <>
          <p>{t('overview.unknownsCount', { count: unknowns.length, events: formatCount(lang, total) })}</p>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col" className="num">{t('overview.col.count')}</th>
                  <th scope="col">{t('overview.col.code')}</th>
                  <th scope="col">{t('overview.col.text')}</th>
                  <th scope="col">{t('overview.col.domains')}</th>
                </tr>
              </thead>
              <tbody>
                {unknowns.map((u) => (
                  <tr key={`${u.smtpCode ?? ''}|${u.enhancedCode ?? ''}|${u.diagnostic}`}>
                    <td className="num">{formatCount(lang, u.count)}</td>
                    <td className="mono">{[u.smtpCode, u.enhancedCode].filter(Boolean).join(' ') || '—'}</td>
                    <th scope="row" className="mono small server-text">{u.diagnostic}</th>
                    <td className="small">{u.domains.join(', ')}</td>
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
