import { useTranslation } from 'react-i18next';
import { useApp } from '../app-context';
import { useEngineAnswer } from '../use-engine-answer';
import { SuggestionFacts } from './SuggestionFacts';

/**
 * For an address the files never mention: the known addresses nearest to it, each with its
 * status (issue 17 item 3) — "paul.durnad@orange.fr" was most likely paul.durand@orange.fr.
 */
export function NearestAddresses({ address, onChoose }: { address: string; onChoose(address: string): void }) {
  const { t } = useTranslation();
  const { dataVersion } = useApp();
  const answer = useEngineAnswer('searchAddresses', { query: address, limit: 5 }, dataVersion);
  const near = (answer.value ?? []).filter((s) => s.address !== address);
  if (!answer.value) return <p className="muted small">{t('lists.loading')}</p>;
  if (near.length === 0) return null;
  return (
    <section aria-labelledby="nearest-title" className="nearest">
      <h3 id="nearest-title">{t('lists.nearestTitle', { address })}</h3>
      <p className="muted small">{t('lists.nearestHint')}</p>
      <ul className="nearest-list">
        {near.map((s) => (
          <li key={s.address}>
            <button type="button" className="link-button mono" onClick={() => onChoose(s.address)}>
              {s.address}
            </button>
            <SuggestionFacts suggestion={s} />
          </li>
        ))}
      </ul>
    </section>
  );
}
