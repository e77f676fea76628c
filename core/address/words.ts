/**
 * The verdicts in the users' words (fr, en): one sentence per message and the headline beside
 * the status badge ("Last 3 e-mails not delivered: Microsoft refused our sending IP (block list
 * S3150) since 12 Jan — the address itself is fine; …"). Templates with {placeholders}.
 *
 * The French words follow the Imprimerie nationale convention: U+00A0 (no-break space) before
 * « : » and inside « », U+202F (narrow no-break space) before « ; », « ? » and « ! »; checked by
 * test/language/french-typography.test.ts.
 */
import type { AddressAnswer, AnswerTone, Lang, MessageVerdict, MessageVerdictKind, SuppressionLayer } from '../contract';
import type { DeliveryEvent } from '../model/event';
import { formatDateTime, formatDay, formatDuration } from './dates';
import type { VerdictFacts } from './messages';
import { pluralOf, type Plural } from '../model/lang';

/** Templates split once into literal and {name} parts: a report fills thousands of them. */
const compiled = new Map<string, string[]>();

/** The template with each {name} replaced by its value; an unknown {name} stays as written. */
export function fill(template: string, values: Record<string, string | number>): string {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/); // literal, name, literal, name, …, literal
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(template, parts);
  }
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const value = Object.hasOwn(values, parts[i]) ? values[parts[i]] : undefined;
    out += (value === undefined ? `{${parts[i]}}` : String(value)) + parts[i + 1];
  }
  return out;
}

interface Words {
  category: Record<string, string>;
  /** why a message was refused because of us, as a verb phrase after the provider */
  senderRefusal: Record<string, string>;
  /** what the platform must do, short, after "the address itself is fine;" */
  senderTodo: Record<string, string>;
  layer: Record<SuppressionLayer, string>;
  verdictName: Record<MessageVerdictKind, string>;
  eventType: Record<string, string>;
  theServer: string;
  quote: string;
  blockListCode: string;
  late: string;
  afterDeferrals: string;
  afterDeferral: string;
  delivered: string;
  refusedSender: string;
  refusedAddress: string;
  suppressed: string;
  suppressedList: string;
  causeKnown: string;
  causeUnknown: string;
  causeUnknownNetwork: string;
  pendingDeferred: Plural;
  pendingRequested: string;
  expired: string;
  unknown: string;
  headNone: string;
  headDeliveredOne: string;
  headDeliveredMany: string;
  lastOne: string;
  lastMany: string;
  lastOneNotSent: string;
  lastManyNotSent: string;
  headSender: string;
  headAddress: string;
  headSuppressed: string;
  headPending: string;
  headExpired: string;
  headUnknown: string;
}

export const WORDS: Record<Lang, Words> = {
  fr: {
    category: {
      user_unknown: 'adresse inexistante',
      address_invalid: 'adresse invalide',
      mailbox_inactive: 'boîte désactivée',
      domain_invalid: 'domaine inexistant',
      mailbox_full: 'boîte pleine',
      domain_unreachable: 'domaine injoignable',
      server_unavailable: 'serveur du destinataire indisponible',
      greylisted: 'greylisting',
      rate_limited: 'limitation de débit',
      sender_blocklisted: "adresse IP d’envoi sur liste de blocage",
      spam_content: 'contenu jugé indésirable',
      policy: 'règle du serveur destinataire',
      auth_failure: 'authentification SPF/DKIM/DMARC',
      config: "configuration de l’envoi",
      relay_denied: 'relais refusé',
      message_too_large: 'message trop lourd',
      expired: 'délai de remise dépassé',
      unknown: 'raison non reconnue',
    },
    senderRefusal: {
      sender_blocklisted: "{provider} refuse notre adresse IP d’envoi{code}",
      rate_limited: '{provider} limite le débit de nos envois',
      spam_content: '{provider} refuse notre contenu comme indésirable',
      policy: '{provider} refuse nos messages par règle',
      auth_failure: "{provider} refuse nos messages : l’authentification SPF/DKIM/DMARC échoue",
      config: "{provider} refuse la configuration de notre serveur d’envoi",
      relay_denied: '{provider} refuse de relayer nos messages',
      message_too_large: '{provider} refuse nos messages trop lourds',
      other: '{provider} refuse nos messages',
    },
    senderTodo: {
      sender_blocklisted: 'la plateforme doit demander à {provider} de retirer notre IP de sa liste',
      rate_limited: "la plateforme doit ralentir ses envois vers {provider}",
      spam_content: 'la plateforme doit revoir le contenu du message',
      policy: 'la plateforme doit revoir le message selon les règles de {provider}',
      auth_failure: "la plateforme doit corriger l’alignement SPF/DKIM/DMARC",
      config: "la plateforme doit corriger la configuration de son serveur d’envoi",
      other: 'la plateforme doit voir avec {provider}',
    },
    layer: {
      rebond_policy: 'la politique de quarantaine (Rebond)',
      esp_account: "la liste du compte chez le prestataire d’envoi",
      esp_network: "la liste commune à tout le réseau du prestataire d’envoi",
      sending_app: "la liste de l’application d’envoi",
      unknown: 'une liste que les données ne nomment pas',
    },
    verdictName: {
      delivered: 'Remis',
      refused_sender_side: 'Refusé à cause de nous',
      refused_address_side: "Refusé à cause de l’adresse",
      suppressed: 'Non envoyé (bloqué)',
      pending: 'En attente',
      expired: 'Expiré',
      unknown: 'Non remis, raison inconnue',
    },
    eventType: {
      requested: 'demande d’envoi',
      delivered: 'remise',
      deferred: 'report',
      soft_bounce: 'rejet temporaire',
      hard_bounce: 'rejet permanent',
      blocked: 'bloqué',
      complaint: 'signalement comme spam',
      unsubscribe: 'désinscription',
      open: 'ouverture',
      click: 'clic',
    },
    theServer: 'le serveur destinataire',
    quote: '« {text} »',
    blockListCode: ' (liste de blocage {code})',
    late: ', {duration} après la demande',
    afterDeferrals: ', après {count} reports ({reasons})',
    afterDeferral: ', après un report ({reasons})',
    delivered: 'Remis le {date}{late}{deferrals}.',
    refusedSender: 'Non remis : {refusal}, le {date}. Le problème est de notre côté, pas de l’adresse.',
    refusedAddress: "Non remis à cause de l’adresse : {reason} ({domain}), le {date}.",
    suppressed: "Non envoyé : l’adresse est bloquée par {layer}{list}, le {date}. {cause}",
    suppressedList: ' (« {list} »)',
    causeKnown: "Cause d’origine : {type} du {date}{text}.",
    causeUnknown: "La cause d’origine n’est pas dans les données.",
    causeUnknownNetwork: "La cause d’origine n’est pas dans les données : une liste « preblocked » peut venir du rejet permanent d’un autre client du prestataire.",
    pendingDeferred: {
      one: 'Pas encore remis : {count} report ({reasons}), dernière tentative le {date}.',
      other: 'Pas encore remis : {count} reports ({reasons}), dernière tentative le {date}.',
    },
    pendingRequested: "Pas encore de résultat : envoi demandé le {date}.",
    expired: "Expiré : le serveur destinataire n’a jamais accepté le message (dernière tentative le {date}).",
    unknown: 'Non remis, raison non reconnue ({text}), le {date}.',
    headNone: 'Aucun e-mail vers cette adresse dans les données.',
    headDeliveredOne: 'Dernier e-mail remis le {date}{late}.',
    headDeliveredMany: 'Les {count} derniers e-mails ont été remis (le dernier le {date}{late}).',
    lastOne: "Le dernier e-mail n’a pas été remis",
    lastMany: "Les {count} derniers e-mails n’ont pas été remis",
    lastOneNotSent: "Le dernier e-mail n’a pas été envoyé",
    lastManyNotSent: "Les {count} derniers e-mails n’ont pas été envoyés",
    headSender: "{last} : {refusal} depuis le {since} — l’adresse elle-même est bonne ; {todo}.",
    headAddress: "{last} : {reason} chez {domain} depuis le {since} — le problème vient de l’adresse.",
    headSuppressed: "{last} : l’adresse est bloquée par {layer}{list} depuis le {since}.",
    headPending: "Le dernier e-mail n’est pas encore remis : le serveur réessaie ({reasons}) depuis le {since}.",
    headExpired: "{last} : délai de remise dépassé, le serveur destinataire ne l’a jamais accepté (depuis le {since}).",
    headUnknown: '{last} : raison non reconnue (depuis le {since}).',
  },
  en: {
    category: {
      user_unknown: 'the address does not exist',
      address_invalid: 'invalid address',
      mailbox_inactive: 'mailbox disabled',
      domain_invalid: 'the domain does not exist',
      mailbox_full: 'mailbox full',
      domain_unreachable: 'domain unreachable',
      server_unavailable: "the recipient’s server is unavailable",
      greylisted: 'greylisting',
      rate_limited: 'rate limiting',
      sender_blocklisted: 'sending IP on a block list',
      spam_content: 'content judged as spam',
      policy: "the receiving server’s policy",
      auth_failure: 'SPF/DKIM/DMARC authentication',
      config: 'sending configuration',
      relay_denied: 'relaying denied',
      message_too_large: 'message too large',
      expired: 'delivery expired',
      unknown: 'reason not recognised',
    },
    senderRefusal: {
      sender_blocklisted: '{provider} refused our sending IP{code}',
      rate_limited: '{provider} limited our sending rate',
      spam_content: '{provider} refused our content as spam',
      policy: '{provider} refused our messages by policy',
      auth_failure: '{provider} refused our messages: SPF/DKIM/DMARC authentication failed',
      config: "{provider} refused our sending server’s configuration",
      relay_denied: '{provider} refused to relay our messages',
      message_too_large: '{provider} refused our messages as too large',
      other: '{provider} refused our messages',
    },
    senderTodo: {
      sender_blocklisted: 'the platform must ask {provider} to delist it',
      rate_limited: 'the platform must slow its sending to {provider}',
      spam_content: 'the platform must review the message content',
      policy: "the platform must review the message against {provider}'s rules",
      auth_failure: 'the platform must fix SPF/DKIM/DMARC alignment',
      config: 'the platform must fix its sending configuration',
      other: 'the platform must take it up with {provider}',
    },
    layer: {
      rebond_policy: 'the quarantine policy (Rebond)',
      esp_account: "the ESP account’s list",
      esp_network: "the ESP’s network-wide list",
      sending_app: "the sending app’s list",
      unknown: 'a list the data does not name',
    },
    verdictName: {
      delivered: 'Delivered',
      refused_sender_side: 'Refused because of us',
      refused_address_side: 'Refused because of the address',
      suppressed: 'Not sent (blocked)',
      pending: 'Pending',
      expired: 'Expired',
      unknown: 'Not delivered, reason unknown',
    },
    eventType: {
      requested: 'send request',
      delivered: 'delivery',
      deferred: 'deferral',
      soft_bounce: 'soft bounce',
      hard_bounce: 'hard bounce',
      blocked: 'blocked',
      complaint: 'spam report',
      unsubscribe: 'unsubscribe',
      open: 'open',
      click: 'click',
    },
    theServer: 'the receiving server',
    quote: '“{text}”',
    blockListCode: ' (block list {code})',
    late: ', {duration} after the request',
    afterDeferrals: ', after {count} deferrals ({reasons})',
    afterDeferral: ', after one deferral ({reasons})',
    delivered: 'Delivered on {date}{late}{deferrals}.',
    refusedSender: 'Not delivered: {refusal}, on {date}. The problem is on our side, not the address.',
    refusedAddress: 'Not delivered because of the address: {reason} ({domain}), on {date}.',
    suppressed: 'Not sent: the address is held by {layer}{list}, on {date}. {cause}',
    suppressedList: ' (“{list}”)',
    causeKnown: 'Original cause: {type} on {date}{text}.',
    causeUnknown: 'The original cause is not in the data.',
    causeUnknownNetwork: 'The original cause is not in the data: a “preblocked” list can come from another customer’s hard bounce at the ESP.',
    pendingDeferred: {
      one: 'Not delivered yet: {count} deferral ({reasons}), last attempt on {date}.',
      other: 'Not delivered yet: {count} deferrals ({reasons}), last attempt on {date}.',
    },
    pendingRequested: 'No outcome yet: sending requested on {date}.',
    expired: 'Expired: the receiving server never accepted the message (last attempt on {date}).',
    unknown: 'Not delivered, reason not recognised ({text}), on {date}.',
    headNone: 'No e-mail to this address in the data.',
    headDeliveredOne: 'Last e-mail delivered on {date}{late}.',
    headDeliveredMany: 'Last {count} e-mails delivered (the latest on {date}{late}).',
    lastOne: 'Last e-mail not delivered',
    lastMany: 'Last {count} e-mails not delivered',
    lastOneNotSent: 'Last e-mail not sent',
    lastManyNotSent: 'Last {count} e-mails not sent',
    headSender: '{last}: {refusal} since {since} — the address itself is fine; {todo}.',
    headAddress: '{last}: {reason} at {domain} since {since} — the problem is the address.',
    headSuppressed: '{last}: the address is held by {layer}{list} since {since}.',
    headPending: 'Last e-mail not delivered yet: the server keeps retrying ({reasons}) since {since}.',
    headExpired: '{last}: delivery expired, the receiving server never accepted it (since {since}).',
    headUnknown: '{last}: reason not recognised (since {since}).',
  },
};

/** A server’s words on one line, at most `max` characters (the evidence keeps the whole text). */
export function oneLine(text: string | null, max = 200): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function reasonsOf(categories: readonly string[], w: Words): string {
  return categories.map((c) => w.category[c] ?? c).join(', ');
}

function senderRefusal(v: Omit<MessageVerdict, 'summary'>, w: Words): string {
  const template = w.senderRefusal[v.category ?? ''] ?? w.senderRefusal.other;
  return fill(template, { provider: v.provider ?? w.theServer, code: v.blockListCode ? fill(w.blockListCode, { code: v.blockListCode }) : '' });
}

function senderTodo(v: Omit<MessageVerdict, 'summary'>, w: Words): string {
  const template = w.senderTodo[v.category ?? ''] ?? w.senderTodo.other;
  return fill(template, { provider: v.provider ?? w.theServer });
}

/** One sentence for one message, in the reader’s language and zone. */
export function summarize(facts: VerdictFacts, events: readonly DeliveryEvent[], lang: Lang, timeZone: string): string {
  const w = WORDS[lang];
  const v = facts.message;
  const date = formatDateTime(v.outcomeTime, lang, timeZone);
  const deciding = events[facts.decidingIndex];
  switch (v.verdict) {
    case 'delivered':
      return fill(w.delivered, {
        date,
        late: v.lateBySeconds !== null && v.lateBySeconds >= 60 ? fill(w.late, { duration: formatDuration(v.lateBySeconds, lang) }) : '',
        deferrals: v.deferrals ? fill(v.deferrals === 1 ? w.afterDeferral : w.afterDeferrals, { count: v.deferrals, reasons: reasonsOf(v.deferredBecause, w) }) : '',
      });
    case 'refused_sender_side':
      return fill(w.refusedSender, { refusal: senderRefusal(v, w), date });
    case 'refused_address_side':
      return fill(w.refusedAddress, { reason: w.category[v.category ?? 'unknown'] ?? v.category ?? '', domain: deciding.domain, date });
    case 'suppressed': {
      const s = v.suppression!;
      const cause = s.cause
        ? fill(w.causeKnown, {
            type: w.eventType[s.cause.type] ?? s.cause.type,
            date: formatDay(s.cause.time, lang, timeZone),
            text: s.cause.diagnostic ? ' ' + fill(w.quote, { text: oneLine(s.cause.diagnostic, 120) }) : '',
          })
        : s.layer === 'esp_network'
          ? w.causeUnknownNetwork
          : w.causeUnknown;
      return fill(w.suppressed, { layer: w.layer[s.layer], list: s.listName ? fill(w.suppressedList, { list: s.listName }) : '', date, cause });
    }
    case 'pending':
      return v.deferrals
        ? fill(pluralOf(lang, v.deferrals, w.pendingDeferred), { count: v.deferrals, reasons: reasonsOf(v.deferredBecause, w), date })
        : fill(w.pendingRequested, { date: formatDateTime(v.firstTime, lang, timeZone) });
    case 'expired':
      return fill(w.expired, { date });
    case 'unknown':
      return fill(w.unknown, { text: oneLine(deciding.diagnostic, 120) || (w.category.unknown ?? ''), date });
  }
}

const TONE: Record<MessageVerdictKind, AnswerTone> = {
  delivered: 'delivered',
  refused_sender_side: 'sender_problem',
  refused_address_side: 'address_problem',
  suppressed: 'suppressed',
  pending: 'pending',
  expired: 'unknown',
  unknown: 'unknown',
};

/** The answer beside the status badge, from the latest messages that share the latest one’s fate. */
export function answerOf(messages: readonly MessageVerdict[], lang: Lang, timeZone: string, domain?: string): AddressAnswer {
  const w = WORDS[lang];
  if (messages.length === 0) return { tone: 'none', headline: w.headNone, latestRun: 0 };
  const latest = messages[messages.length - 1];
  let run = 1;
  // sender-side refusals of any kind run together: the address is fine in all of them
  while (run < messages.length && messages[messages.length - 1 - run].verdict === latest.verdict) run++;
  const oldestOfRun = messages[messages.length - run];
  const since = formatDay(oldestOfRun.outcomeTime, lang, timeZone);
  const notSent = latest.verdict === 'suppressed';
  const last = run === 1 ? (notSent ? w.lastOneNotSent : w.lastOne) : fill(notSent ? w.lastManyNotSent : w.lastMany, { count: run });
  let headline: string;
  switch (latest.verdict) {
    case 'delivered': {
      const late = latest.lateBySeconds !== null && latest.lateBySeconds >= 60 ? fill(w.late, { duration: formatDuration(latest.lateBySeconds, lang) }) : '';
      const date = formatDateTime(latest.outcomeTime, lang, timeZone);
      headline = run === 1 ? fill(w.headDeliveredOne, { date, late }) : fill(w.headDeliveredMany, { count: run, date, late });
      break;
    }
    case 'refused_sender_side':
      headline = fill(w.headSender, { last, refusal: senderRefusal(latest, w), since, todo: senderTodo(latest, w) });
      break;
    case 'refused_address_side': {
      headline = fill(w.headAddress, { last, reason: w.category[latest.category ?? 'unknown'] ?? latest.category ?? '', domain: latest.provider ?? domain ?? w.theServer, since });
      break;
    }
    case 'suppressed': {
      const s = latest.suppression!;
      headline = fill(w.headSuppressed, { last, layer: w.layer[s.layer], list: s.listName ? fill(w.suppressedList, { list: s.listName }) : '', since });
      break;
    }
    case 'pending':
      headline = fill(w.headPending, { reasons: reasonsOf(latest.deferredBecause, w) || '…', since: formatDay(latest.firstTime, lang, timeZone) });
      break;
    case 'expired':
      headline = fill(w.headExpired, { last, since });
      break;
    default:
      headline = fill(w.headUnknown, { last, since });
  }
  return { tone: TONE[latest.verdict], headline, latestRun: run };
}
