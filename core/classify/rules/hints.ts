/**
 * The sources' own verdicts (`ClassifyInput.hint`, `source:value`). They come after the text
 * rules: when the server's words say more than the hint, the words win. Values as documented in
 * Mailjet's, PowerMTA's and AssoConnect's own documentation (Mailjet error_related_to/error and StateID, PowerMTA bounceCat,
 * AssoConnect statuses, Postfix/Exim status). A hint rule's `example` is the hint value itself.
 */
import type { Category, Actor, Severity } from '../../model/category';
import type { Rule } from '../rule-types';

const MJ = 'FORMATS.md: Mailjet error_related_to / error';
const MJ_STATE = 'FORMATS.md: Mailjet Message API StateID';
const PMTA = 'FORMATS.md: PowerMTA bounceCat';

type HintRow = [value: string, category: Category, actor?: Actor, severity?: Severity];

/** Mailjet `error_related_to/error`, with its StateID number (1..21). */
const MAILJET: readonly (readonly [state: number, related: string, error: string, category: Category, actor?: Actor])[] = [
  [1, 'recipient', 'user unknown', 'user_unknown'],
  [2, 'recipient', 'mailbox inactive', 'mailbox_inactive'],
  [3, 'recipient', 'quota exceeded', 'mailbox_full'],
  [4, 'domain', 'invalid domain', 'domain_invalid'],
  [5, 'domain', 'no mail host', 'domain_invalid'],
  [6, 'domain', 'relay/access denied', 'relay_denied'],
  [7, 'spam', 'sender blocked', 'sender_blocklisted'],
  [8, 'spam', 'content blocked', 'spam_content'],
  [9, 'spam', 'policy issue', 'policy'],
  [10, 'system', 'system issue', 'server_unavailable'],
  [11, 'system', 'protocol issue', 'server_unavailable'],
  [12, 'system', 'connection issue', 'server_unavailable'],
  [13, 'domain', 'greylisted', 'greylisted'],
  [14, 'mailjet', 'preblocked', 'policy', 'platform'],
  [15, 'mailjet', 'duplicate in campaign', 'policy', 'platform'],
  [16, 'mailjet', 'spam preblocked', 'spam_content', 'platform'],
  [17, 'content', 'bad or empty template', 'config'],
  [18, 'content', 'error in template language', 'config'],
  [19, 'domain', 'typofix', 'address_invalid'],
  [20, 'recipient', 'blacklisted', 'policy', 'platform'],
  [21, 'recipient', 'spam reporter', 'policy', 'recipient'],
];

const PMTA_CATS: readonly HintRow[] = [
  ['bad-mailbox', 'user_unknown'],
  ['bad-domain', 'domain_invalid'],
  ['inactive-mailbox', 'mailbox_inactive'],
  ['quota-issues', 'mailbox_full'],
  ['no-answer-from-host', 'server_unavailable'],
  ['bad-connection', 'server_unavailable'],
  ['routing-errors', 'domain_unreachable'],
  ['message-expired', 'expired'],
  ['spam-related', 'spam_content'],
  ['policy-related', 'policy'],
  ['content-related', 'policy'],
  ['virus-related', 'policy'],
  ['relaying-issues', 'relay_denied'],
  ['protocol-errors', 'config'],
  ['invalid-sender', 'policy', 'sender_config'],
  ['bad-configuration', 'config'],
  ['other', 'unknown'],
];

const ASSOCONNECT: readonly HintRow[] = [
  ['rejet temporaire', 'unknown', undefined, 'soft'],
  ['rejet permanent', 'unknown', undefined, 'soft'],
  ['email invalide', 'address_invalid'],
  ['emails identifies comme invalides', 'address_invalid'],
  ['sans adresse mail', 'address_invalid'],
  ['desinscrit', 'policy', 'recipient'],
];

const id = (s: string): string => s.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export const HINT_RULES: readonly Rule[] = [
  ...MAILJET.map(([, rel, err, category, actor]): Rule => ({
    id: `hint-mailjet-${id(rel)}-${id(err)}`,
    category,
    ...(actor ? { actor } : {}),
    hint: `mailjet:${rel}/${err}`,
    example: `mailjet:${rel}/${err}`,
    source: MJ,
  })),
  ...MAILJET.map(([state, rel, err, category, actor]): Rule => ({
    id: `hint-mailjet-state-${state}`,
    category,
    ...(actor ? { actor } : {}),
    hint: `mailjet-state:${state}`,
    example: `mailjet-state:${state}`,
    source: `${MJ_STATE} ${state} (${rel}/${err})`,
  })),
  ...PMTA_CATS.map(([cat, category, actor]): Rule => ({
    id: `hint-pmta-${cat}`,
    category,
    ...(actor ? { actor } : {}),
    hint: `pmta:${cat}`,
    example: `pmta:${cat}`,
    source: PMTA,
  })),
  ...ASSOCONNECT.map(([status, category, actor, severity]): Rule => ({
    id: `hint-assoconnect-${id(status)}`,
    category,
    ...(actor ? { actor } : {}),
    ...(severity ? { severity } : {}),
    hint: `assoconnect:${status}`,
    example: `assoconnect:${status}`,
    source: 'FORMATS.md + seed 001: AssoConnect campaign report statuses',
  })),
  { id: 'hint-mta-expired', category: 'expired', hint: /^(?:postfix|exim|sendmail|pmta|mta):expired$/, example: 'postfix:expired', source: 'FORMATS.md: Postfix status=expired, Exim retry time exceeded' },
];
