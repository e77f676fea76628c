import { describe, expect, it } from 'vitest';
import { complaint, mailboxFull, userUnknown } from './fixtures';
import { reconstructAddress } from './reconstruct';
import { estimateReleaseRisk, validateRelease } from './release';
import { DEFAULT_POLICY } from './settings';

const NOW = '2030-01-01T00:00:00.000Z';
const MARIE = 'marie@gmail.com';
const blacklisted = reconstructAddress({ address: MARIE, events: [complaint('2021-01-18T16:20:00Z', MARIE)], policy: DEFAULT_POLICY, now: NOW });
const longQuarantined = (address: string) =>
  reconstructAddress({ address, events: [userUnknown('2021-01-03T09:00:00Z', address), userUnknown('2021-02-03T09:00:00Z', address)], policy: DEFAULT_POLICY, now: NOW });

describe('releasing a blacklisted address needs the person’s own request (seed 002: legal risk)', () => {
  it.each([
    { reason: '', ok: false },
    { reason: '   ', ok: false },
    { reason: 'ok', ok: false },
    { reason: 'client VIP, à débloquer', ok: false }, // never says the person asked
    { reason: 'erreur de notre part, à ressortir vite', ok: false },
    { reason: 'demande', ok: false }, // too short to record anything
    { reason: 'Demande écrite de la personne par e-mail du 12/03/2024, ticket #4512', ok: true },
    { reason: 'Person asked in writing, ticket 4512 (12 Mar 2024)', ok: true },
  ])('reason "$reason" → ok: $ok', ({ reason, ok }) => {
    const r = validateRelease({ history: blacklisted, status: 'blacklisted', reason, by: 'Camille' });
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.error.code).toBe('request_not_recorded');
  });

  it('explains the refusal in plain words, in the agent language', () => {
    const r = validateRelease({ history: blacklisted, status: 'blacklisted', reason: '', by: 'Camille' }, 'fr');
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('que la personne l’a elle-même demandé') } });
  });
});

describe('other releases', () => {
  it('a long quarantine needs a note', () => {
    const h = longQuarantined('contact@petite-asso.org');
    expect(validateRelease({ history: h, status: 'long_quarantine', reason: '', by: 'Camille' })).toMatchObject({ ok: false, error: { code: 'note_required' } });
    expect(validateRelease({ history: h, status: 'long_quarantine', reason: 'adresse vérifiée par téléphone', by: 'Camille' })).toEqual({ ok: true, warnings: [] });
  });

  it('warns that a major domain’s hard bounce is reliable', () => {
    const r = validateRelease({ history: longQuarantined(MARIE), status: 'long_quarantine', reason: 'le membre confirme', by: 'Camille' });
    expect(r.ok && r.warnings.length).toBe(1);
  });

  it('refuses to release what is not there, and an anonymous release', () => {
    expect(validateRelease({ history: blacklisted, status: 'long_quarantine', reason: 'note valable', by: 'Camille' })).toMatchObject({ ok: false, error: { code: 'not_in_status' } });
    expect(validateRelease({ history: longQuarantined(MARIE), status: 'long_quarantine', reason: 'note valable', by: ' ' })).toMatchObject({ ok: false, error: { code: 'no_author' } });
  });

  it('a temporary quarantine can be released with a note', () => {
    const h = reconstructAddress({ address: MARIE, events: [mailboxFull('2021-01-10T10:00:00Z', MARIE)], policy: DEFAULT_POLICY, at: '2021-01-11T00:00:00Z' });
    expect(validateRelease({ history: h, status: 'soft_quarantine', reason: 'boîte vidée', by: 'Camille' }).ok).toBe(true);
  });
});

describe('release risk (seed 002: keep a campaign under 1 % hard bounces)', () => {
  const few = Array.from({ length: 5 }, (_, i) => longQuarantined(`m${i}@petite-asso.org`));
  const many = Array.from({ length: 300 }, (_, i) => longQuarantined(`m${i}@gmail.com`));

  it.each([
    { what: '5 small-domain addresses in 10,000 sends', set: few, size: 10_000, verdict: 'safe', rate: 0.00035 },
    { what: '300 gmail addresses in 10,000 sends', set: many, size: 10_000, verdict: 'unsafe', rate: 0.027 },
    { what: 'a blacklisted address only', set: [blacklisted], size: 10_000, verdict: 'nothing_to_release', rate: 0 },
  ])('$what → $verdict', ({ set, size, verdict, rate }) => {
    const risk = estimateReleaseRisk({ addresses: set, campaignSize: size });
    expect(risk.verdict).toBe(verdict);
    expect(risk.expectedRate).toBeCloseTo(rate, 5);
  });

  it('says how many fit in one campaign, in plain words', () => {
    const risk = estimateReleaseRisk({ addresses: many, campaignSize: 10_000 });
    expect(risk.maxPerCampaign).toBe(111); // 1 % of 10,000 / 0.9
    expect(risk.message.fr).toContain('2,7 %');
    expect(risk.message.en).toContain('At most 111 per campaign');
  });
});
