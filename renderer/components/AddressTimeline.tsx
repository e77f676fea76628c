import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, ReferenceArea, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { AddressReport } from '../../core/contract';
import type { EventType } from '../../core/model/event';
import { useApp } from '../app-context';
import { STATUS_COLORS, TYPE_COLORS, TYPE_ORDER } from '../colors';
import { formatDate, formatDateTime } from '../format';

const DAY = 86_400_000;

/** The address's own events on a time axis, its quarantine / blacklist periods as bands (SPEC §6). */
export function AddressTimeline({ report }: { report: AddressReport }) {
  const { t } = useTranslation();
  const { lang, timeZone } = useApp();

  const { series, types, domain, bands } = useMemo(() => {
    const types = TYPE_ORDER.filter((type) => report.events.some((e) => e.type === type));
    const series = new Map<EventType, { ms: number; y: number; diagnostic: string | null }[]>();
    for (const e of report.events) {
      const list = series.get(e.type) ?? [];
      list.push({ ms: Date.parse(e.time), y: types.indexOf(e.type), diagnostic: e.diagnostic });
      series.set(e.type, list);
    }
    const eventTimes = report.events.map((e) => Date.parse(e.time));
    const lastEvent = Math.max(...eventTimes);
    // a release made long after an old export would squash the events into one corner: the
    // band stops at the axis' end, and the periods table says when the release was
    const shown = (p: (typeof report.periods)[number]) =>
      p.end && !(p.release && Number.isFinite(lastEvent) && Date.parse(p.end) > lastEvent + 30 * DAY) ? Date.parse(p.end) : NaN;
    const times = [...eventTimes, ...report.periods.flatMap((p) => [Date.parse(p.start), shown(p)])].filter(Number.isFinite);
    let min = Math.min(...times);
    let max = Math.max(...times);
    if (!Number.isFinite(min)) min = max = Date.now();
    // a period still running (a long quarantine with no end) would be a sliver after the last
    // event: the axis goes on to its until-date, or far enough that the band reads as a band
    const running = report.periods.filter((p) => p.end === null);
    if (running.length > 0) {
      const until = report.until ? Date.parse(report.until) : NaN;
      const start = Math.min(...running.map((p) => Date.parse(p.start)));
      const readable = start + Math.max(14 * DAY, (max - min) * 0.35);
      max = Math.max(max, Number.isFinite(until) && until - min < 5 * (max - min + 30 * DAY) ? until : readable);
    }
    const pad = Math.max(DAY / 2, (max - min) * 0.03);
    const domain: [number, number] = [min - pad, max + pad];
    const bands = report.periods.map((p, i) => ({
      key: `${p.status}-${p.start}-${i}`,
      status: p.status,
      x1: Date.parse(p.start),
      x2: p.end ? Math.min(Date.parse(p.end), domain[1]) : domain[1],
      running: p.end === null,
    }));
    return { series, types, domain, bands };
  }, [report]);

  return (
    <ResponsiveContainer width="100%" height={Math.max(180, types.length * 36 + 90)}>
      <ScatterChart margin={{ top: 24, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e3e7ee" />
        <XAxis
          type="number"
          dataKey="ms"
          domain={domain}
          scale="time"
          tick={{ fontSize: 12 }}
          tickFormatter={(ms: number) => formatDate(lang, new Date(ms).toISOString(), timeZone)}
          minTickGap={32}
        />
        <YAxis
          type="number"
          dataKey="y"
          domain={[-0.5, Math.max(0.5, types.length - 0.5)]}
          ticks={types.map((_, i) => i)}
          tickFormatter={(i: number) => (types[i] ? t(`types.${types[i]}`) : '')}
          tick={{ fontSize: 12 }}
          width={120}
          reversed
          allowDecimals={false}
        />
        {bands.map((band) => (
          <ReferenceArea
            key={band.key}
            x1={band.x1}
            x2={band.x2}
            fill={STATUS_COLORS[band.status]}
            fillOpacity={band.running ? 0.2 : 0.14}
            stroke={STATUS_COLORS[band.status]}
            strokeOpacity={band.running ? 0.8 : 0.4}
            label={{ value: band.running ? `${t(`statuses.${band.status}`)} (${t('address.running')})` : t(`statuses.${band.status}`), position: 'insideTopLeft', fontSize: 11, fill: '#374151' }}
          />
        ))}
        <Tooltip
          cursor={{ strokeDasharray: '3 3' }}
          content={({ active, payload }) => {
            const point = active && payload?.[0]?.payload as { ms: number; y: number; diagnostic: string | null } | undefined;
            if (!point) return null;
            return (
              <div className="tooltip">
                <div>
                  <strong>{t(`types.${types[point.y]}`)}</strong> · {formatDateTime(lang, new Date(point.ms).toISOString(), timeZone)}
                </div>
                {point.diagnostic && <div className="mono small">{point.diagnostic}</div>}
              </div>
            );
          }}
        />
        <Legend itemSorter={null} formatter={(value: string) => t(`types.${value}`)} />
        {types.map((type) => (
          <Scatter key={type} name={type} data={series.get(type)} fill={TYPE_COLORS[type]} isAnimationActive={false} />
        ))}
      </ScatterChart>
    </ResponsiveContainer>
  );
}
