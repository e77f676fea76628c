/**
 * The remediation report’s words (fr, en): headings, column names, statuses, the history’s phrases.
 *
 * The French words follow the Imprimerie nationale convention: U+00A0 (no-break space) before
 * « : » and inside « », U+202F (narrow no-break space) before « ; », « ? » and « ! »; checked by
 * test/language/french-typography.test.ts.
 */
import type { Lang } from '../contract';
import type { Plural } from '../model/lang';
import type { AddressStatus } from '../model/status';

export interface ReportWords {
  title: string;
  generated: string;
  summary: string;
  status: string;
  until: string;
  untilNone: string;
  statusNames: Record<AddressStatus, string>;
  answer: string;
  messages: string;
  history: string;
  evidence: string;
  incidents: string;
  whatToDo: string;
  goodToKnow: string;
  noMessages: string;
  noHistory: string;
  noAction: string;
  neverSeen: string;
  earlierEvents: Plural;
  earlierMessages: Plural;
  /** the evidence of the PDF: every event counted by reply, then the latest ones */
  byReply: Plural;
  latestEvents: Plural;
  summaryLine: string;
  summaryTodo: string;
  col: {
    date: string;
    message: string;
    verdict: string;
    detail: string;
    type: string;
    category: string;
    code: string;
    text: string;
    source: string;
    times: string;
    period: string;
    campaign: string;
    messageId: string;
    subject: string;
    address: string;
    line: string;
    file: string;
  };
  period: string;
  periodRunning: string;
  causeEvent: string;
  causeEventNoText: string;
  causeImported: string;
  released: string;
  campaign: string;
  messageId: string;
  subject: string;
  lineRef: string;
}

export const REPORT_WORDS: Record<Lang, ReportWords> = {
  fr: {
    title: 'Rapport de remédiation',
    generated: 'Établi le {date} (heure de {zone}), sur les données importées dans Rebond.',
    summary: 'Résumé',
    status: 'Statut',
    until: "jusqu’au {date}",
    untilNone: '',
    statusNames: {
      ok: 'Délivrable',
      soft_quarantine: 'Quarantaine temporaire',
      long_quarantine: 'Quarantaine longue durée',
      blacklisted: 'Liste noire',
      filtered: 'Filtrée',
      unsubscribed: 'Désinscrite',
      unknown: 'Jamais vue',
    },
    answer: 'Nos e-mails sont-ils arrivés ?',
    messages: 'Ce qui est arrivé à chaque e-mail',
    history: 'Historique',
    evidence: 'Preuves (événements et textes des serveurs)',
    incidents: 'Incidents de la plateforme',
    whatToDo: 'Que faire',
    goodToKnow: 'À savoir',
    noMessages: 'Aucun e-mail vers cette adresse dans les données.',
    noHistory: "Aucune quarantaine ni liste noire dans l’historique.",
    noAction: 'Rien à faire.',
    neverSeen: "Aucun événement pour cette adresse dans les données importées : vérifiez son orthographe et que les bons exports ont été importés.",
    earlierEvents: {
      one: '{count} événement plus ancien n’est pas repris ici : voir l’export CSV.',
      other: '{count} événements plus anciens ne sont pas repris ici : voir l’export CSV.',
    },
    earlierMessages: {
      one: '{count} e-mail plus ancien n’est pas repris ici (les {shown} derniers le sont).',
      other: '{count} e-mails plus anciens ne sont pas repris ici (les {shown} derniers le sont).',
    },
    byReply: {
      one: 'L’événement, par réponse du serveur :',
      other: 'Les {count} événements, par réponse du serveur (la ligne source est celle du dernier) :',
    },
    latestEvents: { one: 'Le dernier événement :', other: 'Les {shown} derniers événements :' },
    summaryLine: '{address} — {status}{until}. {headline}',
    summaryTodo: ' À faire : {action}',
    col: {
      date: 'Date',
      message: 'E-mail',
      verdict: 'Résultat',
      detail: 'Détail',
      type: 'Événement',
      category: 'Raison',
      code: 'Code',
      text: 'Texte du serveur',
      source: 'Source',
      times: 'Fois',
      period: 'Premier – dernier',
      campaign: 'Campagne',
      messageId: 'Identifiant du message',
      subject: 'Objet',
      address: 'Adresse',
      line: 'Ligne',
      file: 'Fichier',
    },
    period: '{status} du {start} au {end}{cause}.',
    periodRunning: '{status} depuis le {start}, toujours en cours{cause}.',
    causeEvent: ', après {type} « {text} » de {domain} le {date}',
    causeEventNoText: ', après {type} le {date}',
    causeImported: ', importée de {file} (ligne {line})',
    released: 'Sortie de {status} par {by} le {date}, motif : « {reason} ».',
    campaign: 'campagne {value}',
    messageId: 'message {value}',
    subject: 'objet « {value} »',
    lineRef: '{file}, ligne {line}',
  },
  en: {
    title: 'Remediation report',
    generated: 'Prepared on {date} ({zone} time), from the data imported into Rebond.',
    summary: 'Summary',
    status: 'Status',
    until: 'until {date}',
    untilNone: '',
    statusNames: {
      ok: 'Deliverable',
      soft_quarantine: 'Temporary quarantine',
      long_quarantine: 'Long quarantine',
      blacklisted: 'Blacklisted',
      filtered: 'Filtered',
      unsubscribed: 'Unsubscribed',
      unknown: 'Never seen',
    },
    answer: 'Did our e-mails arrive?',
    messages: 'What happened to each e-mail',
    history: 'History',
    evidence: "Evidence (events and the servers' texts)",
    incidents: 'Platform incidents',
    whatToDo: 'What to do',
    goodToKnow: 'Good to know',
    noMessages: 'No e-mail to this address in the data.',
    noHistory: 'No quarantine or blacklist in the history.',
    noAction: 'Nothing to do.',
    neverSeen: 'No event for this address in the imported data: check its spelling and that the right exports were imported.',
    earlierEvents: {
      one: '{count} earlier event is not listed here: see the CSV export.',
      other: '{count} earlier events are not listed here: see the CSV export.',
    },
    earlierMessages: {
      one: '{count} earlier e-mail is not listed here (the latest {shown} are).',
      other: '{count} earlier e-mails are not listed here (the latest {shown} are).',
    },
    byReply: {
      one: 'The event, by server reply:',
      other: 'The {count} events, by server reply (the source line is the latest one’s):',
    },
    latestEvents: { one: 'The latest event:', other: 'The latest {shown} events:' },
    summaryLine: '{address} — {status}{until}. {headline}',
    summaryTodo: ' To do: {action}',
    col: {
      date: 'Date',
      message: 'E-mail',
      verdict: 'Outcome',
      detail: 'Detail',
      type: 'Event',
      category: 'Reason',
      code: 'Code',
      text: "Server’s text",
      source: 'Source',
      times: 'Times',
      period: 'First – last',
      campaign: 'Campaign',
      messageId: 'Message id',
      subject: 'Subject',
      address: 'Address',
      line: 'Line',
      file: 'File',
    },
    period: '{status} from {start} to {end}{cause}.',
    periodRunning: '{status} since {start}, still running{cause}.',
    causeEvent: ', after the {type} “{text}” from {domain} on {date}',
    causeEventNoText: ', after the {type} on {date}',
    causeImported: ', imported from {file} (line {line})',
    released: 'Released from {status} by {by} on {date}, reason: “{reason}”.',
    campaign: 'campaign {value}',
    messageId: 'message {value}',
    subject: 'subject “{value}”',
    lineRef: '{file}, line {line}',
  },
};
