/**
 * Generic server wording (Postfix, Exim, sendmail, qmail, Exchange, Domino, milters, DNSBLs),
 * ordered by how much a phrase proves:
 *   sender-side evidence (URL lists, authentication, PTR/TLS, blocklists, rate limits,
 *   greylisting, configuration, relaying, size, server trouble, MAIL FROM stage)
 *   → recipient evidence (full, inactive, unknown, invalid, domain)
 *   → connection stage → content and policy → network → expiry.
 * A text that shows both a cause and an expiry ("mailbox is full: retry timeout exceeded") gets
 * the cause. Patterns see lower-case text without accents.
 */
import type { Rule } from '../rule-types';

const CORPUS = 'corpus sisimai_labelled.tsv row';

export const GENERIC_RULES: readonly Rule[] = [
  // ── content on a URL blocklist (before IP blocklists: the listed thing is a link) ──
  { id: 'url-blocklisted', category: 'spam_content', text: /\buribl\b|\bsurbl\b|blacklisted (?:url|link)|url in message is on a blocklist|dbl\.spamhaus|spamhaus dbl/, example: 'Body of message generated response: REJECTED - Blacklisted URL in message. (example.com) in [black]. See http://lookup.uribl.com. - Blacklisted Link', source: `${CORPUS} 252` },

  // ── authentication ──
  { id: 'auth-dmarc', category: 'auth_failure', text: /\bdmarc\b/, example: "host gmail-smtp-in.l.google.com[64.233.189.27] said: Unauthenticated email from libsisimai.org is not accepted due to domain's DMARC policy. Please contact the administrator of libsisimai.org domain if this was a legitimate mail. (in reply to end of DATA command)", source: `${CORPUS} 403 (Gmail)` },
  { id: 'auth-spf', category: 'auth_failure', text: /\bspf\b|sender policy framework/, example: "Remote Server returned '550 5.1.0 192.0.2.222 is not allowed to send from <example.net> per it's SPF Record. Please inspect your SPF settings, and try again. IB508 <http://x.co/srbounce>'", source: `${CORPUS} 306 (GoDaddy)` },
  { id: 'auth-dkim', category: 'auth_failure', text: /\bdkim\b|domainkeys/, example: '550 5.7.20 Message rejected: No valid DKIM signature found', source: 'RFC 7372 (5.7.20 no passing DKIM signature)' },
  { id: 'auth-failed', category: 'auth_failure', text: /authentication checks? failed|unauthenticated (?:email|mail|sender)|sender is unauthenticated|fails? to pass (?:authentication|spf|dkim)|does not have authentication information|smtp authentication|sender id|purported responsible address/, example: '550 5.7.26 <authfailure@libsisimai.net>: Recipient address rejected: Multiple authentication checks failed', source: `${CORPUS} 325` },

  // ── our sending configuration: PTR / reverse DNS / HELO / TLS ──
  { id: 'config-reverse-dns', category: 'config', text: /reverse dns|\brdns\b|ptr record|no ptr\b|ptr resource|reverse (?:hostname|lookup)|ip name lookup failed|cannot find your (?:reverse )?hostname|unverifi?y?able sending ips?|mismatches client ip|without a valid sender domain|helo (?:name|command) rejected|invalid helo/, example: 'host mx2.example.net [192.0.2.222] SMTP error from remote mail server after MAIL FROM:<sironeko-nyaan@neko.example.com> SIZE=1024: 554 5.7.1 Reverse DNS failed.', source: `${CORPUS} 159` },
  { id: 'config-tls', category: 'config', text: /\bstarttls\b|must issue a starttls|tls (?:is )?required|encryption (?:is )?required|requires? (?:tls|encryption)/, example: '530 5.7.0 Must issue a STARTTLS command first', source: 'Postfix / Gmail (530 5.7.0)' },

  // ── our IP / domain on a blocklist, or banned ──
  { id: 'blocklist-named', category: 'sender_blocklisted', text: /spamhaus|spamcop|barracuda|sorbs|abuseat|\bcbl\b|psbl|uceprotect|spamrats|mailspike|cloudmark|invaluement|ivmsip|backscatterer|senderscore|return path dnsbl|proofpoint\.com\/dnsbl/, example: '553 http://www.spamhaus.org/query/bl?ip=192.0.2.222 553 http://www.spamhaus.org/query/bl?ip=192.0.2.222', source: `${CORPUS} 15` },
  { id: 'blocklist-generic', category: 'sender_blocklisted', text: /blocked using|\bdnsbl\b|\brbl\b|black ?list|block ?list|blacklisted|blocklisted|listed (?:in|on|at) (?:an? )?(?:dns)?(?:bl|rbl|blocklist|blacklist)|open relay/, example: '550 5.7.1 IP address blacklisted by recipient 503 Error: need RCPT command 550 5.7.1 IP address blacklisted by recipient', source: `${CORPUS} 487` },
  { id: 'blocklist-reputation', category: 'sender_blocklisted', text: /(?:poor|bad|low) (?:ip |sender |sending )?reputation|reputation (?:of|for) (?:the |your )?(?:sending )?(?:ip|domain|sender)|banned (?:sender|ip|sending)|sender (?:ip )?(?:is )?banned|traffic not accepted from this ip/, example: '550 5.7.1 Service unavailable; Client host [192.0.2.10] blocked due to poor reputation', source: 'Postfix/milter reputation rejects' },
  { id: 'blocklist-dynamic-ip', category: 'sender_blocklisted', text: /please use the smtp server of your isp|dynamic (?:ip|address|pool)|dial-?up|residential (?:ip|address)/, example: 'SMTP error from remote mail server after MAIL FROM:<shironeko@example.jp> SIZE=1543: host mx.example.jp [192.0.2.20]: 550 5.7.0 <shironeko@example.jp>... Please use the smtp server of your ISP.', source: `${CORPUS} 145` },
  { id: 'sending-ip-not-allowed', category: 'sender_blocklisted', text: /invalid ip for sending mail/, example: '554 INVALID IP FOR SENDING MAIL OF DOMAIN amazonses.com [RCPT_TO]', source: `${CORPUS} 546` },
  { id: 'blocklist-abuse', category: 'sender_blocklisted', text: /blocked for abuse|due to spam(?:ming)? (?:issues|activity|complaints)|ip (?:address )?(?:has been )?blocked|(?:sender|ip) (?:address )?(?:is )?blocked/, example: 'host mta-n2.neko.example.net [203.0.113.2] SMTP error from remote mail server after initial connection: 192.0.2.222 blocked by ldap:ou=nekochan,dc=example,dc=net Error - Blocked for abuse. See http://example.net/nyaan', source: `${CORPUS} 172` },

  // ── throttling ──
  { id: 'rate-too-many-recipients-per-time', category: 'rate_limited', text: /too many recipients (?:this|per|in the last) (?:hour|day|minute)|sent to too many recipients/, example: '550 5.1.1 <kijitora@example.com> - 203.0.113.222 has sent to too many recipients this hour. IB607 <http://x.co/rlbounce>', source: `${CORPUS} 16 (GoDaddy IB607)` },
  { id: 'rate-limited', category: 'rate_limited', text: /rate ?limit|rate-limit|\bthrottl|too many (?:messages|mails|emails)|too much (?:mail|traffic)|exceeded (?:the )?(?:sending |message |hourly |daily )?(?:rate|limit)|(?:relay|sending|hourly|daily) (?:quota|limit)|message threshold exceeded|too many sessions|slow down|mail flood|temporarily deferred|try again later.{0,40}(?:volume|complaints)|unexpected volume|user complaints/, example: 'host mgate02.dti.ne.jp[202.216.228.55] said: 452 4.3.2 Connection rate limit exceeded. (in reply to MAIL FROM command)', source: `${CORPUS} 351` },

  // ── greylisting ──
  { id: 'greylisted', category: 'greylisted', text: /gr[ae]y ?-?list|postgrey|please come back later|come back later|greylist/, example: '451 4.7.1 Greylisting in action, please come back later [CC]', source: 'seed 003 (Postmastery)' },

  // ── our configuration: connections, recipients per message, protocol ──
  { id: 'config-too-many-connections', category: 'config', text: /too many (?:concurrent |simultaneous )?(?:smtp )?connections|too many (?:smtp )?sessions from|connection (?:count|limit) (?:exceeded|reached)|max(?:imum)? (?:number of )?connections/, example: '421 4.7.0 Too many concurrent SMTP connections from this IP address; please try again later.', source: 'Postfix anvil / Exchange (421 4.7.0)' },
  { id: 'config-too-many-recipients', category: 'config', text: /too many recipients/, example: 'host mfsmax.docomo.ne.jp[198.51.100.202] said: 552 Too many recipients (in reply to RCPT TO command)', source: `${CORPUS} 381` },
  { id: 'config-protocol', category: 'config', text: /improper sequence of commands|bad sequence of commands|command (?:parameter )?not implemented|command unrecognized|syntax error,? command|pipelining|line too long|bare lf|bare <lf>/, example: '503 Improper sequence of commands', source: `${CORPUS} 586` },

  // ── relaying ──
  { id: 'relay-denied', category: 'relay_denied', text: /relay(?:ing)? (?:access )?(?:denied|not permitted|prohibited|not allowed|refused)|not configured to relay|insecure mail relay|\bno relaying\b|unable to relay|we do not relay|relais refuse|not permitted to relay/, example: '554 5.7.1 <kijitora@example.com>: Relay access denied', source: `${CORPUS} 72 (Postfix)` },

  // ── size ──
  { id: 'too-large-mailbox-not-message', category: 'mailbox_full', text: /mailbox (?:size limit|has exceeded|exceeds)|user mailbox exceeds|exceeds allowed size/, example: 'User mailbox exceeds allowed size: kijitora@example.co.jp', source: `${CORPUS} 249` },
  { id: 'message-too-large', category: 'message_too_large', text: /message (?:is )?too (?:big|large)|too (?:big|large) for|message (?:size|length) exceeds|exceeds (?:the )?(?:fixed )?(?:maximum|max) (?:message )?size|size (?:limit|exceeds)|exceeds (?:the )?limit set by recipient|line limit exceeded|message length exceeds|mesgtoobig|maximum message size/, example: '552 5.3.4 Message too large', source: `${CORPUS} 447` },

  // ── trouble inside the receiving system (not the address) ──
  { id: 'server-system-storage', category: 'server_unavailable', actor: 'recipient_domain', text: /insufficient (?:system )?(?:disk |system )?(?:space|storage)/, example: '452 4.4.5 Insufficient disk space; try again later 452 4.4.5 Insufficient disk space; try again later', source: `${CORPUS} 493` },
  { id: 'server-internal-error', category: 'server_unavailable', actor: 'recipient_domain', text: /internal (?:server |system )?error|system error|queue file write error|operating system error|local error|transaction failed|insufficient permission|unable to contact ldap|mailer error|pipe to \||resources temporarily unavailable|error in processing|unknown mailer error/, example: '550 5.3.5 <kuroneko@example.org>... Internal System Error', source: `${CORPUS} 75 (sendmail)` },

  // ── rejected at MAIL FROM: the recipient was not even named, so not the address's fault ──
  { id: 'sender-address-rejected', category: 'policy', actor: 'sender_config', text: /sender address rejected|domain of sender address|unroutable sender|invalid sender|sender (?:domain|address) (?:is )?(?:invalid|unknown|not found|does not exist)|sender verify failed|sender rejected|not a member of this (?:mailing )?list|address that has been blacklisted/, example: 'host mx.cubicroot.jp[192.0.2.22] said: 553 5.1.8 <root@vagrant-centos65.vagrantup.com>... Domain of sender address root@vagrant-centos65.vagrantup.com does not exist (in reply to MAIL FROM command)', source: `${CORPUS} 352` },
  { id: 'mail-from-stage', category: 'policy', actor: 'sender_config', text: /after mail from:|in reply to mail from command|but sender was rejected/, example: 'host nekonyaan.example.com [203.0.113.22] SMTP error from remote mail server after MAIL FROM:<sironeko-nyaan@neko.example.com>: 550 5.1.7 No such domain neko.example.com.', source: `${CORPUS} 175 (Exim)` },

  // ── recipient: mailbox full ──
  { id: 'mailbox-full', category: 'mailbox_full', text: /mailbox (?:is )?full|full mailbox|over ?quota|quota (?:exceeded|exceed|full)|exceeded (?:the |his |her |their )?(?:storage|quota|mailbox)|disk quota|not enough (?:disk )?space|mailfolder is full|mailbox exceeded|storage (?:allocation|quota|space)|out of storage|exceeded the local limit|user has exceeded|insufficient (?:user )?quota/, example: '550 5.2.2 <kijitora@example.jp>... Mailbox Full', source: `${CORPUS} 285 (sendmail)` },

  // ── recipient: exists but disabled ──
  { id: 'mailbox-inactive', category: 'mailbox_inactive', text: /account (?:is |has been )?(?:disabled|inactive|suspended|locked|deactivated|frozen|expired|discontinued)|mailbox (?:is |has been )?(?:disabled|inactive|frozen|suspended|locked|deactivated)|disabled (?:recipient|user|mailbox|account)|account disabled|temporar(?:y|ily) locked|inactive (?:user|mailbox|account|recipient)|(?:mailbox|user|account) (?:is )?no longer (?:active|in use)/, example: '525 5.7.13 Disabled recipient address 503 5.0.0 Need RCPT (recipient) 525 5.7.13 Disabled recipient address', source: `${CORPUS} 489` },

  // ── recipient: does not exist ──
  { id: 'user-unknown', category: 'user_unknown', text: /user unknown|unknown user|no such (?:user|recipient|mailbox|address|account)|user (?:not found|does not exist|doesn't exist|not exist)|unknown recipient|recipient (?:unknown|not found|does not exist|doesn't exist)|invalid (?:recipient|mailbox|user)|mailbox (?:not found|does not exist|doesn't exist|unavailable|not available|is unavailable)|(?:account|address|mailbox|user) (?:does not|doesn't) exist|no mailbox here|unknown or illegal (?:user|alias)|unknown local[- ]?part|addressee unknown|address (?:couldn't|could not) be found|address not found|recipient no longer on server|not our (?:user|customer)|no longer (?:on server|valid)|mailbox has moved|no forwarding address|invalid final delivery userid|bad destination mailbox address(?! syntax)|not a valid (?:mailbox|recipient|user)|recipient address rejected: (?:user|unknown)/, example: 'host mx.example.co.jp[192.0.2.153] said: 550 5.1.1 <userunknown@example.co.jp>... User Unknown (in reply to RCPT TO command)', source: `${CORPUS} 344 (sendmail via Postfix)` },

  // ── recipient: address syntax ──
  { id: 'address-invalid', category: 'address_invalid', text: /bad (?:destination )?(?:mailbox )?address syntax|malformed (?:address|recipient)|invalid (?:e-?mail )?address (?:format|syntax)|address syntax|syntax error in (?:mailbox|address|recipient)|illegal (?:address|recipient)|not a valid (?:e-?mail )?address|address is not valid|invalid address/, example: 'mail-inbound.libsisimai.net [192.0.2.25] did not like our RCPT TO:501 5.1.3 <syntaxerror@libsisimai.net>: Recipient address rejected: Bad destination mailbox address syntax.', source: `${CORPUS} 120 (Postfix 5.1.3)` },

  // ── recipient domain: temporary DNS trouble (before "host not found") ──
  { id: 'domain-dns-temporary', category: 'domain_unreachable', text: /host not found, try again|try again.{0,10}name service|malformed or unexpected name server reply|temporary failure in name resolution|name server (?:failure|timeout)|host name lookup failure|servfail|dns (?:query|lookup) (?:failed|timed out|timeout)|could not find a gateway/, example: 'Name service error for domain example.com: Host not found, try again', source: `${CORPUS} 367 (Postfix)` },

  // ── recipient domain does not exist / takes no mail ──
  { id: 'domain-invalid', category: 'domain_invalid', text: /host unknown|unknown host|host (?:or domain name )?not found|domain (?:name )?not found|no such domain|domain (?:does not|doesn't) exist|(?:invalid|unknown|illegal) (?:host\/)?domain|domain (?:name )?(?:is )?invalid|unrouteable address|couldn'?t find (?:any host|a mail exchanger)|no mx (?:record )?found|no mx record|no mail ?hosts? for|null mx|does not accept mail|doesn't receive email|\bnxdomain\b|had no relevant answers|domain is not reachable|dns lookup failure: host|indicated no smtp service|not accepting network messages|bad destination system address|(?<![@\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)+ does not exist/, example: 'Host or domain name not found. Name service error for name=example.jp type=A: Host not found', source: `${CORPUS} 80 (Postfix)` },

  // ── refused before any recipient: the connection itself, i.e. our IP ──
  { id: 'connection-stage-deferred', category: 'rate_limited', text: /refused to talk to me: 4|after (?:initial connection|ehlo|helo)[^:]{0,80}: 4\d\d/, example: 'delivery temporarily suspended: host mfsmax.example.net[203.0.113.127] refused to talk to me: 421 Service not available, closing transmission channel', source: `${CORPUS} 383 (Postfix)` },
  { id: 'connection-stage-refused', category: 'sender_blocklisted', text: /refused to talk to me: 5|after (?:initial connection|ehlo|helo)[^:]{0,80}: 5\d\d/, example: 'host mx.neko.example.com [192.0.2.222] SMTP error from remote mail server after initial connection: 550 Access denied...7d39d5299584f4be161127e61f5f5400...', source: `${CORPUS} 160 (Exim)` },

  // ── content judged spam / virus ──
  { id: 'virus', category: 'policy', text: /virus|malware|infected|dangerous attachment/, example: 'host 127.0.0.1[127.0.0.1] said: 550 Virus Detected; Content Rejected (in reply to end of DATA command)', source: `${CORPUS} 395` },
  { id: 'spam-content', category: 'spam_content', text: /\bspam\b|\bube\b|unsolicited|bulk mail|\bjunk\b|content rejected|message content rejected|scored as spam|message filtered|spam detected|phishing|suspicious (?:content|url|link)|rejected as spam/, example: '550 5.7.1 Message content rejected, UBE, id=00000-22-225', source: `${CORPUS} 88 (amavis)` },

  // ── policy ──
  { id: 'policy', category: 'policy', text: /polic(?:y|ies)|protocol violation|header error|prohibited|administrative prohibition|not authorized|content restrictions|not permitted|headers? too (?:large|long)|improper use of 8-bit|media error|rfc ?5322|rfc ?822|message not allowed/, example: 'host neko-nyaan-02.example.org[192.0.2.2] said: 550 5.7.0 Local Policy Violation (in reply to end of DATA command)', source: `${CORPUS} 384` },

  // ── network: the recipient's servers could not be reached or are busy ──
  { id: 'dns-mail-loop', category: 'domain_unreachable', text: /hop count|too many hops|routing loop|mail (?:forwarding )?loop|loops back to myself/, example: '554 5.4.6 Too many hops', source: `${CORPUS} 474` },
  { id: 'server-unreachable', category: 'server_unavailable', text: /(?<!retry )time(?:d ?)?out|connection (?:refused|reset|lost|closed|dropped)|lost connection|no route to host|network (?:is )?unreachable|host (?:is )?not reachable|(?:unable|failed|could ?n[o']t|cannot|(?:wasn't|was not|not) able) (?:to )?(?:connect|establish)|temporary failure|winsock error|socket error|network error|service (?:not available|unavailable|temporarily unavailable|currently unavailable)|server (?:is )?(?:busy|too busy|unavailable)|\bbusy\b|try (?:again )?later|temporarily unavailable|connection attempt failed|malformed smtp reply|remote host closed connection/, example: 'connect to nyaan.example.com[192.0.2.2]:25: No route to host', source: `${CORPUS} 587 (Postfix)` },

  // ── the MTA gave up ──
  { id: 'expired', category: 'expired', text: /retry timeout exceeded|message expired|envelope expired|\bexpired\b|queue too long|could not deliver for the last|giving up|gave up|not delivered within|delivery failed \d+ attempts|unable to deliver (?:this )?message after|could not be delivered for|deleted from queue|all hosts have been failing|(?:has been|was) delayed|will be retried|retry time (?:not (?:yet )?reached|exceeded)|message expire/, example: 'retry timeout exceeded', source: `${CORPUS} 151 (Exim)` },
];

/**
 * Weak generic wording: tested after the source hints, so that a specific hint is not overridden
 * by a vague text ("Access denied", "Recipient address rejected").
 */
export const WEAK_RULES: readonly Rule[] = [
  { id: 'weak-client-host-rejected', category: 'sender_blocklisted', text: /client host rejected|client host \S+ blocked|connection (?:rejected|refused) (?:by policy|from)/, example: '450 4.7.1 <c135.kyoto.example.ne.jp[192.0.2.56]>: Client host rejected: may not be mail exchanger', source: `${CORPUS} 464 (Postfix)` },
  { id: 'weak-recipient-rejected', category: 'user_unknown', text: /recipient (?:address )?rejected|rejected recipient|no valid recipients?|does not exist|recipient (?:is )?not (?:valid|accepted)/, example: 'host mx.nn.auone-net.jp[192.0.2.222] said: 550 <neko-nyaan@ne.auone-net.jp>: Recipient address rejected. (in reply to RCPT TO command)', source: `${CORPUS} 379` },
  { id: 'weak-too-many-errors', category: 'rate_limited', text: /too many errors|too many (?:bad|invalid) (?:commands|recipients)/, example: '421 4.7.0 mx.example.com Error: too many errors', source: 'Postfix smtpd_hard_error_limit (421 4.7.0 Error: too many errors)' },
  { id: 'weak-access-denied', category: 'policy', text: /access denied|\bdenied\b|not allowed|\brefused\b/, example: "5.1.0 - Unknown address error '5.7.1 <000001321defbd2a-788e31c8-2be1-422f-a8d4-cf7765cc9ed7-000000@email-bounces.amazonses.com>... Access denied' (delivery attempts: 0)", source: `${CORPUS} 53` },
];
