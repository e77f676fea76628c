/**
 * What `rebond address` prints around the engine's own sentences, in the reader's language
 * (`--lang`, else the workspace's). English keeps the status codes scripts have read
 * (`soft_quarantine until …`); French names them as the report does (its status names, in lower
 * case inside the sentence). French typography: U+00A0
 * before « : », U+202F before « ? » (Imprimerie nationale), as everywhere else.
 */
import type { AddressStatus } from '../model/status';
import type { Lang } from '../model/lang';
import { REPORT_WORDS } from '../report/words';

const FR_STATUS = REPORT_WORDS.fr.statusNames;

export interface AddressWords {
  status(s: AddressStatus): string;
  until(u: string | null): string;
  unsubscribed: string;
  atDataEnd(at: string): string;
  today: string;
  /** between the status at the end of the data and today's */
  then: string;
  didYouMean(address: string): string;
  periods: string;
  /** the status column's width in the periods (the longest status name) */
  statusWidth: number;
  messages(n: number): string;
  actions: string;
  events(n: number): string;
}

export const ADDRESS_WORDS: Record<Lang, AddressWords> = {
  en: {
    status: (s) => s,
    until: (u) => (u ? ` until ${u}` : ''),
    unsubscribed: ' (unsubscribed)',
    atDataEnd: (at) => ` at the end of the data (${at})`,
    today: ' today',
    then: '; ',
    didYouMean: (a) => `Did you mean ${a}?`,
    periods: 'Periods:',
    statusWidth: 16,
    messages: (n) => `Messages (${n}):`,
    actions: 'What to do:',
    events: (n) => `Events (${n}):`,
  },
  fr: {
    status: (s) => FR_STATUS[s]?.toLocaleLowerCase('fr-FR') ?? s,
    until: (u) => (u ? ` jusqu’au ${u}` : ''),
    unsubscribed: ' (désinscrite)',
    atDataEnd: (at) => ` à la fin des données (${at})`,
    today: ' aujourd’hui',
    then: '\u202F; ',
    didYouMean: (a) => `Vouliez-vous dire ${a}\u202F?`,
    periods: 'Périodes\u00A0:',
    statusWidth: 24,
    messages: (n) => `Messages (${n})\u00A0:`,
    actions: 'Que faire\u00A0:',
    events: (n) => `Événements (${n})\u00A0:`,
  },
};
