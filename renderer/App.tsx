import { useCallback, useEffect, useMemo, useState } from 'react';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Lang, Settings } from '../core/contract';
import { AppContextValue, errorMessage, type AppContext, type Screen } from './app-context';
import { rememberLang } from './i18n';
import type { Transport } from './transport';
import { speaking } from './transport/speaking';
import { ImportScreen } from './screens/ImportScreen';
import { OverviewScreen } from './screens/OverviewScreen';
import { AddressScreen } from './screens/AddressScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { ListsScreen } from './screens/ListsScreen';
import { useFocusOnScreen } from './use-focus-on-screen';
import type { AddressesBehindRequest } from '../core/contract';
import { Alert } from './components/Alert';

const SCREENS: Screen[] = ['import', 'overview', 'address', 'lists', 'settings'];
// the Lists screen's name sits with its own strings (issue 17)
const navKey = (s: Screen) => (s === 'lists' ? 'lists.nav' : `app.nav.${s}`);

function Shell({ transport, i18n }: { transport: Transport; i18n: I18n }) {
  const { t } = useTranslation();
  const [lang, setLangState] = useState<Lang>(i18n.language === 'fr' ? 'fr' : 'en');
  const [settings, setSettings] = useState<Settings | null>(null);
  const [screen, setScreen] = useState<Screen | null>(null);
  const [pendingAddress, setPendingAddress] = useState<string | undefined>();
  const [pendingBehind, setPendingBehind] = useState<AddressesBehindRequest | undefined>();
  const focusScreen = useFocusOnScreen();
  const [dataVersion, setDataVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const setLang = useCallback(
    (next: Lang) => {
      setLangState(next);
      rememberLang(next);
      void i18n.changeLanguage(next);
      // the engine writes explanations and reports in this language too
      transport.call('setSettings', { lang: next }).then(setSettings, () => undefined);
    },
    [i18n, transport],
  );

  // asked once, before the app's context exists (the screens ask through useEngineAnswer, which needs it)
  useEffect(() => {
    transport.call('getSettings', {}).then(setSettings, (e) => setError(errorMessage(e)));
    // a new user lands on Import; someone with data on the Overview
    transport.call('listImports', {}).then(
      (imports) => setScreen((current) => current ?? (imports.length ? 'overview' : 'import')),
      (e) => {
        setScreen((current) => current ?? 'import');
        setError(errorMessage(e));
      },
    );
  }, [transport]);

  useEffect(() => transport.onMenuLanguage(setLang), [transport, setLang]);
  // File › Import… (Electron): the Import screen picks these paths up once it is shown
  const [menuPaths, setMenuPaths] = useState<string[] | null>(null);
  useEffect(
    () =>
      transport.onMenuImport((paths) => {
        setMenuPaths(paths);
        setScreen('import');
      }),
    [transport],
  );

  useEffect(() => {
    document.title = screen ? `${t(navKey(screen))} — Rebond` : 'Rebond';
  }, [screen, t, lang]);

  // the screens' requests carry the app's language: the engine answers in it (explanations, refusals, risks)
  const spoken = useMemo(() => speaking(transport, () => (i18n.language === 'fr' ? 'fr' : 'en')), [transport, i18n]);
  const context = useMemo<AppContext>(
    () => ({
      transport: spoken,
      lang,
      settings,
      timeZone: settings?.timeZone || undefined,
      setLang,
      updateSettings: setSettings,
      go: (next, address, behind) => {
        setPendingAddress(address);
        setPendingBehind(behind);
        setScreen(next);
        focusScreen();
      },
      dataVersion,
      dataChanged: () => setDataVersion((v) => v + 1),
    }),
    [spoken, lang, settings, setLang, dataVersion, focusScreen],
  );

  return (
    <AppContextValue.Provider value={context}>
      <div className="app">
        <header className="topbar">
          <div className="brand">
            <span className="logo" aria-hidden="true">
              ↩
            </span>
            <div>
              <div className="brand-name">{t('app.name')}</div>
              <div className="brand-tagline">{t('app.tagline')}</div>
            </div>
          </div>
          <nav aria-label={t('app.nav.label')} className="nav">
            {SCREENS.map((s) => (
              <button
                key={s}
                type="button"
                className={s === screen ? 'nav-item active' : 'nav-item'}
                aria-current={s === screen ? 'page' : undefined}
                onClick={() => {
                  setPendingBehind(undefined);
                  setScreen(s);
                  focusScreen();
                }}
              >
                {t(navKey(s))}
              </button>
            ))}
          </nav>
        </header>
        <main className="content">
          {error && <Alert message={t('errors.generic', { message: error })} onDismiss={() => setError(null)} />}
          {screen === 'import' && <ImportScreen menuPaths={menuPaths} onMenuPathsTaken={() => setMenuPaths(null)} />}
          {screen === 'overview' && <OverviewScreen />}
          {screen === 'address' && <AddressScreen initialAddress={pendingAddress} />}
          {screen === 'lists' && <ListsScreen behind={pendingBehind} />}
          {screen === 'settings' && <SettingsScreen />}
          {screen === null && <p className="muted">{t('app.loading')}</p>}
        </main>
      </div>
    </AppContextValue.Provider>
  );
}

export function App({ transport, i18n }: { transport: Transport; i18n: I18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <Shell transport={transport} i18n={i18n} />
    </I18nextProvider>
  );
}
