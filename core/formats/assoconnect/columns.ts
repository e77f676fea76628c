/**
 * AssoConnect-style campaign reports and lists (FORMATS.md, seed 001) as data: French headers by
 * meaning, French statuses, list names.
 */
import type { EventType } from '../../model/event';
import type { ListEntry } from '../importer';
import type { Synonyms } from '../header';

export type AssoField = 'email' | 'status' | 'date' | 'reason' | 'rejectKind' | 'campaign';

export const ASSO_COLUMNS: Synonyms<AssoField> = {
  email: ['E-mail', 'Email', 'Adresse e-mail', 'Adresse email', 'Adresse mail', 'Courriel', 'Mail', 'Adresse électronique', 'E-mail address', 'Adresse'],
  status: ['Statut', 'Statut d\u2019envoi', "Statut d'envoi", 'État', 'Etat', 'Status'],
  date: ["Date d'envoi", 'Date d\u2019envoi', 'Date', "Date de l'envoi", 'Envoyé le', 'Date de rejet', "Date d'ajout", 'Date de mise en quarantaine', 'Depuis', 'Date et heure'],
  reason: ['Raison du rejet', 'Raison', 'Motif du rejet', 'Motif', 'Cause', 'Raison de rejet', 'Détail', 'Détails'],
  rejectKind: ['Type de rejet', 'Nature du rejet', 'Type'],
  campaign: ['Campagne', 'Nom de la campagne', 'Objet', 'Sujet', 'Emailing'],
};

/** What a status means: the events it gives, or a skip. Keys are `squash`ed (no case, accents, punctuation). */
export const ASSO_STATUSES: Record<string, EventType[] | 'skip'> = {
  envoye: ['delivered'],
  envoyee: ['delivered'],
  delivre: ['delivered'],
  delivree: ['delivered'],
  recu: ['delivered'],
  ouvert: ['delivered', 'open'],
  ouverte: ['delivered', 'open'],
  clique: ['delivered', 'click'],
  cliquee: ['delivered', 'click'],
  rejettemporaire: ['soft_bounce'],
  rejetetemporaire: ['soft_bounce'],
  rejeteetemporaire: ['soft_bounce'],
  rejetpermanent: ['hard_bounce'],
  rejetepermanent: ['hard_bounce'],
  rejeteepermanent: ['hard_bounce'],
  emailinvalide: ['hard_bounce'],
  adresseinvalide: ['hard_bounce'],
  // "Rejeté" alone does not say which: read the kind column, else soft (never quarantine long on a guess)
  rejete: ['soft_bounce'],
  rejetee: ['soft_bounce'],
  desinscrit: ['unsubscribe'],
  desinscrite: ['unsubscribe'],
  desabonne: ['unsubscribe'],
  spam: ['complaint'],
  signalecommespam: ['complaint'],
  sansadressemail: 'skip',
  sansadresseemail: 'skip',
  sansemail: 'skip',
};

/** A list's status from the words of its title or header (squashed). */
export function listStatusFromWords(squashed: string): ListEntry['status'] | null {
  if (/invalide|invalid/.test(squashed)) return 'invalid';
  if (/quarantaine|quarantine/.test(squashed)) return 'long_quarantine';
  if (/desinscri|desabonn|unsubscri/.test(squashed)) return 'unsubscribed';
  if (/listenoire|blacklist|blocklist|bloque/.test(squashed)) return 'blacklisted';
  return null;
}
