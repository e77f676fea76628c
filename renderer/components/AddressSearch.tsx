import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddressSuggestion } from '../../core/contract';
import { useApp } from '../app-context';
import { SuggestionFacts } from './SuggestionFacts';

/** The search box: an ARIA combobox whose suggestions come from the engine while typing. */
export function AddressSearch({ initial, onSearch }: { initial?: string; onSearch(address: string): void }) {
  const { t } = useTranslation();
  const { transport } = useApp();
  const id = useId();
  const [query, setQuery] = useState(initial ?? '');
  const [suggestions, setSuggestions] = useState<AddressSuggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searched, setSearched] = useState(false);
  const skipNext = useRef(false);
  const closeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const show = () => {
    clearTimeout(closeTimer.current);
    setOpen(true);
  };

  useEffect(() => {
    if (skipNext.current) {
      skipNext.current = false;
      return;
    }
    const q = query.trim();
    if (q.length < 2) {
      setSuggestions([]);
      setSearched(false);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      transport.call('searchAddresses', { query: q, limit: 8 }).then(
        (found) => {
          if (!live) return;
          setSuggestions(found);
          setSearched(true);
          setActive(-1);
        },
        () => live && setSuggestions([]),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, transport]);

  const choose = (address: string) => {
    skipNext.current = true;
    setQuery(address);
    setOpen(false);
    setSuggestions([]);
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
        const chosen = active >= 0 ? suggestions[active]?.address : undefined;
        if (chosen ?? query.trim()) choose(chosen ?? query.trim());
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
      {open && searched && suggestions.length === 0 && query.trim().length >= 2 && (
        <p className="muted small" role="status">
          {t('address.noMatch', { query: query.trim() })}
        </p>
      )}
    </form>
  );
}
