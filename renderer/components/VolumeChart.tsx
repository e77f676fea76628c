import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, Brush, CartesianGrid, Legend, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { VolumePoint } from '../../core/contract';
import type { EventType } from '../../core/model/event';
import { useApp } from '../app-context';
import { TYPE_COLORS, TYPE_ORDER } from '../colors';
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

export function VolumeChart({ volume, bucket, bands = [] }: { volume: VolumePoint[]; bucket: 'hour' | 'day'; bands?: IncidentBand[] }) {
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
    return { rows, types: TYPE_ORDER.filter((type) => present.has(type)) };
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

  return (
    <ResponsiveContainer width="100%" height={340}>
      <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} barCategoryGap={1}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e7ee" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={24} />
        {/* by the hour, a campaign's peak is a hundred times a throttled hour: on a square-root
            scale the quiet hours stay visible instead of a row of hairlines */}
        <YAxis tick={{ fontSize: 12 }} tickFormatter={(v: number) => formatCount(lang, v)} width={56} scale={bucket === 'hour' ? 'sqrt' : 'auto'} />
        <Tooltip formatter={(value, name) => [formatCount(lang, Number(value)), t(`types.${String(name)}`)]} />
        <Legend itemSorter={null} formatter={(value: string) => t(`types.${value}`)} />
        {bandAreas.map((band, index) => {
          const color = INCIDENT_COLORS[band.kind as keyof typeof INCIDENT_COLORS] ?? '#d64545';
          return (
            <ReferenceArea
              key={band.id ?? `${band.kind}-${band.start}`}
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
        {types.map((type) => (
          <Bar key={type} dataKey={type} stackId="volume" fill={TYPE_COLORS[type]} isAnimationActive={false} />
        ))}
        {rows.length > 12 && <Brush dataKey="label" height={26} stroke="#5b7fa6" travellerWidth={10} />}
      </BarChart>
    </ResponsiveContainer>
  );
}
