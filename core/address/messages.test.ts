import { describe, expect, it } from 'vitest';
import { event } from '../policy/fixtures';
import type { DeliveryEvent } from '../model/event';
import type { Period } from '../model/status';
import { ticketAnswer } from '.';

const MS_BLOCK =
  "550 5.7.1 Unfortunately, messages from [87.253.232.12] weren’t sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.";

function answer(events: DeliveryEvent[], extra: { status?: Parameters<typeof ticketAnswer>[0]['status']; periods?: Period[]; typo?: string | null; lang?: 'fr' | 'en' } = {}) {
  const address = events[0]?.address ?? 'x@example.org';
  return ticketAnswer(
    {
      events,
      periods: extra.periods ?? [],
      address,
      domain: address.split('@')[1],
      status: extra.status ?? 'ok',
      until: null,
      unsubscribed: false,
      typoSuggestion: extra.typo ?? null,
      disposable: false,
    },
    extra.lang ?? 'en',
    'Europe/Paris',
  );
}

const senderBlock = (time: string, id: string) =>
  event(time, 'hard_bounce', 'marie.leroy@hotmail.fr', {
    category: 'sender_blocklisted',
    actor: 'sender_reputation',
    smtpCode: 550,
    enhancedCode: '5.7.1',
    diagnostic: MS_BLOCK,
    messageId: id,
    campaign: 'ouverture-commande',
  });

describe('message verdicts', () => {
  it('says that the last e-mails refused by Microsoft did not arrive, because of us, and what to do', () => {
    const a = answer([senderBlock('2021-01-12T08:00:00Z', '1'), senderBlock('2021-01-19T08:00:00Z', '2'), senderBlock('2021-01-26T08:00:00Z', '3')]);
    expect(a.messages.map((m) => m.verdict)).toEqual(['refused_sender_side', 'refused_sender_side', 'refused_sender_side']);
    expect(a.messages[0]).toMatchObject({ provider: 'Microsoft', blockListCode: 'S3150', messageId: '1', campaign: 'ouverture-commande' });
    expect(a.answer.tone).toBe('sender_problem');
    expect(a.answer.headline).toBe(
      'Last 3 e-mails not delivered: Microsoft refused our sending IP (block list S3150) since 12 Jan 2021 — the address itself is fine; the platform must ask Microsoft to delist it.',
    );
    expect(a.actions[0].id).toBe('contact_provider');
    expect(a.actions[0].text).toContain('http://mail.live.com/mail/troubleshooting.aspx#errors');
    const fr = answer([senderBlock('2021-01-12T08:00:00Z', '1')], { lang: 'fr' });
    expect(fr.answer.headline).toContain("Le dernier e-mail n’a pas été remis : Microsoft refuse notre adresse IP d’envoi (liste de blocage S3150) depuis le 12 janv. 2021");
    expect(fr.answer.headline).toContain("l’adresse elle-même est bonne");
  });

  it('groups a queue id with its retries and says how late the delivery was and why it was deferred', () => {
    const a = answer([
      event('2021-01-18T10:00:00Z', 'deferred', 'jean@orange.fr', { category: 'greylisted', messageId: 'Q1', diagnostic: '451 4.7.1 Greylisting in action, please come back later' }),
      event('2021-01-18T10:15:00Z', 'deferred', 'jean@orange.fr', { category: 'greylisted', messageId: 'Q1' }),
      event('2021-01-18T10:42:00Z', 'delivered', 'jean@orange.fr', { messageId: 'Q1' }),
      event('2021-01-19T09:00:00Z', 'delivered', 'jean@orange.fr', { messageId: 'Q2', delaySeconds: 3.5 }),
    ]);
    expect(a.messages).toHaveLength(2);
    expect(a.messages[0]).toMatchObject({ verdict: 'delivered', lateBySeconds: 42 * 60, deferrals: 2, deferredBecause: ['greylisted'], eventIndexes: [0, 1, 2] });
    expect(a.messages[0].summary).toBe('Delivered on 18 Jan 2021, 11:42, 42 min after the request, after 2 deferrals (greylisting).');
    expect(a.messages[1].lateBySeconds).toBe(3.5);
    expect(a.actions.map((x) => x.id)).toEqual(['greylisting_nothing', 'look_in_spam']);
    expect(a.caveats.map((x) => x.id)).toEqual(['accepted_not_inbox', 'spam_folder_invisible']);
  });

  it('groups a source without ids by send time and campaign', () => {
    const a = answer([
      event('2021-01-18T10:00:00Z', 'delivered', 'a@free.fr', { campaign: 'lettre-1' }),
      event('2021-01-18T10:00:00Z', 'delivered', 'a@free.fr', { campaign: 'lettre-2' }),
      event('2021-01-20T10:00:00Z', 'hard_bounce', 'a@free.fr', { campaign: 'lettre-3', category: 'user_unknown', actor: 'recipient', countsAgainstAddress: true }),
    ]);
    expect(a.messages.map((m) => [m.campaign, m.verdict])).toEqual([
      ['lettre-1', 'delivered'],
      ['lettre-2', 'delivered'],
      ['lettre-3', 'refused_address_side'],
    ]);
    expect(a.answer.tone).toBe('address_problem');
    expect(a.actions.map((x) => x.id)).toContain('check_unsubscribed_first');
  });

  it("names the ESP's network-wide list and says when the original cause is not in the data", () => {
    const a = answer([event('2021-01-18T10:00:00Z', 'blocked', 'b@gmail.com', { category: 'policy', actor: 'platform', rule: 'hint-mailjet-mailjet-preblocked', messageId: '9' })]);
    expect(a.messages[0].verdict).toBe('suppressed');
    expect(a.messages[0].suppression).toEqual({ layer: 'esp_network', listName: 'preblocked', cause: null });
    expect(a.messages[0].summary).toContain('The original cause is not in the data');
    expect(a.answer.headline).toContain("Last e-mail not sent: the address is held by the ESP’s network-wide list (“preblocked”)");
    expect(a.actions.map((x) => x.id)).toEqual(['esp_network_list']);
  });

  it("points a block by Rebond's own policy to the event that started the quarantine", () => {
    const hard = event('2021-01-10T10:00:00Z', 'hard_bounce', 'c@gmail.com', { category: 'user_unknown', countsAgainstAddress: true, diagnostic: '550 5.1.1 no such user', messageId: '1' });
    const period: Period = {
      status: 'long_quarantine',
      start: hard.time,
      end: null,
      level: null,
      reason: 'hard_bounce',
      rule: 'long_quarantine.hard_bounce.major(1)',
      cause: { time: hard.time, type: 'hard_bounce', category: 'user_unknown', smtpCode: 550, enhancedCode: '5.1.1', diagnostic: '550 5.1.1 no such user', domain: 'gmail.com', source: hard.source },
    };
    const a = answer([hard, event('2021-01-12T10:00:00Z', 'blocked', 'c@gmail.com', { messageId: '2' })], { periods: [period], status: 'long_quarantine' });
    expect(a.messages[1].suppression).toMatchObject({ layer: 'rebond_policy', cause: { time: hard.time, diagnostic: '550 5.1.1 no such user' } });
    expect(a.messages[1].summary).toContain('Original cause: hard bounce on 10 Jan 2021 “550 5.1.1 no such user”');
  });

  it('tells pending and expired apart, and offers the typo fix first', () => {
    const a = answer(
      [
        event('2021-01-18T10:00:00Z', 'soft_bounce', 'd@gmial.com', { category: 'expired', messageId: '1' }),
        event('2021-01-19T10:00:00Z', 'deferred', 'd@gmial.com', { category: 'domain_unreachable', messageId: '2' }),
      ],
      { typo: 'd@gmail.com' },
    );
    expect(a.messages.map((m) => m.verdict)).toEqual(['expired', 'pending']);
    expect(a.actions[0]).toEqual({ id: 'fix_typo', text: 'Fix the typo: the address is probably d@gmail.com, not d@gmial.com.' });
    expect(a.answer.tone).toBe('pending');
  });

  it('answers "no e-mail" for an address with only opens or nothing', () => {
    expect(answer([]).answer).toEqual({ tone: 'none', headline: 'No e-mail to this address in the data.', latestRun: 0 });
    expect(answer([event('2021-01-18T10:00:00Z', 'open', 'e@free.fr')]).messages).toEqual([]);
  });
});

describe('dates in the reader’s zone', () => {
  it('agree with the explanation’s day and with Intl, across a change to summer time', async () => {
    const { formatDay: explainDay } = await import('../policy');
    const { formatDay, formatDateTime } = await import('./dates');
    for (const iso of ['2021-03-28T00:59:00Z', '2021-03-28T01:00:00Z', '2021-10-31T00:30:00Z', '2021-10-31T01:30:00Z', '2021-01-19T23:30:00Z']) {
      for (const tz of ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'UTC']) {
        expect(formatDay(iso, 'fr', tz)).toBe(explainDay(iso, 'fr', tz));
        expect(formatDay(iso, 'en', tz)).toBe(explainDay(iso, 'en', tz));
        const hm = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.parse(iso));
        expect(formatDateTime(iso, 'fr', tz).endsWith(` ${hm}`)).toBe(true);
      }
    }
  });
});
