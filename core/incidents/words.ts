/** The words and number formats of incident summaries, in French and English (SPEC §6, §11.10). */
import type { Lang } from '../contract';

const locale = (lang: Lang) => (lang === 'fr' ? 'fr-FR' : 'en-GB');

/** Formatters are kept: making one costs about a hundred times what formatting with it does. */
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function kept<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let format = formats.get(key) as T | undefined;
  if (!format) formats.set(key, (format = make()));
  return format;
}

export function percent(lang: Lang, rate: number): string {
  const digits = rate < 0.01 ? 2 : 1;
  return kept(`percent ${lang} ${digits}`, () => new Intl.NumberFormat(locale(lang), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits })).format(rate);
}

export function count(lang: Lang, n: number): string {
  return kept(`count ${lang}`, () => new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 })).format(n);
}

export function day(lang: Lang, ms: number, timeZone: string): string {
  return kept(`day ${lang} ${timeZone}`, () => new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric', timeZone })).format(ms);
}

export function moment(lang: Lang, ms: number, timeZone: string): string {
  return kept(`moment ${lang} ${timeZone}`, () => new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone })).format(ms);
}

export function duration(lang: Lang, seconds: number): string {
  if (seconds < 90) return lang === 'fr' ? `${Math.round(seconds)} s` : `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  const hours = seconds / 3600;
  return `${hours < 10 ? hours.toFixed(1).replace('.', lang === 'fr' ? ',' : '.') : Math.round(hours)} h`;
}

/** Both languages at once: detectors write every summary in French and English. */
export function both(write: (lang: Lang) => string): { fr: string; en: string } {
  return { fr: write('fr'), en: write('en') };
}

/** The classifier’s categories in words (the ones deferral surges and blocks name). */
const CATEGORY_WORDS: Record<string, { fr: string; en: string }> = {
  greylisted: { fr: 'greylisting', en: 'greylisting' },
  rate_limited: { fr: 'limitation de débit', en: 'rate limiting' },
  sender_blocklisted: { fr: 'expéditeur sur liste de blocage', en: 'sender on a block list' },
  server_unavailable: { fr: 'serveur indisponible', en: 'server unavailable' },
  mailbox_full: { fr: 'boîte pleine', en: 'mailbox full' },
  user_unknown: { fr: 'utilisateur inconnu', en: 'user unknown' },
  auth_failure: { fr: 'échec d’authentification', en: 'authentication failure' },
  config: { fr: 'configuration d’envoi', en: 'sending configuration' },
  spam_content: { fr: 'contenu jugé spam', en: 'content judged spam' },
  policy: { fr: 'règle locale', en: 'local policy' },
  unknown: { fr: 'raison non reconnue', en: 'unrecognised reason' },
};

export function category(lang: Lang, name: string): string {
  return CATEGORY_WORDS[name]?.[lang] ?? name.replace(/_/g, ' ');
}
