import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, STRICT_POLICY, isMajorDomain, loadPolicyFile, parsePolicy } from './settings';

describe('policy presets', () => {
  it('default: seed 002 numbers', () => {
    expect(DEFAULT_POLICY).toMatchObject({
      softQuarantineDays: [7, 14, 28, 56, 112],
      longAfterSoftQuarantines: 5,
      hardBouncesBeforeLongQuarantine: { major: 1, other: 2 },
      mailboxFullDeferralQuarantines: true,
      expiredCountsAsSoft: false,
      filterDisposable: true,
    });
  });
  it('strict: the first hard bounce anywhere (seed 004)', () => {
    expect(STRICT_POLICY.hardBouncesBeforeLongQuarantine).toEqual({ major: 1, other: 1 });
  });
  it.each([
    ['gmail.com', true],
    ['hotmail.fr', true],
    ['hotmail.co.uk', true],
    ['outlook.com', true],
    ['yahoo.fr', true],
    ['gmx.de', true],
    ['orange.fr', true],
    ['hotmail', false],
    ['mygmail.com', false],
    ['petite-asso.org', false],
  ])('%s is a major domain: %s', (domain, major) => {
    expect(isMajorDomain(domain, DEFAULT_POLICY)).toBe(major);
  });
});

describe('the policy settings file', () => {
  it('an empty file is the default preset; a preset name picks the preset', () => {
    expect(parsePolicy({})).toEqual({ ok: true, policy: DEFAULT_POLICY });
    expect(parsePolicy({ preset: 'strict' })).toEqual({ ok: true, policy: STRICT_POLICY });
  });

  it('fields override the preset and make it custom', () => {
    const r = parsePolicy({ preset: 'strict', softQuarantineDays: [3, 6], longAfterSoftQuarantines: 2, hardBouncesBeforeLongQuarantine: { other: 3 } });
    expect(r).toMatchObject({ ok: true, policy: { name: 'custom', softQuarantineDays: [3, 6], hardBouncesBeforeLongQuarantine: { major: 1, other: 3 } } });
  });

  it.each([
    { json: { softQuarantineDays: [7, 'two weeks'] }, field: 'softQuarantineDays.1', problem: 'must be a number, not the text "two weeks"' },
    { json: { softQuarantineDays: [7, 1.5] }, field: 'softQuarantineDays.1', problem: 'whole number' },
    { json: { softQuarantineDays: [] }, field: 'softQuarantineDays', problem: 'must list at least 1 value' },
    { json: { longAfterSoftQuarantines: -1 }, field: 'longAfterSoftQuarantines', problem: 'must be at least 0, not the number -1' },
    { json: { longAfterSoftQuarantines: 6 }, field: 'longAfterSoftQuarantines', problem: 'softQuarantineDays gives only 5 durations' },
    { json: { hardBouncesBeforeLongQuarantine: { major: 0 } }, field: 'hardBouncesBeforeLongQuarantine.major', problem: 'must be at least 1' },
    { json: { preset: 'lenient' }, field: 'preset', problem: 'must be one of "default", "strict", not the text "lenient"' },
    { json: { softQuarantineDay: [7] }, field: '', problem: 'unknown setting "softQuarantineDay" (check the spelling)' },
    { json: { filterDisposable: 'yes' }, field: 'filterDisposable', problem: 'must be true or false, not the text "yes"' },
    { json: { majorDomains: ['gmail.com', 'not a domain'] }, field: 'majorDomains.1', problem: 'is not a domain or a pattern like "hotmail.*"' },
    { json: [1, 2], field: '', problem: 'must hold one JSON object' },
  ])('$field: $problem', ({ json, field, problem }) => {
    const r = parsePolicy(json, 'rebond-policy.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field, problem: expect.stringContaining(problem) })]));
    expect(r.error.message).toMatch(/^rebond-policy\.json: the policy settings are not valid — /);
    expect(r.error.file).toBe('rebond-policy.json');
  });

  it('loads a file, and says plainly when it is missing or not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebond-policy-'));
    const good = join(dir, 'policy.json');
    writeFileSync(good, '\uFEFF{ "preset": "strict" }');
    expect(await loadPolicyFile(good)).toMatchObject({ ok: true, policy: { name: 'strict' } });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "preset": "strict", }');
    expect(await loadPolicyFile(bad)).toMatchObject({ ok: false, error: { message: expect.stringContaining('is not valid JSON') } });
    expect(await loadPolicyFile(join(dir, 'nope.json'))).toMatchObject({ ok: false, error: { message: expect.stringContaining('does not exist') } });
  });
});
