/**
 * Plain words for each category, in French (default) and English, for support agents: what
 * happened, why, what to do. Data, not code; the voice of the seeds (quarantaine temporaire,
 * boîte pleine, liste noire, greylisting…).
 */
import type { Category } from '../model/category';

export type Lang = 'fr' | 'en';

export interface Explanation {
  title: string;
  why: string;
  whatToDo: string;
}

export const EXPLANATIONS: Readonly<Record<Category, Readonly<Record<Lang, Explanation>>>> = {
  user_unknown: {
    fr: {
      title: 'Adresse inexistante',
      why: "Le serveur du destinataire dit que cette boîte mail n'existe pas (ou plus). C'est un rejet permanent (hard bounce) : l'adresse passe en quarantaine longue durée.",
      whatToDo: "Vérifiez l'orthographe de l'adresse avec la personne (coquille, ancienne adresse professionnelle…) et demandez-lui une adresse valide. Inutile de renvoyer tel quel.",
    },
    en: {
      title: 'Address does not exist',
      why: "The recipient's server says this mailbox does not exist (or no longer exists). It is a permanent failure (hard bounce): the address goes into long-term quarantine.",
      whatToDo: 'Check the spelling with the person (typo, old work address…) and ask for a valid address. Resending as is will not help.',
    },
  },
  address_invalid: {
    fr: {
      title: 'Adresse mal écrite',
      why: "L'adresse n'est pas une adresse e-mail valide (caractère interdit, domaine mal orthographié, espace…). Aucun serveur ne pourra la livrer.",
      whatToDo: "Corrigez l'adresse dans la fiche de la personne (par exemple jean@gmial.com → jean@gmail.com), puis renvoyez.",
    },
    en: {
      title: 'Badly written address',
      why: 'The address is not a valid e-mail address (forbidden character, misspelt domain, space…). No server can deliver it.',
      whatToDo: "Fix the address in the person's record (e.g. jean@gmial.com → jean@gmail.com), then resend.",
    },
  },
  mailbox_inactive: {
    fr: {
      title: 'Boîte mail désactivée',
      why: "La boîte existe mais a été désactivée, suspendue ou archivée par son fournisseur (souvent faute d'utilisation). Le courrier n'y est plus distribué.",
      whatToDo: "Demandez à la personne de réactiver sa boîte auprès de son fournisseur, ou de vous donner une autre adresse.",
    },
    en: {
      title: 'Mailbox disabled',
      why: 'The mailbox exists but was disabled, suspended or archived by its provider (often for lack of use). Mail is no longer delivered to it.',
      whatToDo: 'Ask the person to reactivate the mailbox with their provider, or to give you another address.',
    },
  },
  domain_invalid: {
    fr: {
      title: 'Domaine inexistant',
      why: "Le nom de domaine après le @ n'existe pas ou ne reçoit pas de courrier (par exemple gmmmail.com au lieu de gmail.com).",
      whatToDo: "Vérifiez l'orthographe du domaine avec la personne et corrigez l'adresse. Renvoyer tel quel ne sert à rien.",
    },
    en: {
      title: 'Domain does not exist',
      why: 'The domain after the @ does not exist or does not accept mail (e.g. gmmmail.com instead of gmail.com).',
      whatToDo: 'Check the spelling of the domain with the person and fix the address. Resending as is will not help.',
    },
  },
  mailbox_full: {
    fr: {
      title: 'Boîte pleine',
      why: "La boîte du destinataire a atteint sa taille maximale. C'est un rejet temporaire (soft bounce) : l'adresse passe en quarantaine temporaire, puis longue durée si la boîte reste pleine pendant des mois.",
      whatToDo: 'Prévenez la personne par un autre moyen (téléphone, SMS) pour qu’elle fasse de la place ; le prochain envoi passera ensuite.',
    },
    en: {
      title: 'Mailbox full',
      why: "The recipient's mailbox has reached its size limit. It is a temporary failure (soft bounce): the address goes into temporary quarantine, then long-term if the box stays full for months.",
      whatToDo: 'Tell the person another way (phone, text message) so they free some space; the next send will then go through.',
    },
  },
  domain_unreachable: {
    fr: {
      title: 'Domaine injoignable',
      why: "Le domaine du destinataire ne répond pas correctement (panne DNS, domaine abandonné dont les serveurs de courrier sont encore publiés). Ce n'est pas la faute de l'adresse.",
      whatToDo: "Si cela dure plus de quelques jours, demandez à la personne si son organisation a changé de domaine (par exemple de .org à .com).",
    },
    en: {
      title: 'Domain unreachable',
      why: "The recipient's domain does not answer properly (DNS failure, abandoned domain whose mail servers are still published). It is not the address's fault.",
      whatToDo: 'If it lasts more than a few days, ask the person whether their organisation changed domain (e.g. from .org to .com).',
    },
  },
  server_unavailable: {
    fr: {
      title: 'Serveur du destinataire indisponible',
      why: 'Le serveur de courrier du destinataire était hors ligne, saturé ou en panne au moment de l’envoi. C’est temporaire.',
      whatToDo: 'Rien à faire dans l’immédiat : les nouveaux essais passent en général. Si cela dure, prévenez la personne que son fournisseur a un problème.',
    },
    en: {
      title: "Recipient's server unavailable",
      why: "The recipient's mail server was offline, overloaded or failing when we sent. It is temporary.",
      whatToDo: 'Nothing to do right now: retries usually succeed. If it lasts, tell the person their provider has a problem.',
    },
  },
  greylisted: {
    fr: {
      title: 'Greylisting (liste grise)',
      why: 'Le serveur du destinataire refuse volontairement le premier essai d’un expéditeur qu’il ne connaît pas et accepte le suivant. Fréquent chez orange.fr, free.fr, sfr.fr, laposte.net.',
      whatToDo: 'Greylisting : rien à faire, le nouvel essai passe. Le message arrive simplement avec quelques minutes de retard.',
    },
    en: {
      title: 'Greylisting',
      why: "The recipient's server deliberately refuses the first attempt from a sender it does not know and accepts the next one. Common at orange.fr, free.fr, sfr.fr, laposte.net.",
      whatToDo: 'Greylisting: nothing to do, the retry goes through. The message simply arrives a few minutes late.',
    },
  },
  rate_limited: {
    fr: {
      title: 'Envois ralentis par le destinataire',
      why: "Le fournisseur du destinataire limite temporairement le nombre de messages qu'il accepte de notre part (trop d'envois d'un coup, plaintes, réputation en baisse). Ce n'est pas la faute de l'adresse.",
      whatToDo: 'Les nouveaux essais passent en général. Si cela se répète, étalez les envois et vérifiez le taux de plaintes (à garder sous 0,1 %).',
    },
    en: {
      title: 'Sending slowed down by the recipient',
      why: "The recipient's provider temporarily limits how many messages it accepts from us (too many at once, complaints, falling reputation). It is not the address's fault.",
      whatToDo: 'Retries usually go through. If it repeats, spread the sends over time and check the complaint rate (keep it under 0.1 %).',
    },
  },
  sender_blocklisted: {
    fr: {
      title: 'Expéditeur sur liste noire',
      why: "Notre serveur d'envoi (son adresse IP) ou notre domaine est sur une liste noire (Spamhaus, Barracuda…) ou bloqué par le fournisseur du destinataire. C'est la réputation de l'expéditeur qui est en cause, pas l'adresse : elle ne doit pas être mise en quarantaine.",
      whatToDo: "Transmettez à l'équipe technique ou au prestataire d'envoi (Mailjet…) : il faut demander le retrait de la liste noire indiquée dans le message. L'adresse du destinataire est bonne.",
    },
    en: {
      title: 'Sender on a blocklist',
      why: "Our sending server (its IP address) or our domain is on a blocklist (Spamhaus, Barracuda…) or blocked by the recipient's provider. The sender's reputation is at stake, not the address: it must not be quarantined.",
      whatToDo: 'Pass it on to the technical team or the sending provider (Mailjet…): removal from the blocklist named in the message must be requested. The recipient address is fine.',
    },
  },
  spam_content: {
    fr: {
      title: 'Message jugé comme spam',
      why: "Le fournisseur du destinataire a jugé ce message comme du spam (contenu, liens, réputation). Un rejet de type spam n'entraîne jamais de quarantaine : c'est la réputation de l'expéditeur qui est en cause, pas la qualité de l'adresse.",
      whatToDo: "Revoyez le contenu (liens, pièces jointes, mots trop commerciaux, image seule) et évitez d'écrire aux personnes qui n'ouvrent jamais. L'adresse est bonne.",
    },
    en: {
      title: 'Message judged as spam',
      why: "The recipient's provider judged this message as spam (content, links, reputation). A spam-type bounce never quarantines the address: the sender's reputation is at stake, not the address.",
      whatToDo: 'Review the content (links, attachments, overly commercial wording, image-only mail) and stop mailing people who never open. The address is fine.',
    },
  },
  policy: {
    fr: {
      title: 'Refusé par une règle du destinataire',
      why: "Le serveur du destinataire applique une règle locale qui refuse ce message (par exemple laposte.net refuse les liens http non sécurisés, une pièce jointe interdite, un groupe réservé à ses membres).",
      whatToDo: "Lisez le texte du serveur pour connaître la règle, adaptez le message (liens en https, pas de pièce jointe exécutable…) puis renvoyez. L'adresse n'est pas en cause.",
    },
    en: {
      title: "Refused by a recipient's rule",
      why: "The recipient's server applies a local rule that refuses this message (e.g. laposte.net refuses non-secure http links, a forbidden attachment, a members-only group).",
      whatToDo: "Read the server's text to learn the rule, adapt the message (https links, no executable attachment…) and resend. The address is not at fault.",
    },
  },
  auth_failure: {
    fr: {
      title: "Échec d'authentification (SPF, DKIM, DMARC)",
      why: "Le fournisseur du destinataire n'a pas pu vérifier que le message vient bien de notre domaine : SPF, DKIM ou DMARC manquant ou mal aligné. Gmail et Yahoo l'exigent désormais.",
      whatToDo: "Transmettez à la personne qui gère le nom de domaine de l'expéditeur : il faut corriger les enregistrements SPF, DKIM et DMARC. L'adresse du destinataire est bonne.",
    },
    en: {
      title: 'Authentication failure (SPF, DKIM, DMARC)',
      why: "The recipient's provider could not verify that the message really comes from our domain: SPF, DKIM or DMARC missing or misaligned. Gmail and Yahoo now require them.",
      whatToDo: "Pass it on to whoever manages the sender's domain: the SPF, DKIM and DMARC records must be fixed. The recipient address is fine.",
    },
  },
  config: {
    fr: {
      title: "Problème de configuration de l'envoi",
      why: "Notre configuration d'envoi ne convient pas au serveur du destinataire : DNS inverse (PTR) absent, TLS, trop de connexions ou de messages par connexion, trop de destinataires dans un même message.",
      whatToDo: "Transmettez à l'équipe technique ou au prestataire d'envoi avec le texte du serveur ; une simple modification de configuration suffit en général.",
    },
    en: {
      title: 'Sending configuration problem',
      why: "Our sending setup does not suit the recipient's server: missing reverse DNS (PTR), TLS, too many connections or messages per connection, too many recipients in one message.",
      whatToDo: "Pass it on to the technical team or the sending provider with the server's text; a configuration change usually fixes it.",
    },
  },
  relay_denied: {
    fr: {
      title: 'Relais refusé',
      why: "Le serveur contacté refuse de faire suivre le message : il ne se considère pas responsable de ce domaine, ou l'expéditeur n'est pas autorisé à passer par lui.",
      whatToDo: "Transmettez à l'équipe technique : le serveur d'envoi ou les enregistrements MX du domaine sont à vérifier. Si le domaine du destinataire a changé, demandez la nouvelle adresse.",
    },
    en: {
      title: 'Relaying denied',
      why: 'The server contacted refuses to pass the message on: it does not consider itself responsible for this domain, or the sender is not allowed to use it.',
      whatToDo: "Pass it on to the technical team: the sending server or the domain's MX records need checking. If the recipient's domain changed, ask for the new address.",
    },
  },
  message_too_large: {
    fr: {
      title: 'Message trop lourd',
      why: 'Le message (avec ses pièces jointes) dépasse la taille maximale acceptée par le serveur du destinataire.',
      whatToDo: 'Allégez le message : remplacez les pièces jointes par un lien de téléchargement, compressez les images, puis renvoyez.',
    },
    en: {
      title: 'Message too large',
      why: "The message (with its attachments) is larger than the recipient's server accepts.",
      whatToDo: 'Make it lighter: replace attachments with a download link, compress images, then resend.',
    },
  },
  expired: {
    fr: {
      title: 'Abandonné après plusieurs essais',
      why: "Le serveur d'envoi a réessayé pendant des heures ou des jours sans réussir à livrer, puis a abandonné. La cause est souvent un serveur destinataire injoignable.",
      whatToDo: "Regardez les essais précédents (reports) pour connaître la cause. Si l'adresse est importante, renvoyez plus tard ou contactez la personne autrement.",
    },
    en: {
      title: 'Given up after several attempts',
      why: 'The sending server retried for hours or days without delivering, then gave up. The cause is often an unreachable recipient server.',
      whatToDo: 'Look at the earlier attempts (deferrals) for the cause. If the address matters, resend later or reach the person another way.',
    },
  },
  unknown: {
    fr: {
      title: 'Raison inconnue',
      why: "Aucune règle de Rebond ne reconnaît ce texte, ou le serveur du destinataire n'a pas donné de raison.",
      whatToDo: "Lisez le texte brut du serveur ; s'il revient souvent, signalez-le pour qu'une règle soit ajoutée. En cas de doute, contactez le support de votre outil d'envoi avec la campagne et l'adresse concernées.",
    },
    en: {
      title: 'Unknown reason',
      why: "No Rebond rule recognises this text, or the recipient's server gave no reason.",
      whatToDo: 'Read the raw server text; if it comes back often, report it so a rule can be added. When in doubt, contact your sending tool’s support with the campaign and the address.',
    },
  },
};

/** Title, why and what to do for a category, in French (default) or English. */
export function explainCategory(category: Category, lang: Lang = 'fr'): Explanation {
  return EXPLANATIONS[category][lang];
}
