import { useTranslation } from 'react-i18next';
import type { Incident } from '../../core/contract';
import { useApp } from '../app-context';
import { formatCount, formatDateTime } from '../format';
import { useEngineAnswer } from '../use-engine-answer';

/** The incident the charts are zoomed to: the addresses and campaigns it touched, its example events. */
export function IncidentDetail({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const { lang, timeZone, dataVersion, go } = useApp();
  const touched = useEngineAnswer('incidentTouched', { id: incident.id, limit: 30 }, dataVersion).value;
  const label = t(`incidents.kind.${incident.kind}`);
  return (
    <section aria-labelledby="incident-detail-title" className="card incident-detail">
      <h2 id="incident-detail-title">
        {t('incidents.touched')} — {label}
      </h2>
      <p>{incident.summary}</p>
      {!touched || touched.id !== incident.id ? (
        <p className="muted">{t('incidents.loadingTouched')}</p>
      ) : (
        <div className="grid-2">
          <div>
            <h3>{t('incidents.touchedAddresses', { count: touched.addressCount })}</h3>
            <ul className="touched" aria-label={t('incidents.touchedAddresses', { count: touched.addressCount })}>
              {touched.addresses.map((a) => (
                <li key={a.address}>
                  <button type="button" className="link-button" aria-label={t('incidents.openAddress', { address: a.address })} onClick={() => go('address', a.address)}>
                    {a.address}
                  </button>{' '}
                  <span className="muted">({formatCount(lang, a.events)})</span>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3>{t('incidents.touchedCampaigns')}</h3>
            {touched.campaigns.length === 0 ? (
              <p className="muted">{t('incidents.noCampaign')}</p>
            ) : (
              <ul className="touched" aria-label={t('incidents.touchedCampaigns')}>
                {touched.campaigns.map((c) => (
                  <li key={c.campaign}>
                    {c.campaign} <span className="muted">({formatCount(lang, c.events)})</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      {incident.examples.length > 0 && (
        <>
          <h3>{t('incidents.examples')}</h3>
          <ul className="incident-examples">
            {incident.examples.map((e, i) => (
              <li key={i}>
                <span className="muted">{formatDateTime(lang, e.time, timeZone)}</span> {e.address} — {t(`types.${e.type}`)}
                {e.diagnostic && <code className="server-text">{e.diagnostic}</code>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
