import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ComplaintRatePoint, Overview } from '../../core/contract';
import { useApp } from '../app-context';
import { formatBucket, formatCount, formatRate } from '../format';
import { ChartTable } from './ChartTable';

/** Round ticks in percent: 0.1 % steps up to 1 %, then 0.5 % or 1 % (never 0.13 %, 0.26 %…). */
export function percentTicks(top: number): number[] {
  const step = top <= 1 ? 0.1 : top <= 4 ? 0.5 : Math.ceil(top / 8);
  const count = Math.ceil(top / step - 1e-9);
  return Array.from({ length: count + 1 }, (_, i) => Math.round(i * step * 1000) / 1000);
}

/**
 * Complaint rate per day against the 0.1 % warning and the 0.3 % Gmail/Yahoo limit (SPEC §6).
 * Memoised: the brush and the incidents' arrival redraw the overview, not this chart.
 */
export const ComplaintRateChart = memo(function ComplaintRateChart({ points, thresholds }: { points: ComplaintRatePoint[]; thresholds: Overview['thresholds'] }) {
  const { t } = useTranslation();
  const { lang, timeZone } = useApp();
  const rows = points.map((p) => ({ ...p, label: formatBucket(lang, Date.parse(p.day), 'day', timeZone), ratePct: p.rate * 100 }));
  const warning = thresholds.complaintWarning * 100;
  const limit = thresholds.complaintLimit * 100;
  const ticks = percentTicks(Math.max(limit * 1.15, ...rows.map((r) => r.ratePct * 1.05)));
  const top = ticks[ticks.length - 1];
  const pct = (v: number) => formatRate(lang, v / 100);
  return (
    <>
      {/* drawn at once at a first size (half the overview's width), then fitted, instead of waiting a frame to measure */}
      <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 480, height: 260 }}>
        {/* the right margin holds the thresholds' labels, off the data line */}
        <ComposedChart data={rows} margin={{ top: 16, right: 96, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e7ee" />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={16} />
          <YAxis domain={[0, top]} ticks={ticks} interval={0} tickFormatter={pct} tick={{ fontSize: 12 }} width={56} />
          <Tooltip
            formatter={(_value, _name, item) => {
              const p = item.payload as (typeof rows)[number];
              return [
                `${formatRate(lang, p.rate)} (${t('overview.rateTooltip', { count: p.complaints, complaints: formatCount(lang, p.complaints), messages: formatCount(lang, p.messages) })})`,
                t('overview.complaints'),
              ];
            }}
          />
          <ReferenceLine
            y={warning}
            stroke="#9a6d00"
            strokeDasharray="6 4"
            label={{ value: t('overview.warningLine', { value: formatRate(lang, thresholds.complaintWarning) }), position: 'right', fontSize: 12, fill: '#8a5300' }}
          />
          <ReferenceLine
            y={limit}
            stroke="#b02a2a"
            strokeDasharray="6 4"
            label={{ value: t('overview.limitLine', { value: formatRate(lang, thresholds.complaintLimit) }), position: 'right', fontSize: 12, fill: '#b02a2a' }}
          />
          <Line type="linear" dataKey="ratePct" name="rate" stroke="#b8326b" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <ChartTable
        caption={t('charts.complaintTable')}
        columns={[t('charts.day'), t('charts.rate'), t('charts.complaints'), t('charts.messages')]}
        rows={rows.map((r) => [r.label, formatRate(lang, r.rate), formatCount(lang, r.complaints), formatCount(lang, r.messages)])}
      />
    </>
  );
});
