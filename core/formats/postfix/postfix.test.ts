/**
 * Postfix parsing against the real lines of test/fixtures/corpus/logs (every `status=` line, one test
 * each, named by file and row), and the syslog variants: classic and RFC 3339 stamps, Solaris
 * `[ID …]`, instance names, year rollover, daylight saving, the from=/message-id= join.
 */
import { wordLineProblem } from '../../model/problem-words';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StageRow } from '../../model/event';
import { PostfixParser } from './parse';
import { SyslogClock } from './syslog-time';
import { wallClockToUtc } from './wall-clock';

const ROOT = resolve(import.meta.dirname, '../../..');
const CORPUS = resolve(ROOT, 'test/fixtures/corpus/logs');

function parse(lines: string[], options: { timeZone?: string; year?: number } = {}) {
  const rows: StageRow[] = [];
  const rejects: Array<{ line: number; message: string }> = [];
  const parser = new PostfixParser(new SyslogClock(options.timeZone ?? 'UTC', options.year ?? 2024), {
    row: (r) => rows.push(r),
    reject: (line, found) => rejects.push({ line, message: wordLineProblem(found, 'en') }),
  });
  lines.forEach((l, i) => parser.line(l, i + 1));
  return { rows, rejects, counts: parser.counts };
}

interface CorpusLine {
  file: string;
  row: number;
  program: string;
  body: string;
}

function corpusLines(): CorpusLine[] {
  const out: CorpusLine[] = [];
  const grok = readFileSync(resolve(CORPUS, 'postfix-grok-patterns_test_data_lines.tsv'), 'utf8').split('\n');
  grok.forEach((l, i) => {
    const [, body] = l.split('\t');
    if (i > 0 && body?.includes('status=')) out.push({ file: 'grok', row: i + 1, program: 'postfix/smtp', body });
  });
  const sekoia = readFileSync(resolve(CORPUS, 'sekoia_intake-formats_postfix_test_inputs.tsv'), 'utf8').split('\n');
  sekoia.forEach((l, i) => {
    const [, app, body] = l.split('\t');
    if (i > 0 && body?.includes('status=')) out.push({ file: 'sekoia', row: i + 1, program: app && app !== '-' ? app : 'postfix/smtp', body });
  });
  return out;
}

/**
 * What each corpus line must give, written independently of the parser: `sent` → delivered,
 * `deferred` → deferred, `bounced` → hard (soft when the dsn is 4.x.x), address-verification
 * results → nothing, and qmgr expiries with no known recipient → nothing.
 */
function oracle(body: string) {
  const status = /status=([\w-]+)/.exec(body)![1];
  const dsn = /dsn=(\d\.\d+\.\d+)/.exec(body)?.[1] ?? null;
  const to = /to=<?([^>,\s]+)>?,/.exec(body)?.[1] ?? null;
  const types: Record<string, string> = { sent: 'delivered', deferred: 'deferred', bounced: dsn?.startsWith('4') ? 'soft_bounce' : 'hard_bounce' };
  const reason = /status=[\w-]+ \((.*)\)/.exec(body)?.[1] ?? null;
  const said = reason ? /said: (\d{3})[ -]/.exec(reason)?.[1] ?? /^(\d{3})[ -]/.exec(reason)?.[1] : undefined;
  return { status, type: to ? (types[status] ?? null) : null, address: to, dsn, reason, code: said ? Number(said) : null };
}

describe('every status= line of the Postfix corpus', () => {
  const lines = corpusLines();
  it('finds the corpus lines (24 grok + the Sekoia ones)', () => {
    expect(lines.filter((l) => l.file === 'grok')).toHaveLength(24);
    expect(lines.length).toBeGreaterThan(50);
  });
  it.each(lines.map((l) => [`${l.file} row ${l.row}: ${l.body.slice(0, 70)}`, l] as const))('%s', (_name, l) => {
    const want = oracle(l.body);
    const { rows, rejects } = parse([`Jan 17 10:00:01 mail ${l.program}[123]: ${l.body}`]);
    expect(rejects).toEqual([]);
    if (want.type === null) {
      // verification probes (undeliverable-but-not-cached) and expiries of unknown recipients
      expect(rows).toEqual([]);
      return;
    }
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row.type).toBe(want.type);
    expect(row.address).toBe(want.address);
    expect(row.enhancedCode).toBe(want.dsn);
    expect(row.hint).toBe(`postfix:${want.status}`);
    expect(row.diagnostic).toBe(want.reason);
    expect(row.smtpCode ?? null).toBe(want.code);
    expect(row.time.toISOString()).toBe('2024-01-17T10:00:01.000Z');
  });

  it('pins a few lines by hand', () => {
    const gmail = lines.find((l) => l.body.startsWith('4E74613FE76'))!;
    const [row] = parse([`Jan 17 10:00:01 mail postfix/smtp[1]: ${gmail.body}`]).rows;
    expect(row).toMatchObject({
      type: 'hard_bounce',
      address: 'redacted@gmail.com',
      smtpCode: 550,
      enhancedCode: '5.7.1',
      relay: 'gmail-smtp-in.l.google.com[2607:f8b0:400e:c04::1b]:25',
      delaySeconds: 1.9,
    });
    // the multi-line reply is kept whole, with its "(in reply to …)"
    expect(row.diagnostic).toMatch(/^host gmail-smtp-in.* said: 550-5\.7\.1 .* 550 5\.7\.1 more information\. .*\(in reply to end of DATA command\)$/);
    const sekoia = lines.find((l) => l.body.startsWith('2298F5F619'))!;
    // Sekoia's lines end with a stray number after the reason: it is not part of the text
    expect(parse([`Jan 17 10:00:01 mail postfix/error[1]: ${sekoia.body}`]).rows[0].diagnostic).toBe(
      'delivery temporarily suspended: connect to mail.corp.com[1.1.1.1]:25: Connection timed out',
    );
  });
});

describe('Postfix syslog variants', () => {
  const body = 'ABC123: to=<a@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=1.5, delays=0/0/0/1.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)';

  it('reads classic, RFC 3339, Solaris and instance-named lines', () => {
    const { rows, counts } = parse(
      [
        `Jan 17 10:00:01 mx postfix/smtp[1]: ${body}`,
        `Jan  7 10:00:01 mx postfix-out/smtp[1]: ${body}`,
        `Jan 17 10:00:01 mx postfix/smtp[1]: [ID 197553 mail.info] ${body}`,
        `2024-01-17T10:00:01.396352+02:00 mx postfix/submission/smtp[1]: ${body}`,
        `2024-01-17T10:00:01Z mx postfix/smtp[1]: ${body}`,
        `2024-01-17 10:00:01 mx postfix/smtp[1]: ${body}`,
      ],
      { timeZone: 'Europe/Paris' },
    );
    expect(counts).toMatchObject({ events: 6, rejected: 0, skipped: 0 });
    expect(rows.map((r) => r.time.toISOString())).toEqual([
      '2024-01-17T09:00:01.000Z',
      '2024-01-07T09:00:01.000Z',
      '2024-01-17T09:00:01.000Z',
      '2024-01-17T08:00:01.396Z',
      '2024-01-17T10:00:01.000Z',
      '2024-01-17T09:00:01.000Z',
    ]);
  });

  it('counts other daemons and non-delivery lines apart, and rejects broken to= lines and non-syslog lines with their number', () => {
    const { rows, rejects, counts } = parse([
      'Jan 17 10:00:01 mx dovecot: imap-login: Login: user=<x@example.org>',
      'Jan 17 10:00:01 mx postfix/smtpd[1]: connect from unknown[192.0.2.9]',
      'Jan 17 10:00:01 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 554 5.7.1 <x@example.org>: Relay access denied; from=<s@example.net> to=<x@example.org> proto=ESMTP helo=<h>',
      'garbage',
      '',
      'Jan 17 10:00:02 mx postfix/smtp[1]: ABC: to=<x@example.org, relay=none, status=sent',
      'Jan 17 10:00:03 mx postfix/smtp[1]: ABC: to=<x@example.org>, relay=none, delay=1',
      'Jan 17 10:00:04 mx postfix/smtp[1]: ABC: to=<x@example.org>, relay=none, dsn=2.0.0, status=wibble (x)',
      'Jxn 17 10:00:05 mx postfix/smtp[1]: ABC: to=<x@example.org>, relay=none, dsn=2.0.0, status=sent (x)',
    ]);
    expect(rows).toEqual([]);
    expect(counts).toMatchObject({ lines: 9, skipped: 0, otherPrograms: 1, context: 2, blank: 1, rejected: 5 });
    expect(rejects.map((r) => r.line)).toEqual([4, 6, 7, 8, 9]);
    expect(rejects[0].message).toMatch(/not a syslog line/);
    expect(rejects[1].message).toMatch(/closing “>”/);
    expect(rejects[2].message).toMatch(/without status=/);
    expect(rejects[3].message).toMatch(/unknown delivery status “wibble”/);
    expect(rejects[4].message).toMatch(/timestamp/);
  });

  it("tells Postfix's lines by the program's own name, wherever else \"postfix\" appears on the line", () => {
    const { rows, counts } = parse([
      // a host named after Postfix, another program: not Postfix's
      'Jan 17 10:00:01 postfix-relay amavis[12]: (12-01) Passed CLEAN, [192.0.2.9] <a@example.org> -> <b@example.org>',
      // "postfix" in a word before the program's, then the program: Postfix's
      'Jan 17 10:00:02 postfix-relay postfix/smtp[13]: Q1: to=<b@example.org>, relay=none, dsn=2.0.0, status=sent (ok)',
      // an instance name, on a host named after Postfix: Postfix's
      'Jan 17 10:00:03 postfix1 postfix-out/smtp[14]: Q2: to=<c@example.org>, relay=none, dsn=2.0.0, status=sent (ok)',
      // "postfix" only after the pid: not Postfix's
      'Jan 17 10:00:04 mx sendmail[15]: Q3: to=<d@example.org>, stat=Sent (postfix said ok)',
    ]);
    expect(rows.map((r) => r.address)).toEqual(['b@example.org', 'c@example.org']);
    expect(counts).toMatchObject({ lines: 4, otherPrograms: 2, rejected: 0 });
  });

  it('joins message-id= and from= of the same queue id, and forgets them when the id is reused', () => {
    const { rows } = parse([
      'Jan 17 10:00:00 mx postfix/cleanup[1]: Q1: message-id=<m1@example.org>',
      'Jan 17 10:00:00 mx postfix/qmgr[2]: Q1: from=<news@example.org>, size=10, nrcpt=1 (queue active)',
      `Jan 17 10:00:01 mx postfix/smtp[3]: Q1: to=<a@example.org>, relay=none, dsn=2.0.0, status=sent (ok)`,
      'Jan 17 10:00:01 mx postfix/qmgr[2]: Q1: removed',
      `Jan 17 10:05:00 mx postfix/smtp[3]: Q1: to=<b@example.org>, relay=none, dsn=2.0.0, status=sent (ok)`,
      'Jan 17 10:06:00 mx postfix/cleanup[1]: Q2: message-id=<m2@example.org>',
      `Feb 17 10:06:00 mx postfix/smtp[3]: Q2: to=<c@example.org>, relay=none, dsn=2.0.0, status=sent (ok)`,
    ]);
    // message_id is the queue id (stable across overlapping files: see POSTFIX_MESSAGE_ID)
    expect(rows.map((r) => [r.address, r.messageId, r.sender])).toEqual([
      ['a@example.org', 'Q1', 'news@example.org'],
      ['b@example.org', 'Q1', null], // Q1 was removed: a reused id is another message
      ['c@example.org', 'Q2', null], // a month later: outside the join window
    ]);
  });

  it('turns bounced with a 4.x.x dsn into a soft bounce, and a qmgr expiry into soft bounces of the deferred recipients', () => {
    const { rows, counts } = parse([
      'Dec 27 03:49:24 mx postfix/smtp[1]: C93: to=<order@example.ru>, relay=none, delay=307136, delays=307106/0.02/30/0, dsn=4.4.1, status=deferred (connect to example.ru[178.210.73.19]:25: Connection timed out)',
      'Dec 27 03:49:24 mx postfix/smtp[1]: C93: to=<ok@example.ru>, relay=none, delay=5, dsn=2.0.0, status=sent (250 ok)',
      'Dec 27 03:49:25 mx postfix/smtp[1]: D11: to=<full@example.fr>, relay=mx.example.fr[192.0.2.7]:25, delay=2, dsn=4.2.2, status=bounced (host mx.example.fr[192.0.2.7] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))',
      'Dec 28 13:39:28 mx postfix/qmgr[2]: C93: from=<ina@example.com>, status=expired, returned to sender',
      'Dec 28 13:39:29 mx postfix/qmgr[2]: ZZZ: from=<>, status=expired, returned to sender',
    ]);
    expect(rows.map((r) => [r.type, r.address, r.hint])).toEqual([
      ['deferred', 'order@example.ru', 'postfix:deferred'],
      ['delivered', 'ok@example.ru', 'postfix:sent'],
      ['soft_bounce', 'full@example.fr', 'postfix:bounced'],
      ['soft_bounce', 'order@example.ru', 'postfix:expired'],
    ]);
    const expired = rows[3];
    expect(expired).toMatchObject({ sender: 'ina@example.com', enhancedCode: '4.4.1', line: 4 });
    expect(expired.diagnostic).toMatch(/Connection timed out/);
    expect(expired.time.toISOString()).toBe('2024-12-28T13:39:28.000Z');
    expect(counts.context).toBe(1); // the expiry of a queue id whose recipients are not in this file
  });
});

describe('syslog time', () => {
  it('moves to the next year at December → January, and keeps a late December line in the old year', () => {
    const { rows } = parse(
      [
        'Dec 31 23:59:59 mx postfix/smtp[1]: A: to=<a@example.org>, relay=none, dsn=2.0.0, status=sent (ok)',
        'Jan  1 00:00:01 mx postfix/smtp[1]: B: to=<b@example.org>, relay=none, dsn=2.0.0, status=sent (ok)',
        'Dec 31 23:59:59 mx postfix/smtp[1]: C: to=<c@example.org>, relay=none, dsn=2.0.0, status=sent (ok)',
        'Jan  1 00:00:02 mx postfix/smtp[1]: D: to=<d@example.org>, relay=none, dsn=2.0.0, status=sent (ok)',
      ],
      { timeZone: 'Europe/Paris', year: 2024 },
    );
    expect(rows.map((r) => r.time.toISOString())).toEqual([
      '2024-12-31T22:59:59.000Z',
      '2024-12-31T23:00:01.000Z',
      '2024-12-31T22:59:59.000Z',
      '2024-12-31T23:00:02.000Z',
    ]);
  });

  it('converts wall clocks around daylight-saving changes (Europe/Paris)', () => {
    // 30 March 2025: 02:00 → 03:00 (CET → CEST); 26 October 2025: 03:00 → 02:00
    expect(new Date(wallClockToUtc('Europe/Paris', 2025, 3, 30, 1, 59, 59)).toISOString()).toBe('2025-03-30T00:59:59.000Z');
    expect(new Date(wallClockToUtc('Europe/Paris', 2025, 3, 30, 3, 0, 0)).toISOString()).toBe('2025-03-30T01:00:00.000Z');
    // a time that does not exist is read with the offset before the change
    expect(new Date(wallClockToUtc('Europe/Paris', 2025, 3, 30, 2, 30, 0)).toISOString()).toBe('2025-03-30T01:30:00.000Z');
    // the repeated hour: the first occurrence
    expect(new Date(wallClockToUtc('Europe/Paris', 2025, 10, 26, 2, 30, 0)).toISOString()).toBe('2025-10-26T00:30:00.000Z');
    expect(new Date(wallClockToUtc('Europe/Paris', 2025, 10, 26, 3, 30, 0)).toISOString()).toBe('2025-10-26T02:30:00.000Z');
    expect(new Date(wallClockToUtc('America/New_York', 2025, 1, 1, 0, 0, 0)).toISOString()).toBe('2025-01-01T05:00:00.000Z');
    expect(new Date(wallClockToUtc('UTC', 2025, 1, 1, 0, 0, 0)).toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});
