import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang, ReportFile, ReportFormat } from '../../core/contract';
import { errorMessage, useApp } from '../app-context';
import { useEngineAnswer } from '../use-engine-answer';

/** Addresses pasted from a ticket: one per line, or separated by spaces, commas or semicolons. */
export function parseAddresses(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\s,;]+/)) {
    const a = part.trim().replace(/^<|>$/g, '').toLowerCase();
    if (a.includes('@')) seen.add(a);
  }
  return [...seen];
}

/**
 * Saves a report the engine made. A download from the page itself (a Blob): in the browser it
 * is a download from the host's page; in Electron the same download opens the system's save
 * dialog. No route on the host and no file path crosses the bridge.
 */
function download(file: ReportFile): void {
  const body = file.base64 !== undefined ? Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0)) : (file.text ?? '');
  const url = URL.createObjectURL(new Blob([body], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Export the remediation report (SPEC §8) for this address, or several pasted at once: a live
 * Markdown preview, "Copy as Markdown", and saving as HTML, PDF or CSV.
 */
export function ReportDialog({ addresses, at, onClose }: { addresses: string[]; at?: string; onClose(): void }) {
  const { t } = useTranslation();
  const { transport, lang: appLang, timeZone } = useApp();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState(addresses.join('\n'));
  const [lang, setLang] = useState<Lang>(appLang);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = parseAddresses(text);
  const key = list.join(' ');

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  // the preview follows the addresses and the language as they are typed (asked 250 ms after the last change)
  const previewAnswer = useEngineAnswer(
    'report',
    key ? { addresses: key.split(' '), format: 'md', lang, timeZone, ...(at ? { at } : {}) } : null,
    undefined,
    250,
  );
  const preview = key ? (previewAnswer.value ? (previewAnswer.value.text ?? '') : null) : '';
  const shownError = error ?? previewAnswer.error;

  async function save(format: ReportFormat) {
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      const file = await transport.call('report', { addresses: list, format, lang, timeZone, ...(at ? { at } : {}) });
      download(file);
      setNotice(t('ticket.saved', { file: file.fileName }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    setNotice(null);
    try {
      await navigator.clipboard.writeText(preview ?? '');
      setNotice(t('ticket.copied'));
    } catch {
      setNotice(t('ticket.copyFailed'));
    }
  }

  const ready = list.length > 0 && preview !== null && !busy;
  return (
    <dialog ref={dialog} className="dialog dialog-wide" aria-labelledby={`${id}-title`} onClose={onClose}>
      <h2 id={`${id}-title`}>{t('ticket.exportTitle')}</h2>
      <div className="export-options">
        <label className="field">
          <span>{t('ticket.exportAddresses')}</span>
          <textarea rows={Math.min(6, Math.max(2, list.length + 1))} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('ticket.exportLanguage')}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
      </div>
      <h3 id={`${id}-preview`}>{t('ticket.exportPreview')}</h3>
      <pre className="export-preview" aria-labelledby={`${id}-preview`} tabIndex={0}>
        {preview === null ? t('ticket.exportLoading') : preview}
      </pre>
      {shownError && (
        <p role="alert" className="refusal">
          {t('errors.generic', { message: shownError })}
        </p>
      )}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" disabled={!ready} onClick={copy}>
          {t('ticket.copyMarkdown')}
        </button>
        <button type="button" className="button" disabled={!ready} onClick={() => save('html')}>
          {t('ticket.saveHtml')}
        </button>
        <button type="button" className="button" disabled={!ready} onClick={() => save('pdf')}>
          {t('ticket.savePdf')}
        </button>
        <button type="button" className="button" disabled={!ready} onClick={() => save('csv')}>
          {t('ticket.saveCsv')}
        </button>
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          {t('ticket.close')}
        </button>
      </div>
    </dialog>
  );
}
