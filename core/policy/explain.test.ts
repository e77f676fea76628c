import { describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '../model/event';
import type { Release } from '../model/status';
import { explainHistory, formatDay, serverText } from './explain';
import { complaint, delivered, event, mailboxFull, spamhausBlock, userUnknown } from './fixtures';
import { reconstructAddress, type ImportedListEntry, type ReconstructInput } from './reconstruct';
import { DEFAULT_POLICY, STRICT_POLICY } from './settings';

const NOW = '2030-01-01T00:00:00.000Z';
const MARIE = 'marie@gmail.com';
const ASSO = 'contact@petite-asso.org';

function explain(address: string, events: DeliveryEvent[], lang: 'fr' | 'en', extra: Partial<ReconstructInput> = {}, tz = 'Europe/Paris') {
  const h = reconstructAddress({ address, events, policy: DEFAULT_POLICY, now: NOW, ...extra });
  return explainHistory({ ...h, at: null }, lang, tz);
}

// the seeds' example: a 1st quarantine on 10 Jan, then mailbox full again on 29 Jan 2021
const secondQuarantine = [mailboxFull('2021-01-10T10:00:00.000Z', MARIE), mailboxFull('2021-01-29T10:00:00.000Z', MARIE)];
const AT_FEB = { at: '2021-02-01T00:00:00Z' };

describe('explanations read like the seeds', () => {
  it.each([
    { lang: 'fr' as const, text: "2ᵉ quarantaine temporaire (14 jours, jusqu’au 12 févr. 2021) après « 452 4.2.2 mailbox full » de gmail.com le 29 janv. 2021." },
    { lang: 'en' as const, text: '2nd temporary quarantine (14 days, until 12 Feb 2021) after “452 4.2.2 mailbox full” from gmail.com on 29 Jan 2021.' },
  ])('2nd temporary quarantine ($lang)', ({ lang, text }) => {
    expect(explain(MARIE, secondQuarantine, lang, AT_FEB)).toMatch(new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('says what the next soft bounce would do', () => {
    expect(explain(MARIE, secondQuarantine, 'fr', AT_FEB)).toContain('Au prochain rejet temporaire sans remise entre-temps : 3ᵉ quarantaine (28 jours).');
    expect(explain(MARIE, secondQuarantine, 'en', AT_FEB)).toContain('3rd temporary quarantine (28 days)');
  });

  it('prefixes the instant when asked as of a date', () => {
    const h = reconstructAddress({ address: MARIE, events: secondQuarantine, policy: DEFAULT_POLICY, ...AT_FEB });
    expect(explainHistory(h, 'fr', 'UTC')).toMatch(/^Au 1 févr. 2021 : 2ᵉ quarantaine/);
    expect(explainHistory(h, 'en', 'UTC')).toMatch(/^As of 1 Feb 2021: 2nd temporary/);
  });

  it('dates are calendar days in the agent time zone', () => {
    expect(formatDay('2021-01-29T23:30:00Z', 'fr', 'Europe/Paris')).toBe('30 janv. 2021');
    expect(formatDay('2021-01-29T23:30:00Z', 'fr', 'UTC')).toBe('29 janv. 2021');
    expect(formatDay('2021-09-05T12:00:00Z', 'en')).toBe('5 Sep 2021');
  });

  it('quotes the server text once, code and enhanced code not repeated', () => {
    const cause = { time: '', type: 'hard_bounce', category: 'user_unknown', smtpCode: 550, enhancedCode: '5.1.1', diagnostic: '550 5.1.1 <x@gmail.com>: user unknown', domain: 'gmail.com', source: null };
    expect(serverText(cause, 'fr')).toBe('550 5.1.1 <x@gmail.com>: user unknown');
    expect(serverText({ ...cause, smtpCode: null, enhancedCode: null, diagnostic: null, category: 'mailbox_full' }, 'fr')).toBe('boîte pleine');
  });

  it.each([
    {
      what: 'long quarantine at a major domain',
      address: MARIE,
      events: [userUnknown('2021-01-03T09:00:00Z', MARIE)],
      fr: "Quarantaine longue durée après le rejet permanent « 550 5.1.1 The email account that you tried to reach does not exist. » de gmail.com le 3 janv. 2021 : chez un grand domaine, le 1er rejet permanent suffit. Elle ne prend fin que par une sortie manuelle",
      en: 'Long quarantine after the hard bounce “550 5.1.1 The email account that you tried to reach does not exist.” from gmail.com on 3 Jan 2021: at a major domain the 1st hard bounce is enough.',
    },
    {
      what: 'long quarantine at the 2nd hard bounce of a small domain',
      address: ASSO,
      events: [userUnknown('2021-01-03T09:00:00Z', ASSO), userUnknown('2021-02-04T09:00:00Z', ASSO)],
      fr: "après le 2ᵉ rejet permanent « 550 5.1.1 The email account that you tried to reach does not exist. » de petite-asso.org le 4 févr. 2021 : petite-asso.org n’est pas un grand domaine, il en faut 2 (le précédent le 3 janv. 2021).",
      en: 'after the 2nd hard bounce “550 5.1.1 The email account that you tried to reach does not exist.” from petite-asso.org on 4 Feb 2021: petite-asso.org is not a major domain, it takes 2 (the previous one on 3 Jan 2021).',
    },
    {
      what: 'blacklist',
      address: MARIE,
      events: [complaint('2021-01-18T16:20:00Z', MARIE)],
      fr: 'Liste noire : la personne a signalé un message comme spam le 18 janv. 2021. La liste noire ne vaut que pour cette licence. Pour la sortir de la liste noire, il faut une demande écrite de la personne elle-même (risque légal).',
      en: 'Blacklisted: the person reported a message as spam on 18 Jan 2021. The blacklist applies to this sender account only. Taking it off the blacklist requires a written request from the person (legal risk).',
    },
    {
      what: 'unsubscribed',
      address: MARIE,
      events: [event('2021-01-18T16:20:00Z', 'unsubscribe', MARIE)],
      fr: 'Désinscrite depuis le 18 janv. 2021 : la personne a demandé à ne plus recevoir vos messages.',
      en: 'Unsubscribed since 18 Jan 2021: the person asked to stop receiving your messages.',
    },
    {
      what: 'ok, with a pending small-domain hard bounce and a Spamhaus block that did not count',
      address: ASSO,
      events: [delivered('2021-01-02T09:00:00Z', ASSO), userUnknown('2021-01-03T09:00:00Z', ASSO), spamhausBlock('2021-01-04T09:00:00Z', ASSO)],
      fr: "Aucune quarantaine ni liste noire en cours. Dernière remise le 2 janv. 2021. 1 rejet permanent « 550 5.1.1 The email account that you tried to reach does not exist. » de petite-asso.org le 3 janv. 2021 : un 2ᵉ la placera en quarantaine longue durée. Un rejet dû à l’expéditeur",
      en: 'No quarantine or blacklist in force. Last delivery on 2 Jan 2021. 1 hard bounce “550 5.1.1 The email account that you tried to reach does not exist.” from petite-asso.org on 3 Jan 2021: a 2nd one will put it in long quarantine.',
    },
    {
      what: 'unknown',
      address: 'nobody@gmail.com',
      events: [],
      fr: 'Adresse inconnue : aucun événement pour elle dans les données importées.',
      en: 'Unknown address: no event for it in the imported data.',
    },
  ])('$what', ({ address, events, fr, en }) => {
    expect(explain(address, events, 'fr')).toContain(fr);
    expect(explain(address, events, 'en')).toContain(en);
  });

  it('filtered disposable address', () => {
    const y = 'test@yopmail.com';
    const text = explain(y, [delivered('2021-01-02T09:00:00Z', y)], 'fr', { disposable: true });
    expect(text).toBe("Adresse filtrée : yopmail.com est un domaine d’adresses jetables (type yopmail), filtré dès le premier envoi le 2 janv. 2021. Demandez une adresse durable à la personne.");
  });

  it('imported from a previous tool, with the import named', () => {
    const entry: ImportedListEntry = { address: ASSO, status: 'long_quarantine', since: '2020-06-01T00:00:00Z', source: { importId: 7, file: 'quarantaine-ancien-outil.csv', line: 12 } };
    expect(explain(ASSO, [], 'fr', { imported: [entry] })).toContain(
      "Quarantaine longue durée importée d’un outil précédent (import n°7, quarantaine-ancien-outil.csv, ligne 12) depuis le 1 juin 2020.",
    );
    expect(explain(ASSO, [], 'en', { imported: [entry] })).toContain('Long quarantine imported from a previous tool (import #7, quarantaine-ancien-outil.csv, line 12) since 1 Jun 2020.');
  });

  it('released by an agent, with who, when and why', () => {
    const r: Release = { address: MARIE, time: '2021-03-01T10:00:00Z', by: 'Camille', reason: 'adresse vérifiée avec le membre', status: 'long_quarantine' };
    const events = [userUnknown('2021-01-03T09:00:00Z', MARIE)];
    expect(explain(MARIE, events, 'fr', { releases: [r] })).toContain('Sortie de quarantaine longue durée par Camille le 1 mars 2021, motif : « adresse vérifiée avec le membre ».');
    expect(explain(MARIE, events, 'en', { releases: [r] })).toContain('Released from long quarantine by Camille on 1 Mar 2021 because “adresse vérifiée avec le membre”.');
  });

  it('long quarantine after five temporary ones', () => {
    const times = ['2021-01-04', '2021-01-12', '2021-01-27', '2021-02-25', '2021-04-23', '2021-09-01'].map((d) => `${d}T10:00:00.000Z`);
    expect(explain(MARIE, times.map((t) => mailboxFull(t, MARIE)), 'fr')).toContain(
      'Quarantaine longue durée depuis le 1 sept. 2021 : les rejets temporaires ont continué après la 5ᵉ quarantaine temporaire sans aucune remise entre-temps',
    );
  });

  it('the strict preset says so', () => {
    const h = reconstructAddress({ address: ASSO, events: [userUnknown('2021-01-03T09:00:00Z', ASSO)], policy: STRICT_POLICY, now: NOW });
    expect(explainHistory(h, 'en')).toContain('the strict policy applies it at the 1st hard bounce, whatever the domain');
  });

  it('a blacklisted address also in long quarantine says both', () => {
    const events = [userUnknown('2021-01-05T09:00:00Z', MARIE), complaint('2021-01-18T16:20:00Z', MARIE)];
    expect(explain(MARIE, events, 'fr')).toContain('Elle est aussi en quarantaine longue durée depuis le 5 janv. 2021.');
  });

  it('a quarantined address that is also unsubscribed says both', () => {
    const events = [event('2021-01-02T09:00:00Z', 'unsubscribe', MARIE), userUnknown('2021-01-05T09:00:00Z', MARIE)];
    expect(explain(MARIE, events, 'en')).toContain('The address is also unsubscribed since 2 Jan 2021.');
  });
});
