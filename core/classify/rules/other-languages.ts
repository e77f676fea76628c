/**
 * Recipient-side wording in the other languages our users' members' providers answer in
 * (Spanish, Portuguese, German, Polish, Italian; French is in ./french-isps). Each line's example is a
 * real reply. Patterns see lower-case text without accents (`usuario invalido`, not `usuário`).
 */
import type { Rule } from '../rule-types';

const WILD = 'test/fixtures/classify-wild/replies.jsonl';

export const OTHER_LANGUAGE_RULES: readonly Rule[] = [
  { id: 'es-pt-de-pl-user-unknown', category: 'user_unknown', text: /(?:destinatario|usuario) (?:desconocido|inexistente|invalido(?: ou inexistente)?|no existe)|no existe (?:ese|dicho|el) (?:usuario|buzon|destinatario)|empf(?:ae|a)nger unbekannt|benutzer unbekannt|odbiorca .{0,80}nie istnieje/, example: '554 Usuário Inválido ou Inexistente. Sorry, no mailbox here by that name. (#5.2.1)', source: `${WILD} (ig.com.br, cfortune/PHP-Bounce-Handler eml/6.eml)` },
  { id: 'es-pt-de-mailbox-full', category: 'mailbox_full', text: /espacio en (?:la )?casilla|casilla (?:de (?:correo|mail) )?(?:llena|agotada)|buzon (?:lleno|completo)|mailbox lleno|caixa (?:postal )?(?:cheia|lotada)|postfach (?:ist )?voll|zu ?viele mails auf dem server/, example: '<andres_ferrero@ciudad.com.ar>: Mailbox quota usage exceeded. Espacio en casilla de mail agotado.', source: `${WILD} (ciudad.com.ar, cfortune/PHP-Bounce-Handler)` },
  // Italian providers mostly answer in English (Libero, Virgilio); these are the Italian ones seen in real bounces
  // Aruba PEC: "unknown OR not accepting uncertified mail" — usually the certified box refusing ordinary mail
  { id: 'it-pec-refuses-uncertified-mail-ambiguous', category: 'policy', actor: 'recipient', countsAgainstAddress: false, text: /non abilitat[oa] alla ricezione|posta non certificata/, example: '554 <indirizzoemail>: Messaggio rifiutato dal sistema. Indirizzo destinatario sconosciuto o non abilitato alla ricezione di posta non certificata', source: `${WILD} (guide.pec.it, common PEC errors)` },
  { id: 'it-user-unknown', category: 'user_unknown', text: /(?:destinatario|destin\.|utente|indirizzo) (?:sconosciut[oa]|inesistente|non esiste(?:nte)?|errat[oa])|nessun utente|non sono riuscito a trovare l'indirizzo/, example: 'Destinatario sconosciuto o mailbox disatttivata', source: `${WILD} (cfortune/PHP-Bounce-Handler bounce_responses.php, phrases from Italian bounces)` },
  { id: 'pl-account-unavailable', category: 'mailbox_inactive', text: /konto niedostepne|konto (?:zablokowane|wylaczone)/, example: '550 5.2.1 Mailbox not available / Konto niedostepne', source: `${WILD} (Polish provider, rjbs/Mail-DeliveryStatus-BounceParser t/corpus/polish-unknown.msg)` },
];
