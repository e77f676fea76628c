import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, Brush, CartesianGrid, ComposedChart, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { VolumePoint } from '../../core/contract';
import type { EventType } from '../../core/model/event';
import { useApp } from '../app-context';
import { ENGAGEMENT_TYPES, TYPE_COLORS, TYPE_ORDER } from '../colors';
import { ChartLegend } from './ChartLegend';
import { ChartTable } from './ChartTable';
import { formatBucket, formatCount } from '../format';
import { INCIDENT_COLORS } from './incident-style';

/** A platform incident drawn as a band over the timeline (throttling window, complaint spike…). */
export interface IncidentBand {
  id?: string;
  start: string;
  end: string;
  kind: string;
  label: string;
  selected?: boolean;
}

const HOUR_MS = 3_600_000;
/** an hour view longer than this is not filled in hour by hour (it would be too many bars to read anyway) */
const MAX_FILLED_HOURS = 24 * 62;

/** The brushed window: the first bucket's start and the last bucket's end (exclusive). */
export interface BrushWindow {
  from: string;
  to: string;
}

/** Memoised: the incident list's choices and the headline redraw the overview, not the volume. */
export const VolumeChart = memo(function VolumeChart({
  volume,
  bucket,
  bands = [],
  onBrush,
}: {
  volume: VolumePoint[];
  bucket: 'hour' | 'day';
  bands?: IncidentBand[];
  /** the window the agent zoomed to with the brush, or null for the whole period */
  onBrush?(window: BrushWindow | null): void;
}) {
  const { t } = useTranslation();
  const { lang, timeZone } = useApp();
  const { rows, types } = useMemo(() => {
    const present = new Set<EventType>();
    // every hour gets its bar, empty or not: a throttled fortnight is a row of equal small bars,
    // not a few hairlines where the events happen to be
    let points = volume;
    if (bucket === 'hour' && volume.length > 1) {
      const first = Date.parse(volume[0].time);
      const last = Date.parse(volume[volume.length - 1].time);
      if ((last - first) / HOUR_MS <= MAX_FILLED_HOURS) {
        const byTime = new Map(volume.map((p) => [Date.parse(p.time), p]));
        points = [];
        for (let t = first; t <= last; t += HOUR_MS) points.push(byTime.get(t) ?? { time: new Date(t).toISOString(), counts: {} });
      }
    }
    const rows = points.map((point) => {
      const ms = Date.parse(point.time);
      const row: Record<string, number | string> = { label: formatBucket(lang, ms, bucket, timeZone), ms };
      for (const [type, count] of Object.entries(point.counts) as [EventType, number][]) {
        if (!count) continue;
        present.add(type);
        row[type] = count;
      }
      return row;
    });
    const types = TYPE_ORDER.filter((type) => present.has(type));
    return { rows, types };
  }, [volume, bucket, lang, timeZone]);

  // bands are drawn between the buckets that hold their first and last instant
  const span = bucket === 'hour' ? HOUR_MS : 24 * HOUR_MS;
  const bandAreas = bands.flatMap((band) => {
    const start = Date.parse(band.start);
    const end = Date.parse(band.end);
    const inside = rows.filter((r) => (r.ms as number) + span > start && (r.ms as number) < end);
    if (inside.length === 0) return [];
    return [{ ...band, x1: inside[0].label as string, x2: inside[inside.length - 1].label as string }];
  });

  const [brush, setBrush] = useState<{ startIndex: number; endIndex: number } | null>(null);
  // messages are stacked; requests, opens and clicks are not messages: lines on their own axis
  const stacked = types.filter((type) => !ENGAGEMENT_TYPES.includes(type));
  const lines = types.filter((type) => ENGAGEMENT_TYPES.includes(type));
  const order = (name: unknown) => TYPE_ORDER.indexOf(String(name) as EventType);
  const start = brush ? Math.min(brush.startIndex, rows.length - 1) : 0;
  const end = brush ? Math.min(brush.endIndex, rows.length - 1) : rows.length - 1;
  const brushLabel = rows.length ? t('charts.brush', { from: rows[start]?.label, to: rows[end]?.label }) : '';

  return (
    <>
      {/* the legend is under the chart, in HTML (ChartLegend): the chart's 316 px and the legend are the 340 px it had */}
      <ResponsiveContainer width="100%" height={316} initialDimension={{ width: 960, height: 316 }}>
        <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} barCategoryGap={1}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e7ee" />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={24} />
          {/* by the hour, a campaign's peak is a hundred times a throttled hour: on a square-root
              scale the quiet hours stay visible instead of a row of hairlines */}
          <YAxis yAxisId="messages" allowDecimals={false} tick={{ fontSize: 12 }} tickFormatter={(v: number) => formatCount(lang, v)} width={56} scale={bucket === 'hour' ? 'sqrt' : 'auto'} />
          {lines.length > 0 && (
            <YAxis
              yAxisId="engagement"
              orientation="right"
              // counts: no half click
              allowDecimals={false}
              tick={{ fontSize: 12 }}
              tickFormatter={(v: number) => formatCount(lang, v)}
              width={56}
              // centred on the axis: anchored at its end, a longer name (the French one) ran off the top
              label={{ value: t('charts.engagementAxis'), angle: 90, position: 'insideRight', textAnchor: 'middle', fontSize: 12, fill: '#475569' }}
            />
          )}
          {/* always the order of the legend and the stack, whatever the values */}
          <Tooltip itemSorter={(item) => order(item.dataKey)} formatter={(value, name) => [formatCount(lang, Number(value)), t(`types.${String(name)}`)]} />
          {bandAreas.map((band, index) => {
            const color = INCIDENT_COLORS[band.kind as keyof typeof INCIDENT_COLORS] ?? '#d64545';
            return (
              <ReferenceArea
                key={band.id ?? `${band.kind}-${band.start}`}
                yAxisId="messages"
                x1={band.x1}
                x2={band.x2}
                fill={color}
                fillOpacity={band.selected ? 0.28 : 0.14}
                stroke={color}
                strokeOpacity={0.7}
                ifOverflow="extendDomain"
                // labels of neighbouring bands are staggered so that they do not print over each other
                label={{ value: band.label, position: 'insideTopLeft', offset: 4 + (index % 3) * 15, fill: color, fontSize: 12, fontWeight: 600 }}
              />
            );
          })}
          {stacked.map((type) => (
            <Bar key={type} yAxisId="messages" dataKey={type} stackId="volume" fill={TYPE_COLORS[type]} isAnimationActive={false} />
          ))}
          {lines.map((type) => (
            <Line
              key={type}
              yAxisId="engagement"
              dataKey={type}
              type="monotone"
              stroke={TYPE_COLORS[type]}
              strokeWidth={2}
              strokeDasharray={type === 'requested' ? '6 3' : undefined}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
          {rows.length > 12 && (
            <Brush
              dataKey="label"
              height={26}
              stroke="#46688f"
              travellerWidth={10}
              startIndex={start}
              endIndex={end}
              ariaLabel={brushLabel}
              onChange={(range: { startIndex?: number; endIndex?: number }) => {
                if (range.startIndex === undefined || range.endIndex === undefined) return;
                const whole = range.startIndex === 0 && range.endIndex === rows.length - 1;
                setBrush(whole ? null : { startIndex: range.startIndex, endIndex: range.endIndex });
                onBrush?.(
                  whole
                    ? null
                    : { from: new Date(rows[range.startIndex].ms as number).toISOString(), to: new Date((rows[range.endIndex].ms as number) + span).toISOString() },
                );
              }}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
      <ChartLegend
        items={types.map((type) => ({
          key: type,
          label: t(`types.${type}`),
          color: TYPE_COLORS[type],
          mark: ENGAGEMENT_TYPES.includes(type) ? (type === 'requested' ? 'dashed' : 'line') : 'square',
        }))}
      />
      <ChartTable
        caption={t('charts.volumeTable')}
        columns={[t('charts.period'), ...types.map((type) => t(`types.${type}`))]}
        rows={rows.filter((r) => types.some((type) => r[type])).map((r) => [String(r.label), ...types.map((type) => formatCount(lang, Number(r[type] ?? 0)))])}
      />
    </>
  );
});
