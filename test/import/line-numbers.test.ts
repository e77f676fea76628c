/**
 * An agent opens the file at the line Rebond names: every event and every rejected line must
 * carry its true line, also when the file holds blank lines or values written over two lines.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { withEngine } from '../helpers';

const HEADER = 'event,time,email,comment';
const row = (who: string, comment = 'ok', time = '1614727800') => `sent,${time},${who}@example.org,${comment}`;

async function linesOf(content: string | Buffer, name = 'events.csv') {
  return withEngine(async (engine, dir) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    const [result] = (await engine.importFiles({ paths: [file] })).files;
    expect(result).toMatchObject({ ok: true, format: 'mailjet' });
    const events: Record<string, number> = {};
    for (const who of ['a', 'b', 'c', 'd', 'e']) {
      const report = await engine.address({ address: `${who}@example.org` });
      if (report.events[0]) events[who] = report.events[0].source.line;
    }
    return { events, errors: result.errors.map((e) => [e.line, e.message.split(' ')[0]]) };
  });
}

describe('line numbers', () => {
  it('are the row order in a plain file, rejected lines included', async () => {
    const content = [HEADER, row('a'), 'sent,1614727800,b@example.org,x,extra', row('c', 'ok', 'notatime'), row('d')].join('\n');
    expect(await linesOf(content)).toEqual({ events: { a: 2, d: 5 }, errors: [[3, 'expected'], [4, 'unreadable']] });
  });

  // DuckDB reads these whole, in one pass (csv-scan.ts readClean): lines follow from the row order
  it('are the row order in a file without a line DuckDB cannot read, bad values included', async () => {
    const content = [HEADER, row('a'), row('b', 'ok', 'notatime'), row('c'), 'sent,1614727800,not-an-address,ok', row('d')].join('\n');
    expect(await linesOf(content)).toEqual({ events: { a: 2, c: 4, d: 6 }, errors: [[3, 'unreadable'], [5, 'not']] });
  });

  it('count blank lines and values over several lines in a file DuckDB reads whole', async () => {
    const content = ['', HEADER, row('a'), '', row('b', '"two\nlines"'), row('c', 'ok', 'notatime'), '', row('d')].join('\n');
    expect(await linesOf(content)).toEqual({ events: { a: 3, b: 5, d: 9 }, errors: [[7, 'unreadable']] });
  });

  it('count blank lines, blank lines before the header, and values over several lines', async () => {
    const content = ['', '', HEADER, row('a'), '', row('b', '"two\nlines"'), 'sent,1614727800,c@example.org,x,extra', row('d', 'ok', 'notatime'), row('e'), '', ''].join('\n');
    expect(await linesOf(content)).toEqual({ events: { a: 4, b: 6, e: 10 }, errors: [[8, 'expected'], [9, 'unreadable']] });
  });

  it('are the same inside a gzip file, and with Windows line ends', async () => {
    const content = [HEADER, row('a'), '', row('b', '"two\r\nlines"'), row('c')].join('\r\n');
    expect(await linesOf(gzipSync(Buffer.from(content)), 'events.csv.gz')).toEqual({ events: { a: 2, b: 4, c: 6 }, errors: [] });
  });
});
