/**
 * The importers through the Engine, into a temporary workspace: detection from content, the
 * new-year Postfix log in Europe/Paris, the Windows-1252 AssoConnect report round-tripping its
 * accents and curly apostrophes, lists, .gz, idempotency, removal, and bad input that must
 * neither crash nor leave a partial import.
 */
import { copyFileSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../core/engine';
import { writePostfixLog } from '../../bench/postfix-bench';
import { FIXTURES, tempDir } from '../helpers';

const CORPUS = resolve(FIXTURES, 'corpus/logs');

let engine: Engine;
let dir: { path: string; remove: () => void };

beforeEach(async () => {
  dir = tempDir('rebond-importers-');
  engine = await createEngine({ dbPath: join(dir.path, 'workspace.duckdb') });
});
afterEach(async () => {
  await engine.close();
  dir.remove();
});

async function storeState() {
  const n = async (sql: string) => Number((await engine.db.one<{ n: bigint }>(sql))!.n);
  return {
    events: await n('SELECT count(*) AS n FROM events'),
    imports: await n('SELECT count(*) AS n FROM imports'),
    lists: await n('SELECT count(*) AS n FROM imported_list'),
  };
}

async function importOne(path: string, extra: { year?: number; format?: 'auto' | 'postfix' } = {}) {
  const summary = await engine.importFiles({ paths: [path], timeZone: 'Europe/Paris', ...extra });
  return summary.files[0];
}

function write(name: string, content: string | Buffer): string {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
}

describe('detection from content', () => {
  it.each([
    // other programs' lines and the format's own context lines are counted apart (lines, below), not skipped
    ['postfix/new-year.log', 'postfix', 3, 0, 0],
    ['postfix/mixed.log', 'postfix', 6, 2, 0],
    // "this line is not an Exim line" is a line not understood
    ['exim/mainlog', 'exim', 5, 1, 0],
    ['powermta/acct.csv', 'powermta', 9, 1, 0],
    ['mailjet-history/history.csv', 'mailjet-history', 6, 0, 0],
    ['assoconnect/campagne-cp1252.csv', 'assoconnect', 10, 0, 1],
    ['assoconnect/campagne-utf8-bom.csv', 'assoconnect', 10, 0, 1],
    ['mailjet/events.csv', 'mailjet', null, null, null],
  ] as const)('%s is read as %s', async (fixture, format, stored, rejected, skipped) => {
    const result = await importOne(join(FIXTURES, fixture), { year: 2024 });
    expect(result.error).toBeUndefined();
    expect(result.format).toBe(format);
    if (stored !== null) expect({ stored: result.stored, rejected: result.rejected, skipped: result.skipped }).toEqual({ stored, rejected, skipped });
    // every line accounted for: the parts add up to the file's lines
    const text = readFileSync(join(FIXTURES, fixture), 'latin1');
    const lineCount = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    const parts = [result.eventLines, result.contextLines, result.otherProgramLines, result.blankLines, result.quotedLines, result.skipped, result.rejected];
    expect({ lines: result.lines, sum: parts.reduce((a = 0, b = 0) => a + b, 0) }).toEqual({ lines: lineCount, sum: lineCount });
  });

  it('lists each address once when the same list is imported twice', async () => {
    const list = join(FIXTURES, 'assoconnect/emails-invalides.csv');
    expect(await importOne(list)).toMatchObject({ ok: true, listed: 2, duplicates: 0 });
    expect(await importOne(list)).toMatchObject({ ok: true, listed: 0, duplicates: 2 });
    expect((await storeState()).lists).toBe(2);
  });

  it('reads a Mailjet export cut down to its three essential columns as Mailjet, not as a list', async () => {
    const result = await importOne(write('cut.csv', 'event,time,email\nsent,1614727800,a@example.org\nspam,1614728400,a@example.org\n'));
    expect(result).toMatchObject({ ok: true, format: 'mailjet', stored: 2, listed: 0 });
  });

  it('reads the list of invalid addresses as imported list entries', async () => {
    const result = await importOne(join(FIXTURES, 'assoconnect/emails-invalides.csv'));
    expect(result).toMatchObject({ ok: true, format: 'assoconnect', rejected: 1, listed: 2 });
    expect(result.errors[0]).toMatchObject({ line: 5 });
    const rows = await engine.db.all<{ address: string; status: string; since: string }>(
      `SELECT address, status, strftime(since, '%Y-%m-%dT%H:%M:%SZ') AS since FROM imported_list ORDER BY line`,
    );
    expect(rows).toEqual([
      { address: 'ancien.membre@wanadoo.fr', status: 'invalid', since: '2021-02-02T08:00:00Z' },
      { address: 'jean@email.com', status: 'invalid', since: '2021-02-03T13:30:00Z' },
    ]);
  });

  it('fails a file nobody recognises, listing what was tried', async () => {
    const result = await importOne(write('notes.txt', 'Bonjour,\nvoici le fichier demandé.\n'));
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/Tried: .*Postfix.*Exim.*PowerMTA|Tried: .*PowerMTA.*Postfix.*Exim/);
  });
});

describe('Postfix log from 31 December to 1 January, --tz Europe/Paris', () => {
  const expected = [
    ['camille.martin@orange.fr', 'delivered', '2024-12-31T22:59:58.000Z'],
    ['luc.bernard@free.fr', 'deferred', '2024-12-31T22:59:59.000Z'],
    ['luc.bernard@free.fr', 'delivered', '2024-12-31T23:15:03.000Z'],
  ];
  async function events() {
    const out: string[][] = [];
    for (const address of ['camille.martin@orange.fr', 'luc.bernard@free.fr']) {
      const report = await engine.address({ address });
      for (const e of [...report.events].sort((a, b) => a.time.localeCompare(b.time))) out.push([e.address, e.type, e.time]);
    }
    return out;
  }

  it('with --year 2024 (the year of the first line)', async () => {
    const result = await importOne(join(FIXTURES, 'postfix/new-year.log'), { year: 2024 });
    expect(result).toMatchObject({ ok: true, stored: 3, firstEventTime: '2024-12-31T22:59:58.000Z', lastEventTime: '2024-12-31T23:15:03.000Z' });
    expect(await events()).toEqual(expected);
  });

  it('without a year: the file was last written on 1 January 2025', async () => {
    const path = join(dir.path, 'mail.log');
    copyFileSync(join(FIXTURES, 'postfix/new-year.log'), path);
    utimesSync(path, new Date('2025-01-01T00:20:00Z'), new Date('2025-01-01T00:20:00Z'));
    const result = await importOne(path);
    expect(result.ok).toBe(true);
    expect(await events()).toEqual(expected);
    const report = await engine.address({ address: 'luc.bernard@free.fr' });
    const deferred = report.events.find((e) => e.type === 'deferred')!;
    expect(deferred).toMatchObject({
      smtpCode: 450,
      enhancedCode: '4.2.0',
      sender: 'bureau@asso.example.org',
      messageId: '1A2B3C4D5E', // the queue id: see POSTFIX_MESSAGE_ID
      relay: 'mx1.free.fr[212.27.48.6]:25',
      delaySeconds: 118,
    });
    expect(deferred.diagnostic).toMatch(/Greylisted \(in reply to RCPT TO command\)$/);
  });

  it('a .gz copy gives the same events and is one import of duplicates', async () => {
    await importOne(join(FIXTURES, 'postfix/new-year.log'), { year: 2024 });
    const gz = write('mail.log.gz', gzipSync(readFileSync(join(FIXTURES, 'postfix/new-year.log'))));
    const result = await importOne(gz, { year: 2024 });
    expect(result).toMatchObject({ ok: true, format: 'postfix', stored: 0, duplicates: 3 });
  });
});

describe('AssoConnect report in Windows-1252', () => {
  it('round-trips accents, œ, €, « », – and curly apostrophes exactly', async () => {
    const result = await importOne(join(FIXTURES, 'assoconnect/campagne-cp1252.csv'));
    expect(result).toMatchObject({ ok: true, stored: 10, skipped: 1, rejected: 0 });
    const helene = await engine.address({ address: 'Helene.Daubigne@wanadoo.fr ' });
    expect(helene.events).toHaveLength(1);
    expect(helene.events[0]).toMatchObject({
      type: 'soft_bounce',
      diagnostic: 'La boîte de l’adhérente est pleine – réessayer plus tard',
      campaign: 'Cotisation 2021 : 25 €',
      time: '2021-01-17T09:07:00.000Z',
    });
    const aesa = await engine.address({ address: 'aesa.oeuvrard@sfr.fr' });
    expect(aesa.events[0]).toMatchObject({
      type: 'hard_bounce',
      diagnostic: '« Adresse inconnue » : l’utilisateur n’existe pas (550 5.1.1)',
      smtpCode: 550,
      enhancedCode: '5.1.1',
    });
    const gaetan = await engine.address({ address: 'gaetan.coeurdevey@free.fr' });
    expect(gaetan.events.map((e) => e.type).sort()).toEqual(['delivered', 'open']);
    expect(gaetan.events[0].time).toBe('2021-01-17T09:05:30.000Z');
    const lea = await engine.address({ address: 'lea.greylist@orange.fr' });
    expect(lea.events[0].diagnostic).toBe('Greylisting : « réessayez »; merci');
    const berenice = await engine.address({ address: 'berenice.mauvais@gmail.com' });
    expect(berenice.events[0].type).toBe('unsubscribe');
  });

  it('the same report in UTF-8 with a BOM is the same events (stored once)', async () => {
    await importOne(join(FIXTURES, 'assoconnect/campagne-cp1252.csv'));
    const again = await importOne(join(FIXTURES, 'assoconnect/campagne-utf8-bom.csv'));
    expect(again).toMatchObject({ ok: true, stored: 0, duplicates: 10 });
  });
});

describe('idempotency and removal', () => {
  it('re-importing stores nothing new; overlapping logs store each event once; removal takes its events away', async () => {
    const lines = readFileSync(join(FIXTURES, 'postfix/mixed.log'), 'utf8').trimEnd().split('\n');
    const first = write('part1.log', lines.slice(0, 8).join('\n') + '\n');
    const second = write('part2.log', lines.slice(3).join('\n') + '\n');
    const a = await importOne(first, { year: 2025 });
    const b = await importOne(second, { year: 2025 });
    const whole = await importOne(join(FIXTURES, 'postfix/mixed.log'), { year: 2025 });
    expect(a.stored + b.stored).toBe(6);
    expect(b.duplicates).toBeGreaterThan(0);
    expect(whole).toMatchObject({ ok: true, stored: 0, duplicates: 6 });
    const imports = await engine.listImports({});
    expect(imports).toHaveLength(3);
    const removed = await engine.removeImport({ id: a.importId! });
    expect(removed.removedEvents).toBe(a.stored);
    expect((await storeState()).events).toBe(b.stored);
  });

  it('PowerMTA and Mailjet history: a second import is all duplicates', async () => {
    for (const f of ['powermta/acct.csv', 'mailjet-history/history.csv', 'exim/mainlog']) {
      const first = await importOne(join(FIXTURES, f));
      const again = await importOne(join(FIXTURES, f));
      expect(again).toMatchObject({ ok: true, stored: 0, duplicates: first.stored });
    }
  });
});

describe('the Exim test-suite logs import whole', () => {
  it('imports every file of the corpus', async () => {
    for (const f of ['0217', '0264', '0322', '0495', '5100']) {
      const result = await importOne(resolve(CORPUS, `exim-testsuite_test_log_${f}.mainlog`));
      expect(result.format).toBe('exim');
      expect(result.ok).toBe(true);
    }
  });
});

describe('bad input: no crash, no partial import', () => {
  async function expectRefused(path: string, message: RegExp, code?: string) {
    const before = await storeState();
    const result = await importOne(path);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(message);
    // the shells word the problem from its code (core/model/problems.ts)
    if (code) expect(result.problem?.code).toBe(code);
    expect(await storeState()).toEqual(before);
  }

  it('empty file, binary file, image renamed .csv', async () => {
    await expectRefused(write('empty.csv', ''), /empty/, 'file.empty');
    await expectRefused(write('data.bin', Buffer.from([0, 1, 2, 3, 255, 0, 12, 0])), /not a text file/, 'file.notText');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(2000, 7)]);
    await expectRefused(write('photo.csv', png), /not a text file/);
  });

  it('a report written with the wrong separator is refused, not half-read', async () => {
    const text = readFileSync(join(FIXTURES, 'assoconnect/campagne-utf8-bom.csv'), 'utf8').replace(/;/g, '|');
    await expectRefused(write('wrong-separator.csv', text), /not a format Rebond reads/, 'format.notRecognised');
  });

  it('ragged rows and an unbalanced quote are listed with their line numbers; the good rows are imported', async () => {
    const lines = readFileSync(join(FIXTURES, 'assoconnect/campagne-utf8-bom.csv'), 'utf8').split('\r\n');
    lines[2] = lines[2].replace('Cœurdevey;', 'Cœurdevey;"unclosed;');
    const result = await importOne(write('quote.csv', lines.join('\r\n')));
    expect(result.ok).toBe(true);
    expect(result.errors[0]).toMatchObject({ line: 3, message: expect.stringMatching(/quote/) });
    expect(result.stored).toBe(8); // Gaëtan's two events are lost with his line, nobody else's
    const pmta = await importOne(join(FIXTURES, 'powermta/acct.csv'));
    expect(pmta.errors).toEqual([
      { line: 11, message: 'expected 23 columns, found 7', problem: { code: 'line.columns', params: { expected: 23, found: 7 } } },
    ]);
  });

  it('a 20 MB single line inside a log', async () => {
    const log = readFileSync(join(FIXTURES, 'postfix/new-year.log'), 'utf8');
    const huge = 'Jan  1 00:00:02 mx1 postfix/smtp[1]: QQQ: to=<x@example.org>, relay=none, status=sent (' + 'x'.repeat(20 * 1024 * 1024) + ')\n';
    const result = await importOne(write('huge.log', log + huge), { year: 2024 });
    expect(result).toMatchObject({ ok: true, stored: 3, rejected: 1 });
    expect(result.errors[0].line).toBe(10);
    const one = await importOne(write('one-line.csv', 'a'.repeat(20 * 1024 * 1024)));
    expect(one.ok).toBe(false);
  });

  it('invalid UTF-8 inside a UTF-8 file keeps the other lines intact', async () => {
    const log = readFileSync(join(FIXTURES, 'postfix/mixed.log'));
    const broken = Buffer.concat([log, Buffer.from('Mar 30 03:00:11 mail postfix/smtp[1]: E1: to=<caf\xc3\x28@example.org>, relay=none, dsn=5.1.1, status=bounced (bad \xff\xfe bytes)\n', 'latin1')]);
    const result = await importOne(write('invalid-utf8.log', broken), { year: 2025 });
    expect(result.ok).toBe(true);
    expect(result.stored + result.rejected).toBeGreaterThanOrEqual(7);
    const camille = await engine.address({ address: 'redacted@gmail.com' });
    expect(camille.events).toHaveLength(1);
  });

  it('a truncated .gz fails whole and leaves the store as it was', async () => {
    const { path } = { path: join(dir.path, 'big.log') };
    await writePostfixLog(path, 20_000);
    const gz = gzipSync(readFileSync(path));
    const truncated = write('big.log.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    await expectRefused(truncated, /damaged or truncated/i, 'file.damagedGzip');
  });

  it('a truncated Mailjet .csv.gz fails whole too, though DuckDB would read its first rows', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `sent,${1614727800 + i},person${i}@example.org,250 OK`);
    const gz = gzipSync(Buffer.from(['event,time,email,smtp_reply', ...rows].join('\n') + '\n'));
    const truncated = write('events.csv.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    await expectRefused(truncated, /damaged or truncated/i, 'file.damagedGzip');
  });

  it('a file deleted while it is imported: the import is whole or absent', async () => {
    const path = join(dir.path, 'deleted.log');
    await writePostfixLog(path, 200_000);
    const off = engine.on('importProgress', (p) => {
      if (p.phase === 'reading') {
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      }
    });
    const result = await importOne(path, { year: 2024 });
    off();
    const state = await storeState();
    if (result.ok) expect(state.events).toBe(result.stored);
    else expect(state).toEqual({ events: 0, imports: 0, lists: 0 });
    rmSync(path, { force: true });
  });
});
