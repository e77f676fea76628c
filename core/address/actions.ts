/**
 * What to do, chosen per verdict, category and status from a table (SPEC §8, issue 16 item 3).
 * Support engineers extend it by adding a row: `when` says which facts it needs (every field
 * given must hold), `text` says it in French and English with {placeholders}. Rows are tried in
 * order; each row gives at most one action. The caveats come last: what the data cannot show.
 */
import type { AddressStatus } from '../model/status';
import type { Lang, MessageVerdict, MessageVerdictKind, SuggestedAction, SuppressionLayer } from '../contract';
import { formatDay } from './dates';
import { fill } from './words';

export interface ActionFacts {
  address: string;
  domain: string;
  status: AddressStatus;
  until: string | null;
  unsubscribed: boolean;
  typoSuggestion: string | null;
  disposable: boolean;
  messages: readonly MessageVerdict[];
}

export interface ActionRow {
  id: string;
  when: {
    /** the address’s current status */
    status?: readonly AddressStatus[];
    /** the latest message’s verdict */
    latest?: readonly MessageVerdictKind[];
    /** the latest message’s category (the refusal’s, or the block’s) */
    latestCategory?: readonly string[];
    /** the latest message was held by one of these lists */
    latestLayer?: readonly SuppressionLayer[];
    /** some message was deferred for one of these reasons */
    deferredBecause?: readonly string[];
    /** some message has one of these verdicts */
    anyVerdict?: readonly MessageVerdictKind[];
    typo?: true;
    unsubscribed?: true;
  };
  text: Record<Lang, string>;
  /** used instead of `text` when the server’s text gives a page to read */
  textWithUrl?: Record<Lang, string>;
}

const PERMANENT = ['user_unknown', 'address_invalid', 'mailbox_inactive', 'domain_invalid'];

export const ACTIONS: readonly ActionRow[] = [
  {
    id: 'fix_typo',
    when: { typo: true },
    text: {
      fr: "Corriger l’adresse : c’est probablement une faute de frappe, {suggestion} au lieu de {address}.",
      en: 'Fix the typo: the address is probably {suggestion}, not {address}.',
    },
  },
  {
    id: 'contact_provider',
    when: { latest: ['refused_sender_side'], latestCategory: ['sender_blocklisted'] },
    text: {
      fr: "Demander à la plateforme de contacter {provider} pour faire retirer son adresse IP d’envoi de la liste de blocage{code}. L’adresse n’est pas en cause : ne pas la mettre en quarantaine.",
      en: "Ask the platform to contact {provider} to have its sending IP removed from the block list{code}. The address is not at fault: do not quarantine it.",
    },
    textWithUrl: {
      fr: "Demander à la plateforme de contacter {provider} pour faire retirer son adresse IP d’envoi de la liste de blocage{code}, via la page indiquée par le serveur : {url}. L’adresse n’est pas en cause : ne pas la mettre en quarantaine.",
      en: 'Ask the platform to contact {provider} to have its sending IP removed from the block list{code}, through the page the server gives: {url}. The address is not at fault: do not quarantine it.',
    },
  },
  {
    id: 'fix_authentication',
    when: { latest: ['refused_sender_side'], latestCategory: ['auth_failure'] },
    text: {
      fr: "Faire corriger par la plateforme l’authentification du domaine d’envoi : alignement SPF/DKIM/DMARC.",
      en: "Have the platform fix the sending domain’s authentication: SPF/DKIM/DMARC alignment.",
    },
  },
  {
    id: 'slow_down',
    when: { latest: ['refused_sender_side'], latestCategory: ['rate_limited'] },
    text: {
      fr: "{provider} limite notre débit : la plateforme doit ralentir ses envois vers ce fournisseur ; l’adresse n’est pas en cause.",
      en: '{provider} is limiting our rate: the platform must slow its sending to this provider; the address is not at fault.',
    },
  },
  {
    id: 'review_content',
    when: { latest: ['refused_sender_side'], latestCategory: ['spam_content', 'policy', 'message_too_large'] },
    text: {
      fr: 'Faire revoir le message par la plateforme (contenu, liens, pièces jointes, taille) : {provider} le refuse tel quel.',
      en: 'Have the platform review the message (content, links, attachments, size): {provider} refuses it as it is.',
    },
  },
  {
    id: 'fix_configuration',
    when: { latest: ['refused_sender_side'], latestCategory: ['config', 'relay_denied'] },
    text: {
      fr: "Faire corriger par la plateforme la configuration de son serveur d’envoi (TLS, connexions, relais).",
      en: "Have the platform fix its sending server’s configuration (TLS, connections, relaying).",
    },
  },
  {
    id: 'free_space',
    when: { latest: ['refused_address_side'], latestCategory: ['mailbox_full'] },
    text: {
      fr: "Demander au membre de libérer de l’espace dans sa boîte aux lettres : elle est pleine.",
      en: 'Ask the member to free space in their mailbox: it is full.',
    },
  },
  {
    id: 'check_unsubscribed_first',
    when: { latest: ['refused_address_side'], latestCategory: PERMANENT },
    text: {
      fr: "Vérifier d’abord si le membre est dans la liste des désinscrits, puis vérifier l’adresse avec lui : le serveur la dit {reason}.",
      en: 'Check the unsubscribed list first, then check the address with the member: the server says it {reason}.',
    },
  },
  {
    id: 'wait_soft_quarantine',
    when: { status: ['soft_quarantine'] },
    text: {
      fr: "Attendre le {until} : la quarantaine temporaire se lève d’elle-même, les envois reprendront ensuite.",
      en: 'Wait until {until}: the temporary quarantine ends by itself, and sending resumes then.',
    },
  },
  {
    id: 'release_long_quarantine',
    when: { status: ['long_quarantine'] },
    text: {
      fr: "Si la personne confirme que son adresse est bonne, la sortir de quarantaine longue durée avec une note (peu d’adresses à la fois : au pire elle rejettera de nouveau et y retournera).",
      en: 'If the person confirms the address is right, release it from long quarantine with a note (a few at a time: at worst it bounces again and goes back).',
    },
  },
  {
    id: 'written_request_blacklist',
    when: { status: ['blacklisted'] },
    text: {
      fr: "Ne sortir l’adresse de la liste noire que sur demande écrite de la personne (risque légal) : demandez-la-lui et citez-la dans le motif.",
      en: "Take the address off the blacklist only on the person’s written request (legal risk): ask for it and quote it in the reason.",
    },
  },
  {
    id: 'lasting_address',
    when: { status: ['filtered'] },
    text: {
      fr: "Demander à la personne une adresse durable : {domain} est un domaine d’adresses jetables.",
      en: 'Ask the person for a lasting address: {domain} is a disposable-address domain.',
    },
  },
  {
    id: 'unsubscribed',
    when: { unsubscribed: true },
    text: {
      fr: "La personne s’est désinscrite : ne pas la réinscrire sans son accord écrit.",
      en: 'The person unsubscribed: do not resubscribe them without their written consent.',
    },
  },
  {
    id: 'esp_network_list',
    when: { latest: ['suppressed'], latestLayer: ['esp_network'] },
    text: {
      fr: "Demander au support du prestataire d’envoi de retirer l’adresse de sa liste commune{list} ; elle peut venir d’un autre de ses clients.",
      en: "Ask the ESP’s support to remove the address from its network-wide list{list}; it may come from another of its customers.",
    },
  },
  {
    id: 'esp_account_list',
    when: { latest: ['suppressed'], latestLayer: ['esp_account'] },
    text: {
      fr: "L’adresse est dans la liste du compte chez le prestataire d’envoi{list} : la retirer là aussi une fois la cause levée.",
      en: "The address is on the ESP account’s list{list}: remove it there too once the cause is cleared.",
    },
  },
  {
    id: 'greylisting_nothing',
    when: { deferredBecause: ['greylisted'] },
    text: {
      fr: "Rien à faire pour les reports : c’est du greylisting, qui se résout de lui-même à la tentative suivante.",
      en: 'Nothing to do about the deferrals: it is greylisting, which resolves itself at the next attempt.',
    },
  },
  {
    id: 'wait_retry',
    when: { latest: ['pending'] },
    text: {
      fr: "Attendre : le serveur d’envoi réessaie ; le message expirera s’il n’est pas accepté d’ici quelques jours.",
      en: 'Wait: the sending server keeps retrying; the message expires if it is not accepted within a few days.',
    },
  },
  {
    id: 'look_in_spam',
    when: { latest: ['delivered'], status: ['ok', 'unknown'] },
    text: {
      fr: "Demander à la personne de regarder dans ses indésirables (spams) et d’ajouter l’expéditeur à ses contacts.",
      en: 'Ask the person to look in their spam folder and add the sender to their contacts.',
    },
  },
];

export const CAVEATS: readonly ActionRow[] = [
  {
    id: 'accepted_not_inbox',
    when: { anyVerdict: ['delivered'] },
    text: {
      fr: "Un code 250 veut dire que le serveur destinataire a accepté le message, pas qu’il est arrivé en boîte de réception.",
      en: 'A 250 means the receiving server accepted the message, not that it reached the inbox.',
    },
  },
  {
    id: 'spam_folder_invisible',
    when: { anyVerdict: ['delivered'] },
    text: {
      fr: 'Une remise dans le dossier indésirables (spams) ne se voit pas dans les données.',
      en: 'A delivery to the spam folder does not show in the data.',
    },
  },
];

const hit = <T>(allowed: readonly T[] | undefined, value: T | null | undefined) => allowed === undefined || (value !== null && value !== undefined && allowed.includes(value));

function applies(row: ActionRow, f: ActionFacts): boolean {
  const latest = f.messages[f.messages.length - 1];
  const w = row.when;
  if (!hit(w.status, f.status)) return false;
  if (!hit(w.latest, latest?.verdict)) return false;
  if (!hit(w.latestCategory, latest?.category)) return false;
  if (!hit(w.latestLayer, latest?.suppression?.layer)) return false;
  if (w.deferredBecause && !f.messages.some((m) => m.deferredBecause.some((c) => w.deferredBecause!.includes(c)))) return false;
  if (w.anyVerdict && !f.messages.some((m) => w.anyVerdict!.includes(m.verdict))) return false;
  if (w.typo && !f.typoSuggestion) return false;
  if (w.unsubscribed && !f.unsubscribed) return false;
  return true;
}

const CATEGORY_WORDS: Record<Lang, Record<string, string>> = {
  fr: { user_unknown: 'inexistante', address_invalid: 'invalide', mailbox_inactive: 'désactivée', domain_invalid: 'sur un domaine inexistant' },
  en: { user_unknown: 'does not exist', address_invalid: 'is invalid', mailbox_inactive: 'is disabled', domain_invalid: 'is on a domain that does not exist' },
};

function choose(rows: readonly ActionRow[], f: ActionFacts, lang: Lang, timeZone: string): SuggestedAction[] {
  const latest = f.messages[f.messages.length - 1];
  const theServer = lang === 'fr' ? 'le fournisseur destinataire' : 'the receiving provider';
  const values: Record<string, string> = {
    address: f.address,
    domain: f.domain,
    suggestion: f.typoSuggestion ?? '',
    until: f.until ? formatDay(f.until, lang, timeZone) : '…',
    provider: latest?.provider ?? theServer,
    code: latest?.blockListCode ? ` ${latest.blockListCode}` : '',
    url: latest?.helpUrl ?? '',
    list: latest?.suppression?.listName ? (lang === 'fr' ? ` « ${latest.suppression.listName} »` : ` “${latest.suppression.listName}”`) : '',
    reason: CATEGORY_WORDS[lang][latest?.category ?? ''] ?? latest?.category ?? '',
  };
  const out: SuggestedAction[] = [];
  for (const row of rows) {
    if (!applies(row, f)) continue;
    const template = row.textWithUrl && latest?.helpUrl ? row.textWithUrl[lang] : row.text[lang];
    out.push({ id: row.id, text: fill(template, values) });
  }
  return out;
}

/** What to do for this address, in the table’s order. */
export function adviseActions(facts: ActionFacts, lang: Lang, timeZone: string): SuggestedAction[] {
  return choose(ACTIONS, facts, lang, timeZone);
}

/** What the data cannot show, for the addresses it concerns. */
export function caveatsFor(facts: ActionFacts, lang: Lang, timeZone: string): SuggestedAction[] {
  return choose(CAVEATS, facts, lang, timeZone);
}
