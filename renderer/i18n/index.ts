/** i18next with the fr/en string tables; French by default when the system speaks French. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../core/contract';
import { en } from './en';
import { fr } from './fr';

const STORAGE_KEY = 'rebond.lang';

export function initialLang(): Lang {
  try {
    const chosen = localStorage.getItem(STORAGE_KEY);
    if (chosen === 'fr' || chosen === 'en') return chosen;
  } catch {
    // storage may be unavailable (private mode): fall back to the system language
  }
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not fatal: the choice lasts for this session
  }
  document.documentElement.lang = lang;
}

export async function initI18n(): Promise<typeof i18next> {
  const lang = initialLang();
  document.documentElement.lang = lang;
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    lng: lang,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes text
    returnNull: false,
  });
  return i18next;
}
