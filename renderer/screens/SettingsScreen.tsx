import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang, Settings } from '../../core/contract';
import { errorMessage, useApp } from '../app-context';
import { Alert } from '../components/Alert';

const LANGS: { value: Lang; label: string }[] = [
  { value: 'fr', label: 'Français' },
  { value: 'en', label: 'English' },
];

export function SettingsScreen() {
  const { t } = useTranslation();
  const { transport, lang, setLang, settings, updateSettings } = useApp();
  const [timeZone, setTimeZone] = useState(settings?.timeZone ?? '');
  const [preset, setPreset] = useState<Settings['policyPreset']>(settings?.policyPreset ?? 'default');
  const [policyFile, setPolicyFile] = useState(settings?.policyFile ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!settings) return;
    setTimeZone(settings.timeZone);
    setPreset(settings.policyPreset);
    setPolicyFile(settings.policyFile ?? '');
  }, [settings]);

  const zones = Intl.supportedValuesOf('timeZone');

  return (
    <section aria-labelledby="settings-title" className="screen narrow">
      <h1 id="settings-title">{t('settings.title')}</h1>
      {error && <Alert message={t('errors.generic', { message: error })} onDismiss={() => setError(null)} />}
      <div className="card">
        <label className="field">
          <span>{t('settings.language')}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            {LANGS.map((l) => (
              <option key={l.value} value={l.value} lang={l.value}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <form
        className="card"
        onSubmit={async (e) => {
          e.preventDefault();
          setSaved(false);
          setError(null);
          try {
            const next = await transport.call('setSettings', {
              timeZone,
              policyPreset: preset,
              policyFile: policyFile.trim() || null,
            });
            updateSettings(next);
            setSaved(true);
          } catch (err) {
            setError(errorMessage(err));
          }
        }}
      >
        <label className="field">
          <span>{t('settings.timeZone')}</span>
          <select value={timeZone} onChange={(e) => setTimeZone(e.target.value)} aria-describedby="tz-hint">
            {!zones.includes(timeZone) && <option value={timeZone}>{timeZone}</option>}
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
          <small id="tz-hint" className="muted">
            {t('settings.timeZoneHint')}
          </small>
        </label>
        <fieldset className="field">
          <legend>{t('settings.policyPreset')}</legend>
          {(['default', 'strict'] as const).map((p) => (
            <label key={p} className="radio">
              <input type="radio" name="preset" value={p} checked={preset === p} onChange={() => setPreset(p)} />
              <span>{p === 'default' ? t('settings.presetDefault') : t('settings.presetStrict')}</span>
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{t('settings.policyFile')}</span>
          <input type="text" className="mono" value={policyFile} onChange={(e) => setPolicyFile(e.target.value)} aria-describedby="policy-hint" />
          <small id="policy-hint" className="muted">
            {t('settings.policyFileHint')}
          </small>
        </label>
        <div className="form-actions">
          <button type="submit" className="button primary">
            {t('settings.save')}
          </button>
          {saved && (
            <span role="status" className="notice inline">
              {t('settings.saved')}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
