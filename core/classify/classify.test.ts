import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../model/category';
import { classify } from './classify';
import { explainCategory } from './explain';
import { extractCode, extractEnhanced, normalizeText, repairMojibake } from './normalize';

describe('countsAgainstAddress: better than the peers on reputation blocks', () => {
  it('a 5.7.1 "blocked using Spamhaus" never counts', () => {
    const v = classify({ smtpCode: 550, enhancedCode: '5.7.1', diagnostic: '550 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.10', type: 'hard_bounce' });
    expect(v).toMatchObject({ category: 'sender_blocklisted', countsAgainstAddress: false, actor: 'sender_reputation', severity: 'soft' });
  });
  it('a Mailjet "sender blocked" whose text is a Spamhaus listing is sender_blocklisted (text wins over hint)', () => {
    const v = classify({ hint: 'mailjet:spam/sender blocked', diagnostic: '554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org' });
    expect(v.category).toBe('sender_blocklisted');
    expect(v.rule).toBe('blocklist-named');
  });
  it('a 5.7.1 whose text says the user does not exist counts', () => {
    const v = classify({ smtpCode: 550, enhancedCode: '5.7.1', diagnostic: '550 5.7.1 <pseudo-local-part-kijitora-nyaan@sfr.fr>: Recipient address rejected: User unknown', type: 'hard_bounce' });
    expect(v).toMatchObject({ category: 'user_unknown', countsAgainstAddress: true, severity: 'hard', actor: 'recipient' });
  });
  it('Microsoft "part of their network is on our block list" is sender_blocklisted, not user unknown', () => {
    const v = classify({ smtpCode: 550, enhancedCode: '5.7.1', diagnostic: "550 5.7.1 Unfortunately, messages from [192.0.2.10] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.", domain: 'hotmail.fr' });
    expect(v).toMatchObject({ category: 'sender_blocklisted', countsAgainstAddress: false });
  });
  it('5.1.1 "too many recipients this hour" is rate_limited, not user_unknown', () => {
    const v = classify({ smtpCode: 550, enhancedCode: '5.1.1', diagnostic: '550 5.1.1 <kijitora@example.com> - 203.0.113.222 has sent to too many recipients this hour. IB607 <http://x.co/rlbounce>' });
    expect(v).toMatchObject({ category: 'rate_limited', countsAgainstAddress: false });
  });
  it('a spam-content bounce never counts (seed 002)', () => {
    const v = classify({ diagnostic: '550 5.7.1 Message content rejected, UBE, id=00000-22-225', type: 'hard_bounce' });
    expect(v).toMatchObject({ category: 'spam_content', countsAgainstAddress: false, actor: 'content' });
  });
  it('mailbox_full counts but stays soft; expired does not count', () => {
    expect(classify({ diagnostic: '552 5.2.2 <x@example.fr>: Recipient address rejected: Mailbox full', type: 'hard_bounce' })).toMatchObject({ category: 'mailbox_full', countsAgainstAddress: true, severity: 'soft' });
    expect(classify({ hint: 'postfix:expired', type: 'hard_bounce' })).toMatchObject({ category: 'expired', countsAgainstAddress: false, severity: 'soft' });
  });
  it('counts for exactly the five address categories', () => {
    const counting = CATEGORIES.filter((c) => ['user_unknown', 'address_invalid', 'mailbox_inactive', 'domain_invalid', 'mailbox_full'].includes(c));
    expect(counting).toHaveLength(5);
  });
});

describe('severity', () => {
  it('a deferred event is transient whatever the code', () => {
    expect(classify({ smtpCode: 550, diagnostic: '550 5.1.1 user unknown', type: 'deferred' }).severity).toBe('transient');
  });
  it('a 4xx without a final type is transient; a final 4xx is soft', () => {
    expect(classify({ diagnostic: '450 4.2.0 <ckent@dplanet.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/dplanet.com.html' })).toMatchObject({ category: 'greylisted', severity: 'transient', actor: 'network' });
    expect(classify({ diagnostic: '452 4.2.2 The email account that you tried to reach is over quota.', type: 'soft_bounce' }).severity).toBe('soft');
  });
  it('delivered and other non-failures are none', () => {
    expect(classify({ diagnostic: '250 2.0.0 OK 1433333948 fa5si855896wjc.199 - gsmtp', type: 'delivered' })).toMatchObject({ severity: 'none', countsAgainstAddress: false });
    expect(classify({ diagnostic: '250 2.0.0 Ok: queued as 56285601BC' }).severity).toBe('none');
    expect(classify({})).toMatchObject({ category: 'unknown', severity: 'none', rule: 'no-information' });
  });
  it('unknown texts are visible as no-rule', () => {
    expect(classify({ diagnostic: 'Something nobody has ever written before' })).toMatchObject({ category: 'unknown', rule: 'no-rule', countsAgainstAddress: false });
  });
});

describe('texts as they arrive', () => {
  it('multi-line replies joined with continuation markers', () => {
    const gmail = '452-4.2.2 The email account that you tried to reach is over quota. Please direct\n452-4.2.2 the recipient to\n452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp s13-v6si24815369jam.8 - gsmtp';
    expect(classify({ diagnostic: gmail })).toMatchObject({ category: 'mailbox_full', rule: 'gmail-over-quota', severity: 'transient' });
    const joined = '550-5.1.1 The email account that you tried to reach does not 550-5.1.1 exist. Please try double-checking the recipient\'s email 550 5.1.1 address for typos';
    expect(classify({ diagnostic: joined }).category).toBe('user_unknown');
  });
  it('Postfix "host X said: … (in reply to RCPT TO command)" and Exim "SMTP error from remote mail server after RCPT TO"', () => {
    expect(classify({ diagnostic: 'host smtp.dplanet.com[67.23.2.154] said: 450 4.2.0 <ckent@dplanet.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/dplanet.com.html (in reply to RCPT TO command)' }).category).toBe('greylisted');
    expect(classify({ diagnostic: 'SMTP error from remote mail server after RCPT TO:<kijitora@example.jp>: host mx.example.jp [192.0.2.222]: 550 5.1.1 <kijitora@example.jp>... User Unknown', type: 'hard_bounce' })).toMatchObject({ category: 'user_unknown', severity: 'hard' });
  });
  it('extracts the codes from the text when the caller did not give them', () => {
    expect(extractCode('host x[1.2.3.4] said: 550 5.1.1 <a@b>: nope')).toBe(550);
    // a session transcript: the greeting comes first, the reply that failed decides
    expect(extractCode('220 mx.example.net ESMTP ready EHLO a.example 250-mx.example.net Hello 250 SIZE 40000000 RCPT To:<b@example.net> 552 Message for <b@example.net> would exceed mailbox quota')).toBe(552);
    expect(extractCode('after MAIL FROM:<a@example.com> SIZE=222: host mx4.example.org [192.0.2.22]: 550 NN-222 blocked')).toBe(550);
    expect(extractCode('250 2.0.0 Ok: queued as 4A1B2C')).toBe(250);
    expect(extractEnhanced('host x[192.0.2.22] said: 550 5.1.1 <a@b>: nope')).toBe('5.1.1');
    expect(extractEnhanced('Sorry, no mailbox here by that name. (#5.1.1)')).toBe('5.1.1');
    expect(extractEnhanced('- 4.16.55.1; see https://postmaster.yahooinc.com')).toBeNull();
    expect(classify({ diagnostic: 'host mx.example.net[192.0.2.1] said: 550 5.1.1 (in reply to RCPT TO command)' }).rule).toBe('enh-x.1.1-bad-mailbox');
  });
  it('repairs UTF-8 read as Latin-1 and ignores accents', () => {
    expect(repairMojibake('BoÃ®te pleine')).toBe('Boîte pleine');
    expect(normalizeText('BoÃ®te   PLEINE')).toBe('boite pleine');
    expect(classify({ diagnostic: '552 BoÃ®te du destinataire pleine' }).category).toBe('mailbox_full');
  });
  it('source hints decide when the text says nothing; code fallbacks come last', () => {
    expect(classify({ hint: 'mailjet:recipient/user unknown' })).toMatchObject({ category: 'user_unknown', rule: 'hint-mailjet-recipient-user-unknown' });
    expect(classify({ hint: 'Mailjet: domain / greylisted' }).category).toBe('greylisted');
    expect(classify({ hint: 'mailjet:mailjet/preblocked' })).toMatchObject({ category: 'policy', actor: 'platform', countsAgainstAddress: false });
    expect(classify({ hint: 'mailjet:recipient/spam reporter' })).toMatchObject({ category: 'policy', actor: 'recipient' });
    expect(classify({ hint: 'mailjet-state:3' }).category).toBe('mailbox_full');
    expect(classify({ hint: 'pmta:bad-mailbox', diagnostic: 'smtp;550 5.7.1 Access denied' }).category).toBe('user_unknown');
    expect(classify({ hint: 'assoconnect:email invalide' }).category).toBe('address_invalid');
    expect(classify({ hint: 'assoconnect:rejet temporaire' })).toMatchObject({ category: 'unknown', severity: 'soft' });
    expect(classify({ hint: 'exim:expired' }).category).toBe('expired');
    expect(classify({ hint: 'mailjet:recipient/user unknown', diagnostic: 'host x said: 554 5.7.1 blocked using bl.spamcop.net' }).category).toBe('sender_blocklisted');
  });
  it('has words for every category in both languages', () => {
    for (const c of CATEGORIES) {
      for (const lang of ['fr', 'en'] as const) {
        const e = explainCategory(c, lang);
        expect(e.title.length * e.why.length * e.whatToDo.length, `${c} ${lang}`).toBeGreaterThan(0);
      }
    }
    expect(explainCategory('greylisted').whatToDo).toMatch(/rien à faire/);
  });
});

describe('French ISPs and French wording', () => {
  const cases: [string, string, string?][] = [
    ['host smtp-in.orange.fr[193.252.22.65] refused to talk to me: 550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam. Client host blocked for spamming issues. OFR006_102 Ref http://csi.cloudmark.com/reset-request/?ip=10.0.0.1 [102]', 'sender_blocklisted'],
    ['550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]', 'user_unknown'],
    ['552 5.1.1 Boite du destinataire pleine. Recipient overquota. OFR_417 [417]', 'mailbox_full'],
    ['host smtpz4.laposte.net[194.117.213.1] said: 550 5.5.0 Le compte du destinataire est bloque. The recipient account is blocked. LPN007_426 (in reply to RCPT TO command)', 'mailbox_inactive'],
    ['550 5.5.0 Adresse destinataire invalide. Invalid recipient. LPN007_416 554 5.5.1 Error: no valid recipients 421 4.7.0 lpn-prd-vrin012 Error: too many errors', 'user_unknown'],
    ['SMTP error from remote mail server after end of data: host smtp.wanadoo.fr [192.0.2.1]: 550 5.2.0 Mail rejete. Mail rejected. OFR_506 [506]', 'spam_content'],
    ['host smtp-in.orange.fr[193.252.22.65] refused to talk to me: 421 mwinf5c77 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR_999 [999]', 'rate_limited'],
    ['451 too many errors from your ip (192.0.2.10), please visit http://postmaster.free.fr/', 'rate_limited', 'free.fr'],
    ['450 4.7.1 <jean@free.fr>: Recipient address rejected: Greylisted for 5 minutes', 'greylisted', 'free.fr'],
    ['550 5.7.1 <pseudo-local-part-kijitora-nyaan@sfr.fr>: Recipient address rejected: User unknown', 'user_unknown', 'sfr.fr'],
    ['Boîte pleine', 'mailbox_full'],
    ['Utilisateur inconnu', 'user_unknown'],
    ['Adresse inconnue', 'user_unknown'],
    ['Service refusé', 'rate_limited'],
    ['421 Trop de connexions', 'config'],
    ['Domaine invalide', 'domain_invalid'],
  ];
  it.each(cases)('%s → %s', (text, category, domain) => {
    expect(classify({ diagnostic: text, domain: domain ?? null }).category).toBe(category);
  });
});

describe('each verdict from its own input alone', () => {
  // for speed the classifier fills one set of facts per call, works out the domain only when a
  // rule asks, and keeps a rule's last answer on an enhanced code: nothing may pass from one call
  // to the next
  it('the domain of the previous reply is not kept', () => {
    const text = 'les adresses en @laposte.net rejettent les mails qui contiennent des liens vers des sites non sécurisés (http, et non https)';
    const laposte = classify({ diagnostic: text, domain: 'marie@laposte.net' });
    const other = classify({ diagnostic: text, domain: 'marie@gmail.com' });
    const none = classify({ diagnostic: text });
    expect(laposte.rule).toBe('laposte-http-links');
    expect(other.rule).not.toBe('laposte-http-links');
    expect(none.rule).toBe(other.rule);
    expect(classify({ diagnostic: text, domain: 'LAPOSTE.NET.' }).rule).toBe('laposte-http-links');
  });
  it('enhanced codes in turn give their own verdicts', () => {
    const seen: string[] = [];
    for (const enhancedCode of ['5.1.1', '5.1.2', '5.1.1', '4.2.2', '5.1.2']) {
      seen.push(classify({ smtpCode: 550, enhancedCode, diagnostic: 'delivery failed' }).category);
    }
    expect(seen).toEqual(['user_unknown', 'domain_invalid', 'user_unknown', 'mailbox_full', 'domain_invalid']);
  });
});
