import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app-context';
import { formatBucket, formatCount } from '../format';
import { useEngineAnswer } from '../use-engine-answer';

/** Failures by receiving domain × reason × hour (SPEC §11.7): one domain's hours, one column per reason. */
export function DomainFailures({ from, to, domain: wanted }: { from?: string; to?: string; domain?: string }) {
  const { t } = useTranslation();
  const { lang, timeZone, dataVersion } = useApp();
  const [chosen, setChosen] = useState<string | undefined>();
  const domain = chosen ?? wanted;
  const answer = useEngineAnswer('domainFailures', { from, to, ...(domain ? { domain } : {}) }, dataVersion).value;
  const table = useMemo(() => {
    if (!answer) return null;
    const categories = [...new Set(answer.rows.map((r) => r.category))];
    const hours = new Map<string, Map<string, number>>();
    for (const r of answer.rows) {
      const row = hours.get(r.hour) ?? hours.set(r.hour, new Map()).get(r.hour)!;
      row.set(r.category, (row.get(r.category) ?? 0) + r.count);
    }
    return { categories, hours: [...hours.entries()].slice(0, 200) };
  }, [answer]);
  return (
    <section aria-labelledby="domain-failures-title" className="card">
      <div className="card-head">
        <h2 id="domain-failures-title">{t('incidents.domains.title')}</h2>
        {answer && answer.domains.length > 0 && (
          <label>
            {t('incidents.domains.choose')}{' '}
            <select value={answer.domain ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {answer.domains.map((d) => (
                <option key={d.domain} value={d.domain}>
                  {d.domain} ({formatCount(lang, d.count)})
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="muted small">{t('incidents.domains.hint')}</p>
      {!table || table.hours.length === 0 ? (
        <p className="muted">{t('incidents.domains.none')}</p>
      ) : (
        // a scrolling box: reachable with the keyboard (focusable), named by the section's title
        <div className="table-scroll" tabIndex={0} role="group" aria-labelledby="domain-failures-title">
          <table className="table" aria-labelledby="domain-failures-title">
            <thead>
              <tr>
                <th scope="col">{t('incidents.domains.hour')}</th>
                {table.categories.map((c) => (
                  <th scope="col" key={c} className="num">
                    {t(`categories.${c}`, { defaultValue: c })}
                  </th>
                ))}
                <th scope="col" className="num">{t('incidents.domains.total')}</th>
              </tr>
            </thead>
            <tbody>
              {table.hours.map(([hour, counts]) => (
                <tr key={hour}>
                  <th scope="row" className="when">{formatBucket(lang, Date.parse(hour), 'hour', timeZone)}</th>
                  {table.categories.map((c) => (
                    <td key={c} className="num">{counts.get(c) ? formatCount(lang, counts.get(c)!) : ''}</td>
                  ))}
                  <td className="num">{formatCount(lang, [...counts.values()].reduce((a, b) => a + b, 0))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
