import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReasonByDomain } from '../../core/contract';
import { useApp } from '../app-context';
import { categoryColor } from '../colors';
import { formatCount } from '../format';
import { ChartLegend } from './ChartLegend';
import { Folded } from './Folded';

const TOP_DOMAINS = 10;

/**
 * Deferral and bounce reasons by receiving domain: typos vs a provider blocking us (SPEC §11.7).
 * `from`/`to`: the incident the charts are zoomed to, passed on to the lists behind a click.
 * Memoised: the brush and the incidents' arrival redraw the overview, not these reasons.
 */
export const ReasonsByDomain = memo(function ReasonsByDomain({ reasons, from, to }: { reasons: ReasonByDomain[]; from?: string; to?: string }) {
  const range = from || to ? { from, to } : undefined;
  const { t } = useTranslation();
  const { lang, go } = useApp();
  const { rows, categories } = useMemo(() => {
    const byDomain = new Map<string, Record<string, number>>();
    const categoryTotals = new Map<string, number>();
    for (const r of reasons) {
      const category = r.category || 'unknown';
      const row = byDomain.get(r.domain) ?? {};
      row[category] = (row[category] ?? 0) + r.count;
      byDomain.set(r.domain, row);
      categoryTotals.set(category, (categoryTotals.get(category) ?? 0) + r.count);
    }
    const rows = [...byDomain.entries()]
      .map(([domain, counts]) => ({ domain, total: Object.values(counts).reduce((a, b) => a + b, 0), ...counts }))
      .sort((a, b) => b.total - a.total)
      .slice(0, TOP_DOMAINS);
    const categories = [...categoryTotals.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
    return { rows, categories };
  }, [reasons]);

  const label = (category: string) => t(`categories.${category}`, { defaultValue: category });
  const sorted = [...reasons].sort((a, b) => b.count - a.count).slice(0, 50);
  // the legend is under the chart, in HTML (ChartLegend)
  const height = Math.max(136, rows.length * 34 + 46);

  return (
    <>
      {/* drawn at once at a first size (half the overview's width), then fitted, instead of waiting a frame to measure */}
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 480, height }}>
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e3e7ee" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} tickFormatter={(v: number) => formatCount(lang, v)} />
          <YAxis type="category" dataKey="domain" width={150} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value, name) => [formatCount(lang, Number(value)), label(String(name))]} />
          {categories.map((category) => (
            <Bar
              key={category}
              dataKey={category}
              stackId="reasons"
              fill={categoryColor(category)}
              isAnimationActive={false}
              cursor="pointer"
              // a click on a domain's segment: the addresses behind it (the table below has a button per row)
              onClick={(data: { payload?: { domain?: string } }) => data.payload?.domain && go('lists', undefined, { domain: data.payload.domain, category: category === 'unknown' ? undefined : category, ...range })}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <ChartLegend items={categories.map((category) => ({ key: category, label: label(category), color: categoryColor(category) }))} />
      <Folded summary={t('overview.reasonsTable')}>
        {() => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('overview.col.domain')}</th>
                  <th scope="col">{t('overview.col.reason')}</th>
                  <th scope="col">{t('overview.col.type')}</th>
                  <th scope="col" className="num">{t('overview.col.count')}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((r) => (
                  <tr key={`${r.domain}|${r.category}|${r.type}`}>
                    <td>{r.domain}</td>
                    <td>{label(r.category || 'unknown')}</td>
                    <td>{t(`types.${r.type}`)}</td>
                    <td className="num">
                      <button
                        type="button"
                        className="link-button"
                        aria-label={t('lists.showAddresses', { label: t('app.labelled', { label: `${r.domain}, ${label(r.category || 'unknown')}, ${t(`types.${r.type}`)}`, value: formatCount(lang, r.count) }) })}
                        onClick={() => go('lists', undefined, { domain: r.domain, type: r.type, category: r.category || undefined, ...range })}
                      >
                        {formatCount(lang, r.count)}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Folded>
    </>
  );
});
