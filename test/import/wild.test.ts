/**
 * Files nobody on this project wrote (test/fixtures/<format>/wild/README.md says where each comes
 * from): every delivery result is imported, the other lines are counted without being called
 * errors, and the counts add up to the file's lines. The expected figures are read from the
 * files here with patterns written independently of the parsers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileImportResult } from '../../core/contract';
import { createEngine, type Engine } from '../../core/engine';
import { FIXTURES, tempDir } from '../helpers';

let engine: Engine;
let dir: { path: string; remove: () => void };

beforeEach(async () => {
  dir = tempDir('rebond-wild-');
  engine = await createEngine({ dbPath: join(dir.path, 'workspace.duckdb') });
});
afterEach(async () => {
  await engine.close();
  dir.remove();
});

async function importOne(path: string, extra: { year?: number } = {}): Promise<FileImportResult> {
  const summary = await engine.importFiles({ paths: [path], timeZone: 'UTC', ...extra });
  return summary.files[0];
}

function fileLines(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

/** The accounting adds up to the file's lines, and rejected lines are the ones not understood. */
function expectAddsUp(result: FileImportResult, lineCount: number) {
  expect(result.ok).toBe(true);
  expect(result.lines).toBe(lineCount);
  const parts =
    result.eventLines! + result.contextLines! + result.otherProgramLines! + result.blankLines! + (result.quotedLines ?? 0) + result.skipped + result.rejected;
  expect(parts).toBe(lineCount);
}

async function eventsOf(importId: number) {
  return engine.db.all<{ address: string; type: string; message_id: string | null; line: bigint; time: string }>(
    `SELECT address, type, message_id, line, strftime(time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S') AS time
     FROM events WHERE import_id = $1 ORDER BY line, address`,
    [importId],
  );
}

describe('a production maillog where sendmail hands mail to Postfix (2014)', () => {
  const path = join(FIXTURES, 'postfix/wild/gomaillex-maillog');
  const lines = fileLines(path);
  const program = (l: string) => /^\w{3} [ \d]\d [\d:]{8} \S+ ([^\s[]+)\[\d+\]: /.exec(l)?.[1] ?? null;
  const numbered = lines.map((text, i) => ({ text, line: i + 1 }));
  const results = numbered.filter(
    (l) => program(l.text)?.startsWith('postfix/') && /: to=<[^>]+>,.* status=(sent|deferred|bounced) /.test(l.text),
  );
  // qmgr "status=expired" ends the recipients its queue id had deferred: one soft bounce each
  const deferredIds = new Set(results.filter((l) => /status=deferred/.test(l.text)).map((l) => /\]: (\w+): /.exec(l.text)![1]));
  const expiries = numbered.filter(
    (l) => /postfix\/qmgr\[\d+\]: (\w+): from=.*status=expired/.test(l.text) && deferredIds.has(/\]: (\w+): /.exec(l.text)![1]),
  );
  const deliveries = [...results, ...expiries].sort((a, b) => a.line - b.line);
  const sendmail = lines.filter((l) => program(l) === 'sendmail');

  it('imports every Postfix delivery result, and counts sendmail lines as another program, not as errors', async () => {
    const result = await importOne(path, { year: 2014 });
    expect(result.format).toBe('postfix');
    expect(result.rejected).toBe(0);
    expect(result.stored + result.duplicates).toBe(deliveries.length);
    expect(result.eventLines).toBe(deliveries.length);
    expect(result.otherProgramLines).toBe(sendmail.length);
    expect(result.otherPrograms).toEqual([
      { program: 'sendmail', lines: sendmail.length, deliveries: sendmail.filter((l) => /: to=.*, stat=/.test(l)).length },
    ]);
    // the rest is Postfix's own: qmgr from=, cleanup message-id=, removed, connections
    expect(result.contextLines).toBe(lines.length - deliveries.length - sendmail.length);
    expectAddsUp(result, lines.length);

    const events = await eventsOf(result.importId!);
    expect(events.map((e) => Number(e.line))).toEqual(deliveries.map((d) => d.line));
    const first = deliveries[0].text;
    expect(events[0]).toMatchObject({
      address: /to=<([^>]+)>/.exec(first)![1].toLowerCase(),
      message_id: /\]: (\w+): to=/.exec(first)![1],
      time: '2014-06-29T03:10:04',
    });
  });
});

describe('an Exim mainlog (Exim\'s own test suite)', () => {
  const path = join(FIXTURES, 'exim/wild/exim-testsuite-0217.mainlog');
  const lines = fileLines(path);

  it('imports every delivery result and counts arrivals and Completed lines as context', async () => {
    const result = await importOne(path);
    expect(result.format).toBe('exim');
    expect(result.rejected).toBe(0);
    const results = lines.filter((l) => / (=>|->|==|\*\*) /.test(l) && !/retry time not (yet )?reached/.test(l));
    expect(result.stored + result.duplicates).toBe(results.length);
    const arrivals = lines.filter((l) => / <= /.test(l)).length;
    expect(result.contextLines).toBeGreaterThanOrEqual(arrivals);
    expectAddsUp(result, lines.length);
  });
});

describe('Mailjet webhook bodies as its documentation prints them', () => {
  const wild = join(FIXTURES, 'mailjet/wild');
  const bodies = ['sent', 'bounce', 'blocked', 'spam'].map((name) => {
    const text = readFileSync(join(wild, `${name}.json`), 'utf8');
    return { name, text, messageId: /"MessageID":\s*(\d+)/.exec(text)![1], email: /"email":\s*"([^"]+)"/.exec(text)![1] };
  });

  it.each(bodies)('reads the pretty-printed $name body with its exact MessageID', async (body) => {
    const result = await importOne(join(wild, `${body.name}.json`));
    expect(result.format).toBe('mailjet');
    expect(result.stored).toBe(1);
    expect(result.rejected).toBe(0);
    const [event] = await eventsOf(result.importId!);
    // beyond 2^53: a JSON.parse of the number would have rounded it
    expect(event.message_id).toBe(body.messageId);
    expect(event.address).toBe(body.email);
    expect(event.line).toBe(1n);
    expectAddsUp(result, fileLines(join(wild, `${body.name}.json`)).length);
  });

  it('reads a grouped array of those bodies, each event with its own line, and counts the brackets as context', async () => {
    const path = join(wild, 'grouped.json');
    const result = await importOne(path);
    const lines = fileLines(path);
    // bounce and blocked carry the same MessageID, time and address but are different events
    expect(result.stored).toBe(bodies.length);
    const events = await eventsOf(result.importId!);
    expect(events.map((e) => e.message_id).sort()).toEqual(bodies.map((b) => b.messageId).sort());
    const starts = lines.map((l, i) => (/^ {4}\{$/.test(l) ? i + 1 : 0)).filter((n) => n > 0);
    expect(events.map((e) => Number(e.line))).toEqual(starts);
    expect(result.contextLines).toBe(2); // "[" and "]"
    expectAddsUp(result, lines.length);
  });

  it('reads several documents in a row, and JSON lines beside them', async () => {
    const path = join(dir.path, 'bodies.json');
    writeFileSync(path, `${bodies[0].text}\n${bodies[1].text}${JSON.stringify({ event: 'open', time: 1430812200, email: 'a@example.org', MessageID: 1 })}\n`);
    const result = await importOne(path);
    expect(result.stored).toBe(3);
    expect(result.blankLines).toBe(1);
    expectAddsUp(result, fileLines(path).length);
  });

  it('fails on an invalid document, naming the line and the problem', async () => {
    const broken = bodies[1].text.replace('"hard_bounce": true,', '"hard_bounce": true');
    const path = join(dir.path, 'broken.json');
    writeFileSync(path, broken);
    const result = await importOne(path);
    expect(result.ok).toBe(false);
    const line = broken.split('\n').findIndex((l) => l.includes('"error_related_to"')) + 1;
    expect(result.error).toContain(`line ${line}: not valid JSON`);
    expect(result.error).toContain('broken.json');
  });

  it('says where an unclosed document starts', async () => {
    const path = join(dir.path, 'cut.json');
    writeFileSync(path, `${bodies[0].text}[\n${bodies[1].text.trimEnd()},\n`);
    const result = await importOne(path);
    expect(result.ok).toBe(true);
    expect(result.stored).toBe(2);
    expect(result.errors).toEqual([{ line: fileLines(join(wild, 'sent.json')).length + 1, message: expect.stringMatching(/not closed/), problem: { code: 'line.jsonUnclosed', params: { lastLine: expect.any(Number) } } }]);
  });
});

describe("Mailjet's REST API answers", () => {
  it('reads the message endpoint\'s {"Count","Data","Total"} with exact IDs, hard by StatePermanent', async () => {
    const path = join(FIXTURES, 'mailjet/api-message.json');
    const text = readFileSync(path, 'utf8');
    const result = await importOne(path);
    expect(result.format).toBe('mailjet');
    expect(result.rejected).toBe(0);
    const events = await eventsOf(result.importId!);
    const ids = [...text.matchAll(/"ID": (\d+)/g)].map((m) => m[1]);
    expect(events.map((e) => e.message_id).sort()).toEqual(ids.sort());
    expect(events.map((e) => [e.address, e.type]).sort()).toEqual([
      ['camille.martin@orange.fr', 'delivered'],
      ['jean.dupont@wanadoo.fr', 'hard_bounce'],
    ]);
    expectAddsUp(result, fileLines(path).length);
  });
});

describe('a PowerMTA bounce file whose operator left out timeLogged (quoted in a public issue)', () => {
  const path = join(FIXTURES, 'powermta/wild/bounce-2017-08-18.csv');
  const lines = fileLines(path);

  it('is recognised, takes its times from timeQueued and says so', async () => {
    const result = await importOne(path);
    expect(result.format).toBe('powermta');
    expect(result.timeField).toBe('timeQueued');
    expect(result.stored).toBe(lines.length - 1);
    const events = await eventsOf(result.importId!);
    expect(events.every((e) => e.type === 'hard_bounce' && e.time === '2017-08-18T11:45:02')).toBe(true);
    expect(result.contextLines).toBe(1); // the header
    expectAddsUp(result, lines.length);
  });

  it('names the missing required column instead of "not recognised"', async () => {
    const header = lines[0].split(',');
    const withoutRcpt = lines.map((l) => l.split(',').filter((_, i) => header[i] !== 'rcpt').join(',')).join('\n');
    const result = await importOne(writeTo('no-rcpt.csv', withoutRcpt));
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/PowerMTA accounting file, but its header has no "rcpt" \(the recipient\) column/);
  });
});

function writeTo(name: string, content: string): string {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
}
