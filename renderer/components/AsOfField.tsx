import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app-context';
import { endOfDay, formatDate } from '../format';

/** "25/01/2021" (both UI languages write the day first) or "2021-01-25" → "2021-01-25"; null when it is no day. */
export function parseDay(text: string): string | null {
  const trimmed = text.trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const [y, m, d] = dmy ? [dmy[3], dmy[2], dmy[1]].map(Number) : ymd ? [ymd[1], ymd[2], ymd[3]].map(Number) : [NaN, NaN, NaN];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== d || date.getUTCMonth() !== m - 1) return null;
  return date.toISOString().slice(0, 10);
}

/** "2021-01-25" as the field shows it: "25/01/2021" */
function dayText(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * "Status on": a day written as the agent writes it (25/01/2021), in the workspace's time zone;
 * `day` is yyyy-mm-dd, or empty for now. A half-typed day changes nothing.
 */
export function AsOfField({ day, onChange }: { day: string; onChange(day: string): void }) {
  const { t } = useTranslation();
  const { lang, timeZone } = useApp();
  const [text, setText] = useState(day ? dayText(day) : '');
  useEffect(() => setText(day ? dayText(day) : ''), [day, lang]);
  return (
    <label className="as-of">
      <span>{t('address.asOf')}</span>
      <input
        type="text"
        inputMode="numeric"
        className="as-of-input"
        value={text}
        placeholder={t('address.asOfPlaceholder')}
        aria-invalid={text !== '' && parseDay(text) === null ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseDay(e.target.value);
          if (parsed !== null || e.target.value.trim() === '') onChange(parsed ?? '');
        }}
        aria-describedby="as-of-hint"
      />
      <small id="as-of-hint" className="muted">
        {day ? formatDate(lang, endOfDay(day, timeZone), timeZone) : t('address.asOfHint')}
      </small>
    </label>
  );
}
