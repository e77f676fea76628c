import { describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '../model/event';
import type { Release } from '../model/status';
import { complaint, delivered, event, mailboxFull, spamhausBlock, userUnknown } from './fixtures';
import { reconstructAddress, type ImportedListEntry, type ReconstructInput } from './reconstruct';
import { DEFAULT_POLICY, STRICT_POLICY, parsePolicy, type Policy } from './settings';

const NOW = '2030-01-01T00:00:00.000Z';
const MARIE = 'marie@gmail.com';
const ASSO = 'contact@petite-asso.org';

function history(address: string, events: DeliveryEvent[], extra: Partial<ReconstructInput> = {}) {
  return reconstructAddress({ address, events, releases: [], imported: [], disposable: false, policy: DEFAULT_POLICY, now: NOW, ...extra });
}

function custom(fields: Record<string, unknown>): Policy {
  const r = parsePolicy(fields);
  if (!r.ok) throw new Error(r.error.message);
  return r.policy;
}

describe('temporary quarantine: 1, 2, 4, 8, 16 weeks (seed 002)', () => {
  // each mailbox-full bounce comes the day after the previous quarantine ended
  const times = ['2021-01-04', '2021-01-12', '2021-01-27', '2021-02-25', '2021-04-23'].map((d) => `${d}T10:00:00.000Z`);
  const cases = [
    { nth: 1, days: 7, until: '2021-01-11T10:00:00.000Z' },
    { nth: 2, days: 14, until: '2021-01-26T10:00:00.000Z' },
    { nth: 3, days: 28, until: '2021-02-24T10:00:00.000Z' },
    { nth: 4, days: 56, until: '2021-04-22T10:00:00.000Z' },
    { nth: 5, days: 112, until: '2021-08-13T10:00:00.000Z' },
  ];
  it.each(cases)('the $nth soft bounce gives $days days', ({ nth, days, until }) => {
    const events = times.slice(0, nth).map((t) => mailboxFull(t, MARIE));
    const h = history(MARIE, events, { at: times[nth - 1] });
    expect(h.status).toBe('soft_quarantine');
    expect(h.until).toBe(until);
    expect(h.softQuarantineCount).toBe(nth);
    const p = h.periods[h.statusPeriod!];
    expect(p).toMatchObject({ status: 'soft_quarantine', level: nth, durationDays: days, start: times[nth - 1], end: until, reason: 'soft_bounce' });
    expect(p.cause).toMatchObject({ time: times[nth - 1], smtpCode: 452, enhancedCode: '4.2.2', domain: 'gmail.com' });
    expect(p.rule).toBe(`soft_quarantine.escalation[${nth}]=${days}d`);
  });

  it('is over once its days have passed', () => {
    const h = history(MARIE, [mailboxFull(times[0], MARIE)], { at: '2021-01-11T10:00:00.000Z' });
    expect(h.status).toBe('ok');
    expect(h.softQuarantineCount).toBe(1); // the escalation remembers it
    expect(h.periods[0]).toMatchObject({ end: '2021-01-11T10:00:00.000Z', endedBy: 'expiry', running: false });
  });

  it('a bounce during a running quarantine is counted, not stacked', () => {
    const h = history(MARIE, [mailboxFull(times[0], MARIE), mailboxFull('2021-01-05T10:00:00.000Z', MARIE), mailboxFull('2021-01-06T10:00:00.000Z', MARIE)], {
      at: '2021-01-07T00:00:00.000Z',
    });
    expect(h.periods).toHaveLength(1);
    expect(h.softBounceCount).toBe(3);
    expect(h.softQuarantineCount).toBe(1);
    expect(h.until).toBe('2021-01-11T10:00:00.000Z');
  });

  it('a delivery resets the escalation: the next soft bounce is a 1st quarantine again', () => {
    const events = [mailboxFull(times[0], MARIE), mailboxFull(times[1], MARIE), delivered('2021-02-01T08:00:00.000Z', MARIE), mailboxFull('2021-02-10T10:00:00.000Z', MARIE)];
    const h = history(MARIE, events, { at: '2021-02-10T12:00:00.000Z' });
    expect(h.status).toBe('soft_quarantine');
    expect(h.periods.at(-1)).toMatchObject({ level: 1, durationDays: 7 });
    expect(h.softQuarantineCount).toBe(1);
  });

  it('a delivery during a temporary quarantine ends it there (the mailbox works again)', () => {
    const h = history(MARIE, [mailboxFull(times[0], MARIE), delivered('2021-01-06T08:00:00.000Z', MARIE)]);
    expect(h.status).toBe('ok');
    expect(h.softQuarantineCount).toBe(0);
    expect(h.periods[0]).toMatchObject({ end: '2021-01-06T08:00:00.000Z', endedBy: 'delivery' });
  });

  it('the 6th soft bounce in a row, with no delivery in between, means long quarantine', () => {
    const events = [...times, '2021-09-01T10:00:00.000Z'].map((t) => mailboxFull(t, MARIE));
    const h = history(MARIE, events);
    expect(h.status).toBe('long_quarantine');
    expect(h.until).toBeNull();
    expect(h.periods.map((p) => p.status)).toEqual([...Array(5).fill('soft_quarantine'), 'long_quarantine']);
    expect(h.periods[5]).toMatchObject({ start: '2021-09-01T10:00:00.000Z', end: null, reason: 'soft_bounces_after_quarantines', rule: 'long_quarantine.soft_escalation(5)' });
  });

  it('a mailbox_full deferral quarantines too (seed 003), unless the policy says no', () => {
    const deferral = event('2021-01-29T10:00:00.000Z', 'deferred', MARIE, { category: 'mailbox_full', countsAgainstAddress: false, smtpCode: 452, enhancedCode: '4.2.2' });
    expect(history(MARIE, [deferral], { at: '2021-01-30T00:00:00Z' })).toMatchObject({ status: 'soft_quarantine', periods: [{ reason: 'mailbox_full_deferral' }] });
    expect(history(MARIE, [deferral], { at: '2021-01-30T00:00:00Z', policy: custom({ mailboxFullDeferralQuarantines: false }) }).status).toBe('ok');
  });

  it('other deferrals never quarantine (greylisting resolves itself)', () => {
    const grey = event('2021-01-29T10:00:00.000Z', 'deferred', 'jean@orange.fr', { category: 'greylisted', countsAgainstAddress: false, smtpCode: 421 });
    expect(history('jean@orange.fr', [grey]).status).toBe('ok');
  });

  it('an expiry counts as a soft bounce only when the policy says so', () => {
    const expiry = event('2021-01-29T10:00:00.000Z', 'hard_bounce', ASSO, { category: 'expired', countsAgainstAddress: false, enhancedCode: '5.4.7' });
    const at = '2021-01-30T00:00:00Z';
    expect(history(ASSO, [expiry], { at }).status).toBe('ok');
    expect(history(ASSO, [expiry], { at, policy: custom({ expiredCountsAsSoft: true }) }).status).toBe('soft_quarantine');
  });
});

describe('long quarantine from hard bounces (seed 002)', () => {
  it.each([
    { address: MARIE, status: 'long_quarantine' },
    { address: 'paul@hotmail.fr', status: 'long_quarantine' },
    { address: 'li@yahoo.co.uk', status: 'long_quarantine' },
    { address: 'jean@orange.fr', status: 'long_quarantine' },
    { address: ASSO, status: 'ok' },
    { address: 'x@gmail.com.evil.net', status: 'ok' },
  ])('one hard bounce at $address → $status', ({ address, status }) => {
    const h = history(address, [userUnknown('2021-01-03T09:00:00.000Z', address)]);
    expect(h.status).toBe(status);
    expect(h.hardBounceCount).toBe(1);
  });

  it('gmail.com: long quarantine at once, pointing at the bounce, with no end', () => {
    const h = history(MARIE, [delivered('2021-01-01T09:00:00.000Z', MARIE), userUnknown('2021-01-03T09:00:00.000Z', MARIE)]);
    expect(h.periods).toEqual([
      expect.objectContaining({ status: 'long_quarantine', start: '2021-01-03T09:00:00.000Z', end: null, reason: 'hard_bounce', rule: 'long_quarantine.hard_bounce.major(1)', running: true }),
    ]);
    expect(h.periods[0].cause).toMatchObject({ type: 'hard_bounce', category: 'user_unknown', smtpCode: 550, source: { importId: 1, file: 'mailjet-events.csv' } });
  });

  it('a small domain needs the 2nd hard bounce', () => {
    const first = userUnknown('2021-01-03T09:00:00.000Z', ASSO);
    const second = userUnknown('2021-02-03T09:00:00.000Z', ASSO);
    expect(history(ASSO, [first])).toMatchObject({ status: 'ok', hardBouncesSinceDelivery: 1, hardBouncesNeeded: 2 });
    const h = history(ASSO, [first, second]);
    expect(h.status).toBe('long_quarantine');
    expect(h.periods[0]).toMatchObject({ start: '2021-02-03T09:00:00.000Z', rule: 'long_quarantine.hard_bounce.other(2)' });
    expect(h.periods[0].earlierCauses.map((c) => c.time)).toEqual(['2021-01-03T09:00:00.000Z']);
  });

  it('a delivery between two hard bounces at a small domain starts the count again', () => {
    const h = history(ASSO, [userUnknown('2021-01-03T09:00:00.000Z', ASSO), delivered('2021-01-10T09:00:00.000Z', ASSO), userUnknown('2021-02-03T09:00:00.000Z', ASSO)]);
    expect(h).toMatchObject({ status: 'ok', hardBounceCount: 2, hardBouncesSinceDelivery: 1 });
  });

  it('a hard bounce ends a running temporary quarantine: the long one takes over', () => {
    const h = history(MARIE, [mailboxFull('2021-01-03T09:00:00.000Z', MARIE), userUnknown('2021-01-05T09:00:00.000Z', MARIE)]);
    expect(h.status).toBe('long_quarantine');
    expect(h.periods[0]).toMatchObject({ status: 'soft_quarantine', end: '2021-01-05T09:00:00.000Z', endedBy: 'long_quarantine' });
  });

  it('the strict preset (Ximi, seed 004): the first hard bounce anywhere', () => {
    const h = history(ASSO, [userUnknown('2021-01-03T09:00:00.000Z', ASSO)], { policy: STRICT_POLICY });
    expect(h).toMatchObject({ status: 'long_quarantine', policyName: 'strict', periods: [{ rule: 'long_quarantine.hard_bounce.other(1)' }] });
  });
});

describe('what never moves an address (seed 002: the sender reputation, not the address)', () => {
  it.each([
    { what: 'a Spamhaus block', e: spamhausBlock('2021-01-03T09:00:00.000Z', MARIE) },
    { what: 'a spam-content bounce', e: event('2021-01-03T09:00:00.000Z', 'hard_bounce', MARIE, { category: 'spam_content', countsAgainstAddress: false, smtpCode: 550, enhancedCode: '5.7.1' }) },
    { what: 'a rate limit', e: event('2021-01-03T09:00:00.000Z', 'soft_bounce', MARIE, { category: 'rate_limited', countsAgainstAddress: false, smtpCode: 421 }) },
    { what: 'an authentication failure', e: event('2021-01-03T09:00:00.000Z', 'hard_bounce', MARIE, { category: 'auth_failure', countsAgainstAddress: false, smtpCode: 550, enhancedCode: '5.7.26' }) },
    { what: 'a platform block', e: event('2021-01-03T09:00:00.000Z', 'blocked', MARIE, { countsAgainstAddress: true }) },
  ])('$what never quarantines', ({ e }) => {
    const h = history(MARIE, [e, { ...e, time: '2021-01-04T09:00:00.000Z' }]);
    expect(h.status).toBe('ok');
    expect(h.periods).toEqual([]);
    expect(h.hardBounceCount).toBe(0);
  });

  it('counts them apart, so the explanation can say they did not count', () => {
    expect(history(MARIE, [spamhausBlock('2021-01-03T09:00:00.000Z', MARIE)]).ignoredBounceCount).toBe(1);
  });
});

describe('blacklist, filtered, unsubscribed', () => {
  it('a complaint blacklists from its instant, for good, and wins over a long quarantine', () => {
    const h = history(MARIE, [userUnknown('2021-01-03T09:00:00.000Z', MARIE), complaint('2021-01-18T16:20:00.000Z', MARIE, 'newsletter@asso.fr')]);
    expect(h).toMatchObject({ status: 'blacklisted', since: '2021-01-18T16:20:00.000Z', until: null, complaintCount: 1 });
    expect(h.periods[1]).toMatchObject({ status: 'blacklisted', end: null, reason: 'complaint', rule: 'blacklist.complaint', account: 'newsletter@asso.fr' });
    expect(history(MARIE, [complaint('2021-01-18T16:20:00.000Z', MARIE)], { at: '2021-01-18T16:19:59Z' }).status).toBe('unknown');
  });

  it('yopmail is filtered from the first event', () => {
    const y = 'test@yopmail.com';
    const events = [delivered('2021-01-02T09:00:00.000Z', y), mailboxFull('2021-01-05T09:00:00.000Z', y)];
    const h = history(y, events, { disposable: true });
    expect(h.status).toBe('filtered');
    expect(h.periods[0]).toMatchObject({ status: 'filtered', start: '2021-01-02T09:00:00.000Z', end: null, rule: 'filtered.disposable' });
    expect(history(y, events, { disposable: false, at: '2021-01-06T00:00:00Z' }).status).toBe('soft_quarantine');
    expect(history(y, events, { disposable: true, policy: custom({ filterDisposable: false }) }).periods.some((p) => p.status === 'filtered')).toBe(false);
  });

  it('an unsubscribe is kept beside a quarantine', () => {
    const h = history(MARIE, [event('2021-01-02T09:00:00.000Z', 'unsubscribe', MARIE), mailboxFull('2021-01-05T09:00:00.000Z', MARIE)], { at: '2021-01-06T00:00:00Z' });
    expect(h).toMatchObject({ status: 'soft_quarantine', unsubscribed: true });
    expect(history(MARIE, [event('2021-01-02T09:00:00.000Z', 'unsubscribe', MARIE)])).toMatchObject({ status: 'unsubscribed', unsubscribed: true });
  });

  it('status precedence: blacklisted > filtered > long > soft > unsubscribed', () => {
    const y = 'x@yopmail.com';
    const all = [event('2021-01-01T00:00:00Z', 'unsubscribe', y), userUnknown('2021-01-02T00:00:00Z', y), userUnknown('2021-01-03T00:00:00Z', y), complaint('2021-01-04T00:00:00Z', y)];
    expect(history(y, all, { disposable: true }).status).toBe('blacklisted');
    expect(history(y, all.slice(0, 3), { disposable: true }).status).toBe('filtered');
    expect(history(y, all.slice(0, 3)).status).toBe('long_quarantine');
  });

  it('never seen → unknown', () => {
    expect(history('nobody@gmail.com', [])).toMatchObject({ status: 'unknown', periods: [], firstSeen: null });
  });
});

describe('imported history (seed 002)', () => {
  const entry: ImportedListEntry = {
    address: ASSO,
    status: 'invalid',
    since: '2020-06-01T00:00:00Z',
    source: { importId: 7, file: 'Emails identifiés comme invalides.csv', line: 12 },
  };

  it('an imported list entry appears as a period whose source is that import', () => {
    const h = history(ASSO, [delivered('2021-01-02T09:00:00.000Z', ASSO)], { imported: [entry] });
    expect(h.status).toBe('long_quarantine');
    expect(h.periods[0]).toMatchObject({
      status: 'long_quarantine',
      start: '2020-06-01T00:00:00.000Z',
      end: null,
      cause: null,
      rule: 'imported.invalid',
      importedFrom: { importId: 7, file: 'Emails identifiés comme invalides.csv', line: 12 },
    });
  });

  it('and is gone when the import is not passed (removed)', () => {
    const h = history(ASSO, [delivered('2021-01-02T09:00:00.000Z', ASSO)]);
    expect(h.status).toBe('ok');
    expect(h.periods).toEqual([]);
  });

  it('an address known only from an import is not unknown', () => {
    expect(history(ASSO, [], { imported: [entry] }).status).toBe('long_quarantine');
  });

  it('entries for other addresses are ignored', () => {
    expect(history(MARIE, [], { imported: [entry] }).status).toBe('unknown');
  });
});

describe('releases (SPEC §5.8)', () => {
  const release = (time: string, status: Release['status'], address = MARIE): Release => ({ address, time, by: 'Camille', reason: 'Adresse vérifiée avec le membre par téléphone', status });

  it('a release ends the long quarantine at its time and is recorded on the period', () => {
    const r = release('2021-03-01T10:00:00.000Z', 'long_quarantine');
    const h = history(MARIE, [userUnknown('2021-01-03T09:00:00.000Z', MARIE)], { releases: [r] });
    expect(h.status).toBe('ok');
    expect(h.periods[0]).toMatchObject({ end: '2021-03-01T10:00:00.000Z', endedBy: 'release', release: r });
    expect(h.releases).toEqual([r]);
  });

  it('a released address that hard-bounces again goes straight back (seed 002)', () => {
    const h = history(ASSO, [userUnknown('2021-01-03T09:00:00Z', ASSO), userUnknown('2021-01-10T09:00:00Z', ASSO), userUnknown('2021-04-01T09:00:00Z', ASSO)], {
      releases: [release('2021-03-01T10:00:00Z', 'long_quarantine', ASSO)],
    });
    expect(h.status).toBe('long_quarantine');
    expect(h.periods.map((p) => p.start)).toEqual(['2021-01-10T09:00:00.000Z', '2021-04-01T09:00:00.000Z']);
  });

  it('a blacklist release ends the blacklist; a release of something not running is kept apart', () => {
    const r = release('2021-03-01T10:00:00Z', 'blacklisted');
    const h = history(MARIE, [complaint('2021-01-18T16:20:00Z', MARIE)], { releases: [r, release('2021-03-02T10:00:00Z', 'long_quarantine')] });
    expect(h.status).toBe('ok');
    expect(h.periods[0].release).toEqual(r);
    expect(h.unmatchedReleases).toHaveLength(1);
  });

  it('a release before the quarantine does not pre-empt it', () => {
    const h = history(MARIE, [userUnknown('2021-04-01T09:00:00Z', MARIE)], { releases: [release('2021-03-01T10:00:00Z', 'long_quarantine')] });
    expect(h.status).toBe('long_quarantine');
  });
});

describe('status as of an instant (`at`)', () => {
  const events = [mailboxFull('2021-01-10T10:00:00.000Z', MARIE), mailboxFull('2021-01-29T10:00:00.000Z', MARIE), userUnknown('2021-03-01T10:00:00.000Z', MARIE)];
  const releases: Release[] = [{ address: MARIE, time: '2021-04-01T00:00:00Z', by: 'Camille', reason: 'adresse vérifiée', status: 'long_quarantine' }];
  it.each([
    { at: '2021-01-01T00:00:00Z', status: 'unknown', until: null, periods: 0 },
    { at: '2021-01-12T00:00:00Z', status: 'soft_quarantine', until: '2021-01-17T10:00:00.000Z', periods: 1 },
    { at: '2021-01-20T00:00:00Z', status: 'ok', until: null, periods: 1 },
    { at: '2021-02-01T00:00:00Z', status: 'soft_quarantine', until: '2021-02-12T10:00:00.000Z', periods: 2 },
    { at: '2021-03-15T00:00:00Z', status: 'long_quarantine', until: null, periods: 3 },
    { at: '2021-04-02T00:00:00Z', status: 'ok', until: null, periods: 3 },
  ])('at $at: $status', ({ at, status, until, periods }) => {
    const h = history(MARIE, events, { releases, at });
    expect(h.status).toBe(status);
    expect(h.until).toBe(until);
    expect(h.periods).toHaveLength(periods); // periods that start later are left out
  });

  it('a long quarantine released later shows no end as of an earlier instant', () => {
    const h = history(MARIE, events, { releases, at: '2021-03-15T00:00:00Z' });
    expect(h.periods[2]).toMatchObject({ end: null, endedBy: null, running: true, release: null });
    expect(h.releases).toEqual([]);
  });

  it('a temporary quarantine running at `at` shows its scheduled end even if a later delivery cut it', () => {
    const h = history(MARIE, [...events, delivered('2021-02-05T00:00:00Z', MARIE)], { at: '2021-02-01T00:00:00Z' });
    expect(h.periods[1]).toMatchObject({ end: '2021-02-12T10:00:00.000Z', running: true, endedBy: null });
  });

  it('refuses an `at` that is not a date', () => {
    expect(() => history(MARIE, events, { at: 'yesterday' })).toThrow(/ISO-8601/);
  });
});

describe('determinism', () => {
  it('events in any order give the same history', () => {
    const events = [
      mailboxFull('2021-01-10T10:00:00.000Z', MARIE),
      delivered('2021-01-20T10:00:00.000Z', MARIE),
      mailboxFull('2021-01-29T10:00:00.000Z', MARIE),
      complaint('2021-02-03T10:00:00.000Z', MARIE),
      userUnknown('2021-03-01T10:00:00.000Z', MARIE),
    ];
    const expected = history(MARIE, events);
    for (let seed = 1; seed <= 10; seed++) {
      const shuffled = [...events].sort((a, b) => ((a.source.line * seed * 7919) % 13) - ((b.source.line * seed * 7919) % 13));
      expect(history(MARIE, shuffled)).toEqual(expected);
    }
  });

  it('accepts non-canonical ISO times and mixed-case addresses', () => {
    const e = { ...mailboxFull('2021-01-29T11:00:00+01:00', MARIE), address: 'Marie@Gmail.com ' };
    const h = reconstructAddress({ address: ' MARIE@gmail.com', events: [e], policy: DEFAULT_POLICY, at: '2021-01-30' });
    expect(h).toMatchObject({ address: MARIE, status: 'soft_quarantine', until: '2021-02-05T10:00:00.000Z' });
  });
});
