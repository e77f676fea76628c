/**
 * Exim parsing against every `=>`, `->`, `==` and `**` line of Exim's own test-suite mainlogs
 * (test/fixtures/corpus/logs/exim-testsuite_*, see its README), one test per line, plus lines as
 * Exim's documentation writes them.
 */
import { wordLineProblem } from '../../model/problem-words';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StageRow } from '../../model/event';
import { EximParser, replyCodes } from './parse';

const ROOT = resolve(import.meta.dirname, '../../..');
const CORPUS = resolve(ROOT, 'test/fixtures/corpus/logs');

function parseFile(lines: string[], timeZone = 'UTC') {
  const rows: StageRow[] = [];
  const rejects: Array<{ line: number; message: string }> = [];
  const parser = new EximParser(timeZone, { row: (r) => rows.push(r), reject: (line, found) => rejects.push({ line, message: wordLineProblem(found, 'en') }) });
  lines.forEach((l, i) => parser.line(l, i + 1));
  return { rows, rejects, counts: parser.counts };
}

const FLAG_LINE = /^\S+ \S+ (\S+) (=>|->|==|\*\*) (.*)$/;

/**
 * The expected outcome of one corpus line, written independently of the parser:
 * => -> delivered; == deferred, except Exim's "retry time not reached" notes (no attempt: nothing);
 * ** bounced: soft when the retry timeout expired or the reply is 4xx, hard otherwise;
 * :blackhole: discards and `mua_wrapper` notes name no recipient: nothing.
 */
function oracle(flag: string, rest: string): { type: string; address: string } | null {
  if (rest.startsWith(':blackhole: ')) return null;
  const first = rest.split(' ')[0].replace(/:$/, '');
  const angle = /^\S+ <([^>]+)>/.exec(rest)?.[1];
  const address = first.includes('@') ? first : angle?.includes('@') ? angle : null;
  if (!address) return null;
  if (flag === '=>' || flag === '->') return { type: 'delivered', address };
  if (flag === '==') return /defer \(-5[23]\): retry time not (yet )?reached/i.test(rest) ? null : { type: 'deferred', address };
  if (/retry timeout exceeded/.test(rest)) return { type: 'soft_bounce', address };
  return { type: /: 4\d\d /.test(rest) ? 'soft_bounce' : 'hard_bounce', address };
}

const files = readdirSync(CORPUS).filter((f) => f.startsWith('exim-testsuite_'));

describe.each(files)('every delivery line of %s', (file) => {
  const lines = readFileSync(resolve(CORPUS, file), 'utf8').split('\n');
  const { rows, rejects } = parseFile(lines);
  const byLine = new Map<number, StageRow[]>();
  for (const r of rows) byLine.set(r.line, [...(byLine.get(r.line) ?? []), r]);
  const cases = lines
    .map((text, i) => ({ text, line: i + 1, m: FLAG_LINE.exec(text) }))
    .filter((c) => c.m !== null);

  it('has delivery lines, and rejects only the lines that are not mainlog lines (5100 holds its LMTP script)', () => {
    expect(cases.length).toBeGreaterThan(0);
    const undated = lines.map((text, i) => ({ text, line: i + 1 })).filter((l) => l.text.trim() !== '' && !/^\d{4}-\d\d-\d\d /.test(l.text));
    expect(rejects.map((r) => r.line)).toEqual(undated.map((l) => l.line));
  });

  it.each(cases.map((c) => [`line ${c.line}: ${c.text.slice(44, 130)}`, c] as const))('%s', (_name, c) => {
    const [, id, flag, rest] = c.m!;
    const want = oracle(flag, rest);
    const got = byLine.get(c.line) ?? [];
    if (want === null) {
      expect(got).toEqual([]);
      return;
    }
    expect(got).toHaveLength(1);
    expect(got[0].type).toBe(want.type);
    expect(got[0].address).toBe(want.address);
    expect(got[0].time.toISOString()).toBe('1999-03-02T09:44:33.000Z');
    // the Exim id links the events of one message
    expect(got[0].messageId).toBe(id);
    const reply = want.type === 'delivered' ? /C="([245]\d\d)/.exec(rest) : /: ([245]\d\d) /.exec(rest + ' ');
    // an expiry carries the code of the last deferral; every other line its own reply code
    if (!/retry timeout exceeded/.test(rest)) expect(got[0].smtpCode ?? null).toBe(reply ? Number(reply[1]) : null);
  });
});

describe('Exim details', () => {
  it('reads the FORMATS.md lines: relay, confirmation, multi-line reply, sender and Message-ID from <=', () => {
    const { rows } = parseFile(
      [
        '2016-05-24 09:51:50 1b56Bg-0004ft-Fe <= raexpert@raexpert.ru H=app [192.0.2.4] P=esmtpsa S=75000 id=20160524.1@raexpert.ru',
        '2016-05-24 09:51:57 1b56Bg-0004ft-Fe => news@banki.ru P=<raexpert@raexpert.ru> R=dnslookup T=remote_smtp S=75389 H=postmail.banki.ru [212.24.61.88] CV=yes C="250 2.0.0 5743fa0d-00c6e519 Message accepted for delivery"',
        '2018-07-17 04:41:15 +0200 [4021] 1fdHyN-00061Y-LL == test@gmail.com R=dnslookup T=remote_smtp defer (-44): SMTP error from remote mail server after RCPT TO:<test2.gmail.com>: host alt4.gmail-smtp-in.l.google.com [127.0.0.1]: 452-4.2.2 The email account that you tried to reach is over quota. Please direct\\n452-4.2.2 the recipient to\\n452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp s13-v6si24815369jam.8 - gsmtp',
        '2007-09-15 23:44:00 1IWZoL-0004gE-Hg ** nobody@whatever.com R=smarthost T=remote_smtp_smarthost: SMTP error from remote mail server after RCPT TO:<nobody@whatever.com>: host whatever.com [74.200.79.210]: 550',
      ],
      'Europe/Paris',
    );
    expect(rows[0]).toMatchObject({
      type: 'delivered',
      address: 'news@banki.ru',
      relay: 'postmail.banki.ru [212.24.61.88]',
      smtpCode: 250,
      enhancedCode: '2.0.0',
      sender: 'raexpert@raexpert.ru',
      messageId: '1b56Bg-0004ft-Fe',
      diagnostic: '250 2.0.0 5743fa0d-00c6e519 Message accepted for delivery',
      hint: 'exim:delivered',
    });
    expect(rows[0].time.toISOString()).toBe('2016-05-24T07:51:57.000Z');
    expect(rows[1]).toMatchObject({ type: 'deferred', smtpCode: 452, enhancedCode: '4.2.2', relay: 'alt4.gmail-smtp-in.l.google.com [127.0.0.1]' });
    expect(rows[1].diagnostic).toMatch(/^SMTP error from remote mail server after RCPT TO:<test2\.gmail\.com>: host .*over quota/);
    // the line's own offset wins over the import's zone
    expect(rows[1].time.toISOString()).toBe('2018-07-17T02:41:15.000Z');
    expect(rows[2]).toMatchObject({ type: 'hard_bounce', smtpCode: 550, relay: 'whatever.com [74.200.79.210]', hint: 'exim:bounced' });
  });

  it('gives a retry-timeout failure the cause of the last deferral, as an expiry', () => {
    const { rows } = parseFile([
      '1999-03-02 09:44:33 10HmbF-000000005vi-0000 == a@test.ex R=remote T=smtp defer (-44) H=127.0.0.1 [127.0.0.1]: SMTP error from remote mail server after RCPT TO:<a@test.ex>: 450 Recipient bad',
      '1999-03-02 09:44:34 10HmbF-000000005vi-0000 ** a@test.ex: retry timeout exceeded',
    ]);
    expect(rows[1]).toMatchObject({ type: 'soft_bounce', hint: 'exim:expired', smtpCode: 450, relay: '127.0.0.1 [127.0.0.1]' });
    expect(rows[1].diagnostic).toMatch(/450 Recipient bad/);
  });

  it('finds reply and enhanced codes', () => {
    expect(replyCodes('SMTP error from remote mail server after RCPT TO:<b@x.y>: 550 5.1.1 NOTOK')).toEqual({ smtpCode: 550, enhancedCode: '5.1.1' });
    expect(replyCodes('LMTP error after end of data: 450 Number 2 is now delayed')).toEqual({ smtpCode: 450, enhancedCode: null });
    expect(replyCodes('Connection refused')).toEqual({ smtpCode: null, enhancedCode: null });
  });
});
