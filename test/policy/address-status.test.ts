/**
 * Issue 5's scenarios through the real path — a Mailjet export imported into a workspace, then
 * `rebond address --json --at …` — so that what the policy tests prove is what an agent sees.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../core/demo/generate';
import { rebond, tempDir } from '../helpers';

const HEADER = 'event,time,MessageID,email,hard_bounce,error_related_to,error,comment';
const FULL = '"452 4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp - gsmtp"';
const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);
let id = 1000;
const soft = (email: string, iso: string) => `bounce,${unix(iso)},${++id},${email},false,recipient,quota exceeded,${FULL}`;
const sent = (email: string, iso: string) => `sent,${unix(iso)},${++id},${email},,,,`;
const hard = (email: string, iso: string, text: string) => `bounce,${unix(iso)},${++id},${email},true,recipient,user unknown,"${text}"`;

const dir = tempDir();
const db = join(dir.path, 'w.duckdb');

async function address(email: string, at: string, lang = 'en') {
  const result = await rebond(['address', '--db', db, '--json', '--at', at, '--lang', lang, email]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

beforeAll(async () => {
  const rows = [HEADER];
  // five mailbox-full soft bounces, each after the previous quarantine ended
  const days = ['2021-01-04', '2021-01-12', '2021-01-27', '2021-02-25', '2021-04-23', '2021-08-14'];
  days.forEach((d) => rows.push(soft('escalade@gmail.com', `${d}T10:00:00Z`)));
  // a delivery between two soft bounces resets the escalation
  rows.push(soft('remise@gmail.com', '2021-01-04T10:00:00Z'), sent('remise@gmail.com', '2021-01-20T10:00:00Z'), soft('remise@gmail.com', '2021-01-25T10:00:00Z'));
  const unknownUser = '550 5.1.1 <x>: Recipient address rejected: User unknown in local recipient table';
  rows.push(hard('grand@gmail.com', '2021-01-05T10:00:00Z', unknownUser));
  rows.push(hard('petit@asso-quartier.fr', '2021-01-05T10:00:00Z', unknownUser), hard('petit@asso-quartier.fr', '2021-01-15T10:00:00Z', unknownUser));
  rows.push(`bounce,${unix('2021-01-05T10:00:00Z')},${++id},bloque@orange.fr,true,spam,sender blocked,"554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org"`);
  rows.push(sent('plainte@free.fr', '2021-01-05T10:00:00Z'), `spam,${unix('2021-01-05T12:00:00Z')},${id},plainte@free.fr,,,,`);
  writeFileSync(join(dir.path, 'scenarios.csv'), rows.join('\n') + '\n');
  const imported = await rebond(['import', '--db', db, '--json', join(dir.path, 'scenarios.csv')]);
  expect(JSON.parse(imported.stdout).files[0]).toMatchObject({ rejected: 0 });
});

afterAll(() => dir.remove());

describe('rebond address --json --at', () => {
  it('escalates temporary quarantines 7, 14, 28, 56, 112 days, then long quarantine', async () => {
    const end = await address('escalade@gmail.com', '2021-12-31T00:00:00Z');
    const soft = end.periods.filter((p: { status: string }) => p.status === 'soft_quarantine');
    expect(soft.map((p: { start: string; end: string }) => (Date.parse(p.end) - Date.parse(p.start)) / 86_400_000)).toEqual([7, 14, 28, 56, 112]);
    expect(end.status).toBe('long_quarantine');
    expect(end.until).toBeNull();

    const during2nd = await address('escalade@gmail.com', '2021-01-20T00:00:00Z');
    expect(during2nd).toMatchObject({ status: 'soft_quarantine', until: '2021-01-26T10:00:00.000Z' });
    expect(during2nd.explanation).toMatch(/2nd temporary quarantine \(14 days, until 26 Jan 2021\)/);
    const fr = await address('escalade@gmail.com', '2021-01-20T00:00:00Z', 'fr');
    expect(fr.explanation).toMatch(/2ᵉ quarantaine temporaire \(14 jours, jusqu’au 26 janv\. 2021\)/);
    // periods that start after --at are left out
    expect(during2nd.periods).toHaveLength(2);
  });

  it('resets the escalation after a delivery', async () => {
    const r = await address('remise@gmail.com', '2021-01-26T00:00:00Z');
    expect(r).toMatchObject({ status: 'soft_quarantine', until: '2021-02-01T10:00:00.000Z' });
  });

  it('puts a major-domain hard bounce in long quarantine at once, a small domain at the 2nd', async () => {
    expect(await address('grand@gmail.com', '2021-01-06T00:00:00Z')).toMatchObject({ status: 'long_quarantine' });
    expect(await address('petit@asso-quartier.fr', '2021-01-06T00:00:00Z')).toMatchObject({ status: 'ok' });
    expect(await address('petit@asso-quartier.fr', '2021-01-16T00:00:00Z')).toMatchObject({ status: 'long_quarantine' });
  });

  it('never quarantines for a Spamhaus block, and blacklists on a complaint', async () => {
    const blocked = await address('bloque@orange.fr', '2021-02-01T00:00:00Z');
    expect(blocked.status).toBe('ok');
    expect(blocked.events[0]).toMatchObject({ category: 'sender_blocklisted', countsAgainstAddress: false });
    expect(await address('plainte@free.fr', '2021-01-05T11:00:00Z')).toMatchObject({ status: 'ok' });
    expect(await address('plainte@free.fr', '2021-01-05T13:00:00Z')).toMatchObject({ status: 'blacklisted' });
  });

  it('refuses a blacklist release without the person’s request, records one with it', async () => {
    const refused = await rebond(['release', '--db', db, '--reason', 'client VIP', 'plainte@free.fr']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/plainte@free\.fr/);
    const ok = await rebond(['release', '--db', db, '--by', 'Lucie', '--reason', 'Demande écrite de la personne par e-mail, ticket #4512', 'plainte@free.fr']);
    expect(ok.code).toBe(0);
    const after = await address('plainte@free.fr', '2099-01-01T00:00:00Z');
    expect(after.status).toBe('ok');
    const blacklist = after.periods.find((p: { status: string }) => p.status === 'blacklisted');
    expect(blacklist.release).toMatchObject({ by: 'Lucie', reason: expect.stringContaining('ticket #4512') });
  });

  it('lists the addresses in a status, and estimates the risk of releasing them', async () => {
    const list = JSON.parse((await rebond(['addresses', '--db', db, '--json', '--status', 'long_quarantine', '--at', '2021-12-31T00:00:00Z'])).stdout);
    expect(list.addresses.map((a: { address: string }) => a.address).sort()).toEqual(['escalade@gmail.com', 'grand@gmail.com', 'petit@asso-quartier.fr']);
    const risk = await rebond(['release', '--db', db, '--dry-run', '--campaign-size', '200', '--json', 'grand@gmail.com', 'petit@asso-quartier.fr']);
    const parsed = JSON.parse(risk.stdout);
    expect(parsed.risk).toMatchObject({ released: 2, campaignSize: 200 });
    expect(parsed.risk.expectedRate).toBeGreaterThan(0.005);
    expect(parsed.risk.expectedRate).toBeLessThanOrEqual(0.01);
  });
});

describe('the demo dataset', () => {
  it('gives every scripted address the status its ground truth states', async () => {
    const demo = tempDir();
    try {
      const { files, groundTruth } = await generateDemo({ out: demo.path, events: 3000, seed: 7 });
      const demoDb = join(demo.path, 'w.duckdb');
      // what `rebond import --db w.duckdb demo/*` imports: every visible file, none refused
      const visible = readdirSync(demo.path).filter((f) => !f.startsWith('.') && !f.endsWith('.duckdb'));
      expect(visible.length).toBe(files.length - 1);
      const imported = await rebond(['import', '--db', demoDb, ...visible.map((f) => join(demo.path, f))]);
      expect(imported.code).toBe(0);
      const truth = JSON.parse(readFileSync(files[files.length - 1], 'utf8'));
      expect(truth).toEqual(groundTruth);
      for (const expected of groundTruth.addresses) {
        const r = JSON.parse((await rebond(['address', '--db', demoDb, '--json', '--at', groundTruth.at, expected.address])).stdout);
        expect({ address: r.address, status: r.status, until: r.until }).toEqual({
          address: expected.address,
          status: expected.status,
          until: expected.until,
        });
      }
    } finally {
      demo.remove();
    }
  });
});
