/** `rebond classify`, `rebond unknowns` and `rebond reclassify` as a support engineer uses them. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebond, tempDir } from '../helpers';

describe('rebond classify', () => {
  it('answers one JSON verdict per input line, in order, for plain texts and JSON objects', async () => {
    const input = [
      '550 5.1.1 <jean@gmail.com>: Recipient address rejected: User unknown in local recipient table',
      JSON.stringify({ text: 'Client host [192.0.2.1] blocked using zen.spamhaus.org', code: 554, enhanced: '5.7.1', email: 'jean@orange.fr' }),
      '452 4.2.2 Boite du destinataire pleine. Recipient mailbox full. OFR_417 [417]',
      '{"text": broken',
      JSON.stringify({ code: 421 }),
    ].join('\n');
    const result = await rebond(['classify'], { input });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ category: 'user_unknown', severity: 'hard', actor: 'recipient', countsAgainstAddress: true });
    expect(lines[0].rule).toEqual(expect.any(String));
    expect(lines[1]).toMatchObject({ category: 'sender_blocklisted', countsAgainstAddress: false, actor: 'sender_reputation' });
    expect(lines[2]).toMatchObject({ category: 'mailbox_full', countsAgainstAddress: true });
    expect(lines[3]).toMatchObject({ error: expect.stringContaining('not valid JSON') });
    expect(Object.keys(lines[4])).toEqual(['category', 'severity', 'actor', 'countsAgainstAddress', 'rule']);
  });

  it('explains a reply for a person, in French or English', async () => {
    const fr = await rebond(['classify', '--lang', 'fr', '--explain', '452 4.2.2 The email account that you tried to reach is over quota']);
    expect(fr.code).toBe(0);
    expect(fr.stdout).toMatch(/mailbox_full/);
    // a no-break space before the French colon (U+00A0)
    expect(fr.stdout).toMatch(/^Que faire\u00a0: \S/m);
    const en = await rebond(['classify', '--explain', '421 4.7.0 Too many errors from your IP, please try later']);
    expect(en.stdout).toMatch(/What to do/);
  });
});

describe('rebond unknowns and reclassify', () => {
  it('lists the replies no rule understood, and reclassify keeps a classified store unchanged', async () => {
    const dir = tempDir();
    try {
      const db = join(dir.path, 'w.duckdb');
      const csv = join(dir.path, 'events.csv');
      writeFileSync(
        csv,
        [
          'event,time,MessageID,email,hard_bounce,error_related_to,error,comment',
          'bounce,1610877901,1,a@example.org,true,,,"599 9.9.9 the flux capacitor is misaligned"',
          'bounce,1610877902,2,b@example.org,true,,,"599 9.9.9 the flux capacitor is misaligned"',
          'bounce,1610877903,3,c@gmail.com,true,recipient,user unknown,"550 5.1.1 The email account that you tried to reach does not exist."',
        ].join('\n') + '\n',
      );
      expect((await rebond(['import', '--db', db, csv])).code).toBe(0);
      const unknowns = JSON.parse((await rebond(['unknowns', '--db', db, '--json'])).stdout);
      expect(unknowns.unknowns).toEqual([
        expect.objectContaining({ diagnostic: '599 9.9.9 the flux capacitor is misaligned', count: 2, domains: ['example.org'] }),
      ]);
      const again = JSON.parse((await rebond(['reclassify', '--db', db, '--json'])).stdout);
      expect(again).toMatchObject({ events: 3, changed: 0 });
    } finally {
      dir.remove();
    }
  });
});
