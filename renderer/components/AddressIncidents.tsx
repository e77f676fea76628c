import { useTranslation } from 'react-i18next';
import { useApp } from '../app-context';
import { formatDateTime } from '../format';
import { useEngineAnswer } from '../use-engine-answer';
import { INCIDENT_COLORS } from './incident-style';

/** The platform incidents that touched this address's messages (SPEC §7), said for the ticket. */
export function AddressIncidents({ address }: { address: string }) {
  const { t } = useTranslation();
  const { lang, timeZone, dataVersion } = useApp();
  const list = useEngineAnswer('addressIncidents', { address, lang }, dataVersion).value;
  if (!list) return null;
  return (
    <section aria-labelledby="address-incidents-title" className="card">
      <h2 id="address-incidents-title">{t('incidents.address.title')}</h2>
      {list.length === 0 ? (
        <p className="muted">{t('incidents.address.none')}</p>
      ) : (
        <ul className="incident-list" aria-labelledby="address-incidents-title">
          {list.map(({ incident, sentence }) => (
            <li key={incident.id} className="incident" data-kind={incident.kind}>
              <div className="incident-head">
                <span className="incident-tag" style={{ background: INCIDENT_COLORS[incident.kind] }}>
                  {t(`incidents.kind.${incident.kind}`)}
                </span>
                <span className="muted">
                  {formatDateTime(lang, incident.start, timeZone)} – {formatDateTime(lang, incident.end, timeZone)}
                </span>
              </div>
              <p className="incident-summary">{sentence}</p>
              <p className="muted small">{incident.summary}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
