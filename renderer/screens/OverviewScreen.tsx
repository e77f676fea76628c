import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../../core/contract';
import { useApp } from '../app-context';
import { Alert } from '../components/Alert';
import { ChartFigure } from '../components/ChartFigure';
import { ComplaintRateChart } from '../components/ComplaintRateChart';
import { Headline } from '../components/Headline';
import { IncidentList } from '../components/IncidentList';
import { IncidentDetail } from '../components/IncidentDetail';
import { DomainFailures } from '../components/DomainFailures';
import { ReasonsByDomain } from '../components/ReasonsByDomain';
import { UnknownReplies } from '../components/UnknownReplies';
import { VolumeChart, type BrushWindow, type IncidentBand } from '../components/VolumeChart';
import { formatDateTime, formatRate } from '../format';
import { useAfterPaint } from '../use-after-paint';
import { useEngineAnswer } from '../use-engine-answer';

const HOUR_MS = 3_600_000;

/** The charts' window around an incident: a margin either side, by the hour when it is short. */
function zoomOf(incident: Incident): { from: string; to: string; bucket: 'hour' | 'day' } {
  const start = Date.parse(incident.start);
  const end = Date.parse(incident.end);
  const pad = Math.max(6 * HOUR_MS, Math.round((end - start) / 4 / HOUR_MS) * HOUR_MS);
  const from = Math.floor((start - pad) / HOUR_MS) * HOUR_MS;
  const to = Math.ceil((end + pad) / HOUR_MS) * HOUR_MS;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucket: to - from <= 10 * 24 * HOUR_MS ? 'hour' : 'day' };
}

export function OverviewScreen() {
  const { t } = useTranslation();
  const { lang, timeZone, dataVersion, go } = useApp();
  const [bucket, setBucket] = useState<'hour' | 'day' | undefined>();
  const [selected, setSelected] = useState<Incident | null>(null);
  const [brushed, setBrushed] = useState<BrushWindow | null>(null);
  const zoom = selected ? zoomOf(selected) : null;
  const request = zoom ? { from: zoom.from, to: zoom.to, bucket: bucket ?? zoom.bucket } : bucket ? { bucket } : {};
  const answer = useEngineAnswer('overview', request, dataVersion);
  const incidentAnswer = useEngineAnswer('incidents', { lang }, dataVersion);
  // the headline of the window zoomed to with the brush: the engine's own figures for it, asked once the brush rests
  const brushedAnswer = useEngineAnswer('overview', brushed ? { from: brushed.from, to: brushed.to, bucket: 'day' } : null, dataVersion, 150);
  const overview = answer.value;
  const error = answer.error ?? incidentAnswer.error;
  // the charts below the fold are drawn once the top of the screen is painted
  const belowFold = useAfterPaint(Boolean(overview));
  const incidents = incidentAnswer.value;
  const bands: IncidentBand[] = useMemo(
    () =>
      (incidents ?? []).map((incident) => ({
        id: incident.id,
        start: incident.start,
        end: incident.end,
        kind: incident.kind,
        label: `${t(`incidents.kind.${incident.kind}`)}${incident.scope.domain ? ` ${incident.scope.domain}` : ''}`,
        selected: selected?.id === incident.id,
      })),
    [incidents, selected, t],
  );

  if (error) return <Alert message={t('errors.generic', { message: error })} />;
  if (!overview) return <p className="muted">{t('app.loading')}</p>;

  const empty = overview.headline.messages === 0 && overview.volume.length === 0;
  if (empty) {
    return (
      <section aria-labelledby="overview-title" className="screen">
        <h1 id="overview-title">{t('overview.title')}</h1>
        <div className="empty-state">
          <h2>{t('overview.emptyTitle')}</h2>
          <p>{t('overview.emptyBody')}</p>
          <button type="button" className="button primary" onClick={() => go('import')}>
            {t('overview.goImport')}
          </button>
        </div>
      </section>
    );
  }

  const th = overview.thresholds;
  return (
    <section aria-labelledby="overview-title" className="screen">
      <div className="screen-head">
        <h1 id="overview-title">{t('overview.title')}</h1>
        {overview.firstEventTime && (
          <p className="muted">
            {t('overview.period', {
              from: formatDateTime(lang, overview.firstEventTime, timeZone),
              to: formatDateTime(lang, overview.lastEventTime, timeZone),
            })}
          </p>
        )}
      </div>
      {brushed && (
        <p className="brush-note" role="status">
          {t('charts.brushed', { from: formatDateTime(lang, brushed.from, timeZone), to: formatDateTime(lang, brushed.to, timeZone) })}
        </p>
      )}
      <Headline overview={overview} figures={brushed ? brushedAnswer.value?.headline : undefined} range={brushed ?? (zoom ? { from: zoom.from, to: zoom.to } : undefined)} />
      <ChartFigure
        id="volume"
        title={t('overview.volume')}
        hint={`${t('overview.volumeHint', { bucket: t(`overview.${overview.bucket}`) })}${overview.bucket === 'hour' ? ` ${t('overview.volumeHourHint')}` : ''}`}
        actions={
          <div role="radiogroup" aria-label={t('overview.bucket')} className="segmented">
            {(['hour', 'day'] as const).map((b) => (
              <button
                key={b}
                type="button"
                role="radio"
                aria-checked={overview.bucket === b}
                onClick={() => {
                  setBucket(b);
                  setBrushed(null);
                }}
              >
                {t(`overview.${b}`)}
              </button>
            ))}
          </div>
        }
      >
        {selected && zoom && (
          <p className="zoom-note" role="status">
            {t('incidents.zoomedTo', { label: t(`incidents.kind.${selected.kind}`), from: formatDateTime(lang, zoom.from, timeZone), to: formatDateTime(lang, zoom.to, timeZone) })}{' '}
            <button
              type="button"
              className="button small"
              onClick={() => {
                setSelected(null);
                setBrushed(null);
              }}
            >
              {t('incidents.showAll')}
            </button>
          </p>
        )}
        <VolumeChart key={`${overview.bucket}|${zoom?.from ?? ''}|${overview.volume.length}`} volume={overview.volume} bucket={overview.bucket} bands={bands} onBrush={setBrushed} />
      </ChartFigure>
      <IncidentList
        incidents={incidents ?? []}
        selected={selected?.id ?? null}
        onSelect={(incident) => {
          setSelected(incident);
          setBucket(undefined);
          setBrushed(null);
        }}
      />
      {selected && <IncidentDetail incident={selected} />}
      {belowFold && <div className="grid-2">
        <ChartFigure
          id="complaints"
          title={t('overview.complaintRate')}
          hint={t('overview.complaintRateHint', { warning: formatRate(lang, th.complaintWarning), limit: formatRate(lang, th.complaintLimit) })}
        >
          {overview.complaintRate.length ? (
            <ComplaintRateChart points={overview.complaintRate} thresholds={th} />
          ) : (
            <p className="muted">{t('overview.noComplaints')}</p>
          )}
        </ChartFigure>
        <ChartFigure id="reasons" title={t('overview.reasons')} hint={t('overview.reasonsHint')}>
          {overview.reasonsByDomain.length ? <ReasonsByDomain reasons={overview.reasonsByDomain} from={zoom?.from} to={zoom?.to} /> : <p className="muted">{t('overview.noReasons')}</p>}
        </ChartFigure>
      </div>}
      {belowFold && <DomainFailures key={selected?.id ?? 'all'} from={zoom?.from} to={zoom?.to} domain={selected?.scope.domain} />}
      {belowFold && <UnknownReplies />}
    </section>
  );
}
