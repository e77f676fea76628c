import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportRecord } from '../../core/contract';
import { errorMessage, useApp } from '../app-context';
import { formatCount, formatDate, formatDateTime } from '../format';

export function PastImports({
  imports,
  onRemoved,
  onError,
}: {
  imports: ImportRecord[] | null;
  onRemoved(): void;
  onError(message: string): void;
}) {
  const { t } = useTranslation();
  const { transport, lang, timeZone } = useApp();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const remove = async (record: ImportRecord) => {
    setBusy(record.id);
    try {
      const { removedEvents } = await transport.call('removeImport', { id: record.id });
      setNotice(t('import.removed', { name: record.displayName, count: removedEvents }));
      onRemoved();
    } catch (e) {
      onError(errorMessage(e));
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  };

  return (
    <section aria-labelledby="past-title" className="card">
      <h2 id="past-title">{t('import.past')}</h2>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {imports === null && <p className="muted">{t('app.loading')}</p>}
      {imports?.length === 0 && <p className="muted">{t('import.pastEmpty')}</p>}
      {imports && imports.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('import.col.name')}</th>
                <th scope="col">{t('import.col.format')}</th>
                <th scope="col">{t('import.col.importedAt')}</th>
                <th scope="col" className="num">{t('import.col.stored')}</th>
                <th scope="col" className="num">{t('import.col.duplicates')}</th>
                <th scope="col" className="num">{t('import.col.rejected')}</th>
                <th scope="col">{t('import.col.period')}</th>
                <th scope="col"><span className="visually-hidden">{t('import.col.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {imports.map((record) => (
                <tr key={record.id}>
                  <th scope="row" className="file-name" title={record.path}>{record.displayName}</th>
                  <td>{t(`formats.${record.format}`)}</td>
                  <td>{formatDateTime(lang, record.importedAt, timeZone)}</td>
                  <td className="num">{formatCount(lang, record.stored)}</td>
                  <td className="num">{formatCount(lang, record.duplicates)}</td>
                  <td className="num">{formatCount(lang, record.rejected)}</td>
                  <td>
                    {record.firstEventTime
                      ? `${formatDate(lang, record.firstEventTime, timeZone)} – ${formatDate(lang, record.lastEventTime, timeZone)}`
                      : '—'}
                  </td>
                  <td className="actions">
                    {confirming === record.id ? (
                      <>
                        <button
                          type="button"
                          className="button danger small"
                          disabled={busy === record.id}
                          aria-label={t('import.confirmRemoveLabel', { name: record.displayName })}
                          onClick={() => void remove(record)}
                        >
                          {t('import.confirmRemove', { count: record.stored })}
                        </button>
                        {/* focus on the harmless choice: a second Enter must not delete */}
                        <button type="button" className="button small" autoFocus onClick={() => setConfirming(null)}>
                          {t('import.cancel')}
                        </button>
                      </>
                    ) : (
                      <button
                        type="button"
                        className="button small"
                        aria-label={t('import.removeLabel', { name: record.displayName })}
                        onClick={() => setConfirming(record.id)}
                      >
                        {t('import.remove')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
