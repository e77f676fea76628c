/**
 * Words that decide whatever else the text says, tested before every other rule: they name our
 * side (our IP, our sender account, our TLS, our login) or say the text is ambiguous. A reply that
 * opens with "Recipient address rejected" or "mailbox unavailable" but goes on to name one of
 * these is about us, not about the address (issue 14: the worst errors pushed good addresses
 * toward quarantine this way). Patterns see lower-case text without accents.
 */
import type { Rule } from '../rule-types';

const WILD = 'test/fixtures/classify-wild/replies.jsonl';

export const SENDER_SIDE_RULES: readonly Rule[] = [
  { id: 'sender-ip-too-many-invalid-recipients', category: 'sender_blocklisted', text: /too many (?:invalid|bad|unknown|non-?existent) (?:recipients|addresses|users)|(?:mail|send)(?:ing)? to too many (?:invalid|unknown)/, example: '554 This IP has been temporarily blocked for attempting to mail too many invalid recipients. IB112', source: `${WILD} (GoDaddy IB112, from sisimai/go-sisimai rhost/for-godaddy.go)` },
  { id: 'sender-account-disabled', category: 'config', text: /sender (?:account|address) (?:is |has been )?(?:disabled|suspended|not registered|blocked|locked)|(?:mail )?sending denied/, example: '550 5.7.0, Mail Sending denied. This error occurs if the sender account is disabled or not registered within your Google Workspace domain.', source: `${WILD} (Google Workspace, sisimai/go-sisimai rhost/for-google.go)` },
  { id: 'sender-ip-blocked-italian', category: 'sender_blocklisted', text: /\bip\b.{0,40}\bbloccat[oi]\b/, example: 'Indirizzo IP bloccato temporaneamente per sospetto abuso', source: `${WILD} (Aruba, guide.pec.it common PEC errors)` },
  { id: 'sender-not-logged-in', category: 'config', text: /sender address rejected: not logged in|\bnot logged in\b/, example: 'Sender address rejected: not logged in', source: `${WILD} (Aruba, guide.pec.it common PEC errors)` },
  { id: 'sender-smtp-login', category: 'config', text: /username and password not accepted|application-specific password|log ?in (?:with|via) your web browser|too many (?:login|authentication|auth) attempts|(?:invalid|bad) credentials(?! for relay)|turn on smtp authentication/, example: '535 5.7.1 Username and Password not accepted. For more information, visit https://support.google.com/accounts/troubleshooter/2402620', source: `${WILD} (Gmail SMTP errors, sisimai/go-sisimai rhost/for-google.go)` },
  // Exchange's 552 5.2.2 names two causes at once: do not count it against the address
  { id: 'ambiguous-too-large-or-mailbox-full', category: 'message_too_large', countsAgainstAddress: false, text: /larger than the current system limit or the recipient'?s mailbox is full/, example: "552 5.2.2 This message is larger than the current system limit or the recipient's mailbox is full. Create a shorter message body or remove attachments and try sending it again.", source: `${WILD} (sendgrid/docs common SMTP responses, Exchange)` },
  // a gateway that only takes mail from (or for) the users registered with it; the quoted address
  // is sometimes our sender (sisimai files it with sender rejections), sometimes the recipient
  // (IBM VNET): whose it is the text does not say, so it is a policy and never counts
  { id: 'ambiguous-not-a-registered-gateway-user', category: 'policy', countsAgainstAddress: false, text: /\bis not a registered gateway user\b/, example: "550 'kijitora@nyaan.example.com' is not a registered gateway user", source: 'corpus sisimai_labelled.tsv row 588 (rfc3464-35.eml; sisimai Reason::Rejected lists the phrase)' },
  // NTT docomo answers "Unknown user" after DATA when the recipient's own filter refuses the sender
  { id: 'docomo-unknown-user-after-data-is-a-filter', category: 'policy', actor: 'recipient', countsAgainstAddress: false, text: /docomo\.ne\.jp\S* said: 550 unknown user .{0,160}end of data/, example: 'host mfsmax.docomo.ne.jp[203.138.181.240] said: 550 Unknown user azumakuniyuki@ntt.docomo.example.ne.jp (in reply to end of DATA command)', source: 'corpus sisimai_labelled.tsv row 37 (sisimai Rhost::NTTDOCOMO: rejected, not userunknown)' },
];
