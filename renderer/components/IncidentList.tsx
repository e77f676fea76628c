import { useTranslation } from 'react-i18next';
import type { Incident } from '../../core/contract';
import { useApp } from '../app-context';
import { formatCount, formatDateTime, formatRate } from '../format';
import { INCIDENT_COLORS } from './incident-style';

/** The figures of an incident worth a glance: rates as percentages, counts with their volumes. */
const SHOWN = ['capPerHour', 'usualPerHour', 'heldHours', 'rate', 'usualRate', 'complaints', 'delivered', 'deferred', 'attempts', 'hardBounces', 'sent', 'addresses', 'deliveredBefore', 'dominantCategory', 'p95Seconds', 'messages', 'complaintRiseDay'];

export function IncidentFigures({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const { lang } = useApp();
  const shown = SHOWN.filter((k) => incident.metrics[k] !== undefined && incident.metrics[k] !== null);
  return (
    <dl className="incident-figures">
      {shown.map((k) => {
        const v = incident.metrics[k];
        const text = typeof v === 'number' ? (/rate$/i.test(k) ? formatRate(lang, v) : formatCount(lang, v)) : k === 'dominantCategory' ? t(`categories.${String(v)}`, { defaultValue: String(v) }) : String(v);
        return (
          <div key={k}>
            <dt>{t(`incidents.metric.${k}`)}</dt>
            <dd>{text}</dd>
          </div>
        );
      })}
    </dl>
  );
}

/** Platform incidents, each with its summary and figures; choosing one zooms the charts to it. */
export function IncidentList({ incidents, selected, onSelect }: { incidents: Incident[]; selected: string | null; onSelect: (incident: Incident | null) => void }) {
  const { t } = useTranslation();
  const { lang, timeZone } = useApp();
  return (
    <section aria-labelledby="incidents-title" className="card">
      <div className="card-head">
        <h2 id="incidents-title">{t('incidents.title')}</h2>
        {selected && (
          <button type="button" className="button" onClick={() => onSelect(null)}>
            {t('incidents.showAll')}
          </button>
        )}
      </div>
      <p className="muted small">{t('incidents.hint')}</p>
      {incidents.length === 0 ? (
        <p>{t('incidents.none')}</p>
      ) : (
        <ul className="incident-list" aria-label={t('incidents.title')}>
          {incidents.map((incident) => {
            const label = t(`incidents.kind.${incident.kind}`);
            const scope = incident.scope.domain ? t('incidents.scope.domain', { value: incident.scope.domain }) : incident.scope.campaign ? t('incidents.scope.campaign', { value: incident.scope.campaign }) : '';
            const isSelected = selected === incident.id;
            return (
              <li key={incident.id} className={isSelected ? 'incident selected' : 'incident'} data-kind={incident.kind}>
                <div className="incident-head">
                  <span className="incident-tag" style={{ background: INCIDENT_COLORS[incident.kind] }}>
                    {label}
                  </span>
                  {scope && <strong>{scope}</strong>}
                  <span className="muted">
                    {formatDateTime(lang, incident.start, timeZone)} – {formatDateTime(lang, incident.end, timeZone)}
                  </span>
                  <button
                    type="button"
                    className="button small"
                    aria-pressed={isSelected}
                    aria-label={t('app.labelled', { label: t('incidents.zoom'), value: `${label} ${scope}`.trim() })}
                    onClick={() => onSelect(isSelected ? null : incident)}
                  >
                    {isSelected ? t('incidents.selected') : t('incidents.zoom')}
                  </button>
                </div>
                <p className="incident-summary">{incident.summary}</p>
                <IncidentFigures incident={incident} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
