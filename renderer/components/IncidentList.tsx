import { useTranslation } from 'react-i18next';
import { useApp } from '../app-context';
import { formatDateTime } from '../format';
import type { IncidentBand } from './VolumeChart';

/** Platform incidents with their dates; the room is kept until the engine detects them (SPEC §6). */
export function IncidentList({ incidents }: { incidents: IncidentBand[] }) {
  const { t } = useTranslation();
  const { lang, timeZone } = useApp();
  if (!incidents.length) return null;
  return (
    <section aria-labelledby="incidents-title" className="card">
      <h2 id="incidents-title">{t('overview.incidents')}</h2>
      <ul className="incidents">
        {incidents.map((incident) => (
          <li key={`${incident.kind}-${incident.start}`}>
            <strong>{incident.label}</strong>{' '}
            <span className="muted">
              {formatDateTime(lang, incident.start, timeZone)} – {formatDateTime(lang, incident.end, timeZone)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
