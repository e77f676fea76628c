/**
 * The first path end to end (issue 2): a Mailjet export → the store → an address's timeline,
 * with the guarantees an agent relies on: atomic per file, idempotent, bad lines listed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, eventCount, withEngine } from '../helpers';

const CSV = join(FIXTURES, 'mailjet', 'events.csv');
const JSONL = join(FIXTURES, 'mailjet', 'events.jsonl');

describe('Mailjet event export import', () => {
  it("stores every event and tells an address's story oldest first", async () => {
    await withEngine(async (engine) => {
      const { files } = await engine.importFiles({ paths: [CSV] });
      expect(files[0]).toMatchObject({ ok: true, format: 'mailjet', stored: 11, duplicates: 0, rejected: 0 });

      const paul = await engine.address({ address: '  PAUL.DURAND@orange.fr ' });
      expect(paul.address).toBe('paul.durand@orange.fr');
      expect(paul.events.map((e) => [e.time, e.type])).toEqual([
        ['2021-01-17T10:05:01.000Z', 'delivered'],
        ['2021-01-17T11:05:01.000Z', 'open'],
        ['2021-01-17T11:05:31.000Z', 'click'],
        ['2021-01-25T09:00:00.000Z', 'soft_bounce'],
      ]);
      const bounce = paul.events[3];
      expect(bounce).toMatchObject({
        smtpCode: 452,
        enhancedCode: '4.2.2',
        category: 'mailbox_full',
        messageId: '288230376151711746',
        campaign: 'ouverture-commande',
      });
      expect(bounce.diagnostic).toContain('Boite du destinataire pleine');
      expect(bounce.source).toMatchObject({ file: CSV, line: 4 });

      const lea = await engine.address({ address: 'lea.martin@gmail.com' });
      expect(lea.events.map((e) => e.type)).toEqual(['delivered', 'hard_bounce']);
      expect(lea.events[1]).toMatchObject({ smtpCode: 550, enhancedCode: '5.1.1', category: 'user_unknown' });

      // Microsoft's block list is the sender's problem, even when Mailjet calls it a hard bounce
      const marie = await engine.address({ address: 'marie.leroy@hotmail.fr' });
      expect(marie.events[0]).toMatchObject({ type: 'hard_bounce', category: 'sender_blocklisted', countsAgainstAddress: false });
    });
  });

  it('stores nothing twice: the same file again, or the same events as JSON lines', async () => {
    await withEngine(async (engine) => {
      await engine.importFiles({ paths: [CSV] });
      const again = await engine.importFiles({ paths: [CSV] });
      expect(again.files[0]).toMatchObject({ ok: true, stored: 0, duplicates: 11 });

      // the JSON export overlaps the CSV on Paul's four events and adds two others
      const json = await engine.importFiles({ paths: [JSONL] });
      expect(json.files[0]).toMatchObject({ ok: true, format: 'mailjet', stored: 2, duplicates: 4, rejected: 1 });
      expect(json.files[0].errors).toEqual([{ line: 5, message: expect.stringContaining('not valid JSON'), problem: { code: 'line.jsonOutside', params: { text: 'this line is not json' } } }]);
      expect(await eventCount(engine)).toBe(13);
      const preblocked = await engine.address({ address: 'someone@free.fr' });
      expect(preblocked.events[0]).toMatchObject({ type: 'blocked', messageId: '18014404367486704' });
    });
  });

  it('refuses files it cannot import and leaves the workspace exactly as it was', async () => {
    await withEngine(async (engine, dir) => {
      await engine.importFiles({ paths: [CSV] });
      const before = await eventCount(engine);
      const empty = join(dir, 'empty.csv');
      writeFileSync(empty, '');
      const headerOnly = join(dir, 'header-only.csv');
      writeFileSync(headerOnly, 'event,time,email\n');
      const { files } = await engine.importFiles({
        paths: [empty, join(FIXTURES, 'not-a-csv.csv'), join(FIXTURES, 'contacts.csv'), join(dir, 'missing.csv'), headerOnly],
      });
      expect(files.map((f) => f.ok)).toEqual([false, false, false, false, false]);
      expect(files[0].error).toMatch(/empty\.csv is empty/);
      expect(files[1].error).toMatch(/not-a-csv\.csv is not a text file/);
      expect(files[2].error).toMatch(/contacts\.csv: not a format Rebond reads\. Tried: Mailjet/);
      expect(files[3].error).toMatch(/missing\.csv cannot be read: no such file/);
      expect(files[4].error).toMatch(/header-only\.csv: no event could be read/);
      expect(await eventCount(engine)).toBe(before);
      expect(await engine.listImports({})).toHaveLength(1);
    });
  });

  it('stores the good lines of a file with ragged rows and lists the bad ones by line number', async () => {
    await withEngine(async (engine, dir) => {
      const header = 'event,time,MessageID,email,customcampaign,error_related_to,error,comment';
      const lines = [header];
      for (let i = 1; i <= 50; i++) lines.push(`sent,${1610877900 + i},${9000 + i},member${i}@orange.fr,newsletter,,,`);
      lines[11] = 'sent,1610877911,9011,member11@orange.fr'; // too few columns
      lines[26] = 'sent,1610877926,9026,member26@orange.fr,newsletter,,,,extra,columns'; // too many
      lines[50] = 'sent,1610877950,9050,"member50@orange.fr,newsletter,,,'; // a quote never closed
      const file = join(dir, 'ragged.csv');
      writeFileSync(file, lines.join('\n') + '\n');
      const { files } = await engine.importFiles({ paths: [file] });
      expect(files[0]).toMatchObject({ ok: true, stored: 47, rejected: 3 });
      expect(files[0].errors).toEqual([
        { line: 12, message: 'expected 8 columns, found 4', problem: { code: 'line.columns', params: { expected: 8, found: 4 } } },
        { line: 27, message: 'expected 8 columns, found more', problem: { code: 'line.columnsMore', params: { expected: 8 } } },
        { line: 51, message: 'a quote (") is opened and never closed', problem: { code: 'line.unclosedQuote', params: {} } },
      ]);
      // line numbers of the good rows stay true after the rejected ones
      const m49 = await engine.address({ address: 'member49@orange.fr' });
      expect(m49.events[0].source.line).toBe(50);
      const m13 = await engine.address({ address: 'member13@orange.fr' });
      expect(m13.events[0].source.line).toBe(14);
    });
  });

  it('says how many lines an unclosed quote swallowed, and counts them as rejected', async () => {
    await withEngine(async (engine, dir) => {
      const lines = ['event,time,MessageID,email'];
      for (let i = 1; i <= 10; i++) lines.push(`sent,${1610877900 + i},${9000 + i},member${i}@orange.fr`);
      lines[4] = 'sent,1610877904,9004,"member4@orange.fr';
      const file = join(dir, 'quote.csv');
      writeFileSync(file, lines.join('\n') + '\n');
      const { files } = await engine.importFiles({ paths: [file] });
      expect(files[0]).toMatchObject({ ok: true, stored: 3, rejected: 7 });
      expect(files[0].errors).toEqual([
        {
          line: 5,
          message: 'a quote (") is opened and never closed; the 6 lines after it were read as part of it',
          problem: { code: 'line.unclosedQuote', params: {}, swallowed: 6 },
        },
      ]);
    });
  });
});
