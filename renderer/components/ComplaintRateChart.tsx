import { useTranslation } from 'react-i18next';
import { CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ComplaintRatePoint, Overview } from '../../core/contract';
import { useApp } from '../app-context';
import { formatBucket, formatCount, formatRate } from '../format';

/** Complaint rate per day against the 0.1 % warning and the 0.3 % Gmail/Yahoo limit (SPEC §6). */
export function ComplaintRateChart({ points, thresholds }: { points: ComplaintRatePoint[]; thresholds: Overview['thresholds'] }) {
  const { t } = useTranslation();
  const { lang, timeZone } = useApp();
  const rows = points.map((p) => ({ ...p, label: formatBucket(lang, Date.parse(p.day), 'day', timeZone), ratePct: p.rate * 100 }));
  const warning = thresholds.complaintWarning * 100;
  const limit = thresholds.complaintLimit * 100;
  const top = Math.max(limit * 1.25, ...rows.map((r) => r.ratePct * 1.1));
  const pct = (v: number) => formatRate(lang, v / 100);
  return (
    <ResponsiveContainer width="100%" height={260}>
      <ComposedChart data={rows} margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e7ee" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={16} />
        <YAxis domain={[0, Number(top.toPrecision(2))]} tickFormatter={pct} tick={{ fontSize: 12 }} width={56} />
        <Tooltip
          formatter={(_value, _name, item) => {
            const p = item.payload as (typeof rows)[number];
            return [
              `${formatRate(lang, p.rate)} (${t('overview.rateTooltip', { complaints: formatCount(lang, p.complaints), messages: formatCount(lang, p.messages) })})`,
              t('overview.complaints'),
            ];
          }}
        />
        <ReferenceLine
          y={warning}
          stroke="#e0a526"
          strokeDasharray="6 4"
          label={{ value: t('overview.warningLine', { value: formatRate(lang, thresholds.complaintWarning) }), position: 'insideTopRight', fontSize: 12, fill: '#9a6d00' }}
        />
        <ReferenceLine
          y={limit}
          stroke="#d64545"
          strokeDasharray="6 4"
          label={{ value: t('overview.limitLine', { value: formatRate(lang, thresholds.complaintLimit) }), position: 'insideTopRight', fontSize: 12, fill: '#b02a2a' }}
        />
        <Line type="linear" dataKey="ratePct" name="rate" stroke="#b8326b" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
