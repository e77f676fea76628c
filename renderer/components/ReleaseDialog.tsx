import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddressReport } from '../../core/contract';
import { errorMessage, useApp } from '../app-context';

/** Release an address, with the reason the policy requires (seed 002: blacklist only on request). */
export function ReleaseDialog({ report, onClose, onReleased }: { report: AddressReport; onClose(): void; onReleased(): void }) {
  const { t } = useTranslation();
  const { transport } = useApp();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [by, setBy] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const guidance =
    report.status === 'blacklisted'
      ? t('address.releaseBlacklist')
      : report.status === 'long_quarantine'
        ? t('address.releaseLong')
        : t('address.releaseSoft');

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-guidance`} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const result = await transport.call('release', { address: report.address, reason: reason.trim(), ...(by.trim() ? { by: by.trim() } : {}) });
            if (!result.ok) {
              setError(result.error ?? '');
              return;
            }
            onReleased();
            dialog.current?.close();
          } catch (err) {
            setError(errorMessage(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <h2 id={`${id}-title`}>{t('address.releaseTitle', { address: report.address })}</h2>
        <p id={`${id}-guidance`} className={report.status === 'blacklisted' ? 'warning-text' : undefined}>
          {guidance}
        </p>
        <label className="field">
          <span>{t('address.reason')}</span>
          <textarea required minLength={3} rows={4} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('address.by')}</span>
          <input type="text" value={by} autoComplete="name" onChange={(e) => setBy(e.target.value)} />
        </label>
        {error && (
          <p role="alert" className="job-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            {t('address.cancel')}
          </button>
          <button type="submit" className="button danger" disabled={busy || reason.trim().length < 3}>
            {t('address.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
