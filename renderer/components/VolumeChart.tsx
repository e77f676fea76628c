import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, Brush, CartesianGrid, Legend, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { VolumePoint } from '../../core/contract';
import type { EventType } from '../../core/model/event';
import { useApp } from '../app-context';
import { TYPE_COLORS, TYPE_ORDER } from '../colors';
import { formatBucket, formatCount } from '../format';

/** A platform incident drawn as a band over the timeline (throttling window, complaint spike…). */
export interface IncidentBand {
  start: string;
  end: string;
  kind: string;
  label: string;
}

export function VolumeChart({ volume, bucket, bands = [] }: { volume: VolumePoint[]; bucket: 'hour' | 'day'; bands?: IncidentBand[] }) {
  const { t } = useTranslation();
  const { lang, timeZone } = useApp();
  const { rows, types } = useMemo(() => {
    const present = new Set<EventType>();
    const rows = volume.map((point) => {
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

  // bands are drawn between the buckets that contain their start and end
  const bandAreas = bands.flatMap((band) => {
    const start = Date.parse(band.start);
    const end = Date.parse(band.end);
    const first = rows.find((r) => (r.ms as number) >= start) ?? rows[rows.length - 1];
    const last = [...rows].reverse().find((r) => (r.ms as number) <= end) ?? rows[0];
    return first && last ? [{ ...band, x1: first.label as string, x2: last.label as string }] : [];
  });

  return (
    <ResponsiveContainer width="100%" height={340}>
      <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} barCategoryGap={1}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e7ee" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={24} />
        <YAxis tick={{ fontSize: 12 }} tickFormatter={(v: number) => formatCount(lang, v)} width={56} />
        <Tooltip formatter={(value, name) => [formatCount(lang, Number(value)), t(`types.${String(name)}`)]} />
        <Legend itemSorter={null} formatter={(value: string) => t(`types.${value}`)} />
        {bandAreas.map((band) => (
          <ReferenceArea key={`${band.kind}-${band.start}`} x1={band.x1} x2={band.x2} fill="#d64545" fillOpacity={0.08} label={band.label} />
        ))}
        {types.map((type) => (
          <Bar key={type} dataKey={type} stackId="volume" fill={TYPE_COLORS[type]} isAnimationActive={false} />
        ))}
        {rows.length > 12 && <Brush dataKey="label" height={26} stroke="#5b7fa6" travellerWidth={10} />}
      </BarChart>
    </ResponsiveContainer>
  );
}
