import { useTranslation } from 'react-i18next';
import type { AddressSuggestion } from '../../core/contract';
import { useApp } from '../app-context';
import { formatDate } from '../format';
import { StatusBadge } from './StatusBadge';

/** What a suggested address is known for: its status, how many events, the last one's date. */
export function SuggestionFacts({ suggestion }: { suggestion: AddressSuggestion }) {
  const { t } = useTranslation();
  const { lang, timeZone } = useApp();
  return (
    <>
      {suggestion.status && <StatusBadge status={suggestion.status} small />}
      <span className="muted small">
        {t('address.suggestionEvents', { count: suggestion.events })}
        {suggestion.lastEventTime ? ` · ${formatDate(lang, suggestion.lastEventTime, timeZone)}` : ''}
      </span>
    </>
  );
}
