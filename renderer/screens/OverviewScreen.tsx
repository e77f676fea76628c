import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Overview } from '../../core/contract';
import { useApp } from '../app-context';
import { Alert } from '../components/Alert';
import { ChartFigure } from '../components/ChartFigure';
import { ComplaintRateChart } from '../components/ComplaintRateChart';
import { Headline } from '../components/Headline';
import { IncidentList } from '../components/IncidentList';
import { ReasonsByDomain } from '../components/ReasonsByDomain';
import { UnknownReplies } from '../components/UnknownReplies';
import { VolumeChart, type IncidentBand } from '../components/VolumeChart';
import { formatDateTime, formatRate } from '../format';
import { useEngineAnswer } from '../use-engine-answer';

/** Incidents are not in the contract yet (SPEC §6, next issue): shown when the engine sends them. */
type OverviewWithIncidents = Overview & { incidents?: IncidentBand[] };

export function OverviewScreen() {
  const { t } = useTranslation();
  const { lang, timeZone, dataVersion, go } = useApp();
  const [bucket, setBucket] = useState<'hour' | 'day' | undefined>();
  const answer = useEngineAnswer('overview', bucket ? { bucket } : {}, dataVersion);
  const overview = answer.value as OverviewWithIncidents | null;
  const error = answer.error;

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

  const incidents = overview.incidents ?? [];
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
      <Headline overview={overview} />
      <ChartFigure
        id="volume"
        title={t('overview.volume')}
        hint={t('overview.volumeHint', { bucket: t(`overview.${overview.bucket}`) })}
        actions={
          <div role="radiogroup" aria-label={t('overview.bucket')} className="segmented">
            {(['hour', 'day'] as const).map((b) => (
              <button key={b} type="button" role="radio" aria-checked={overview.bucket === b} onClick={() => setBucket(b)}>
                {t(`overview.${b}`)}
              </button>
            ))}
          </div>
        }
      >
        <VolumeChart volume={overview.volume} bucket={overview.bucket} bands={incidents} />
      </ChartFigure>
      <IncidentList incidents={incidents} />
      <div className="grid-2">
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
          {overview.reasonsByDomain.length ? <ReasonsByDomain reasons={overview.reasonsByDomain} /> : <p className="muted">{t('overview.noReasons')}</p>}
        </ChartFigure>
      </div>
      <UnknownReplies />
    </section>
  );
}
