import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddressSuggestion } from '../../core/contract';
import { useEngineAnswer } from '../use-engine-answer';
import { SuggestionFacts } from './SuggestionFacts';

/** The search box: an ARIA combobox whose suggestions come from the engine while typing. */
export function AddressSearch({ initial, onSearch }: { initial?: string; onSearch(address: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState(initial ?? '');
  /** the address just chosen: the box shows it, and no suggestions are asked for it until it is edited */
  const [chosen, setChosen] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const closeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const show = () => {
    clearTimeout(closeTimer.current);
    setOpen(true);
  };

  const q = query.trim();
  const asking = q.length >= 2 && q !== chosen;
  // asked 150 ms after the last keystroke; a slower earlier answer never replaces a newer one
  const answer = useEngineAnswer('searchAddresses', asking ? { query: q, limit: 8 } : null, undefined, 150);
  const suggestions: AddressSuggestion[] = asking ? (answer.value ?? []) : [];
  const searched = asking && answer.value !== null;
  useEffect(() => setActive(-1), [answer.value]);

  const choose = (address: string) => {
    setChosen(address);
    setQuery(address);
    setOpen(false);
    onSearch(address);
  };

  const listId = `${id}-list`;
  const showList = open && suggestions.length > 0;
  return (
    <form
      role="search"
      className="search"
      onSubmit={(e) => {
        e.preventDefault();
        const picked = active >= 0 ? suggestions[active]?.address : undefined;
        if (picked ?? q) choose(picked ?? q);
      }}
    >
      <label htmlFor={`${id}-input`} className="search-label">
        {t('address.search')}
      </label>
      <div className="search-row">
        <div className="combobox">
          <input
            id={`${id}-input`}
            data-autofocus
            type="search"
            role="combobox"
            autoComplete="off"
            spellCheck={false}
            aria-autocomplete="list"
            aria-expanded={showList}
            aria-controls={listId}
            aria-activedescendant={showList && active >= 0 ? `${id}-opt-${active}` : undefined}
            placeholder={t('address.searchPlaceholder')}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setChosen(null);
              show();
            }}
            onFocus={show}
            onBlur={() => {
              closeTimer.current = setTimeout(() => setOpen(false), 150);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                show();
                setActive((a) => Math.min(suggestions.length - 1, a + 1));
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setActive((a) => Math.max(-1, a - 1));
              } else if (e.key === 'Escape') {
                setOpen(false);
              }
            }}
          />
          <ul id={listId} role="listbox" aria-label={t('address.suggestions')} className="suggestions" hidden={!showList}>
            {suggestions.map((s, i) => (
              <li
                key={s.address}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(s.address);
                }}
              >
                <span className="mono">{s.address}</span>
                <SuggestionFacts suggestion={s} />
              </li>
            ))}
          </ul>
        </div>
        <button type="submit" className="button primary">
          {t('address.searchButton')}
        </button>
      </div>
      {open && searched && suggestions.length === 0 && (
        <p className="muted small" role="status">
          {t('address.noMatch', { query: q })}
        </p>
      )}
    </form>
  );
}
