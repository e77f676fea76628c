/** `rebond report` as a user runs it: formats, --out, usage errors, unknown addresses. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, rebond, tempDir } from '../helpers';

const FIXTURE = join(ROOT, 'test', 'e2e', 'fixtures', 'sender-blocked.csv');

describe('rebond report', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: string;

  beforeAll(async () => {
    dir = tempDir('rebond-report-cli-');
    db = join(dir.path, 'w.duckdb');
    const imported = await rebond(['import', '--db', db, FIXTURE]);
    expect(imported.code).toBe(0);
  }, 60_000);

  afterAll(() => dir?.remove());

  it('prints the Markdown report on standard output, and reports an address never seen as such', async () => {
    const run = await rebond(['report', '--db', db, '--lang', 'en', '--tz', 'Europe/Paris', 'marie.leroy@hotmail.fr', 'nobody@example.org']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# Remediation report\n/);
    expect(run.stdout).toContain('- marie.leroy@hotmail.fr — Deliverable. Last 3 e-mails not delivered: Microsoft refused our sending IP (block list S3150) since 12 Jan 2021');
    // 26 Jan 08:00 UTC is 09:00 in Paris
    expect(run.stdout).toContain('26 Jan 2021, 09:00');
    expect(run.stdout).toContain('- nobody@example.org — Never seen.');
  });

  it('address --json gives one verdict per message, oldest first, with its evidence', async () => {
    const run = await rebond(['address', '--db', db, '--json', 'marie.leroy@hotmail.fr']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { messages: Array<Record<string, unknown> & { evidence: Array<{ source: { line: number } }> }>; answer: { tone: string } };
    expect(json.messages.map((m) => m.verdict)).toEqual(['delivered', 'refused_sender_side', 'refused_sender_side', 'refused_sender_side']);
    expect(json.messages[1]).toMatchObject({ messageId: '577100000000000002', campaign: 'ouverture-commande', subject: null, blockListCode: 'S3150', provider: 'Microsoft', lateBySeconds: null });
    expect(json.messages[1].evidence.map((e) => e.source.line)).toEqual([3]);
    expect(json.answer.tone).toBe('sender_problem');
  });

  it('writes a PDF only to a file, and the other formats to one when asked', async () => {
    const refused = await rebond(['report', '--db', db, '--format', 'pdf', 'marie.leroy@hotmail.fr']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--format pdf needs --out FILE');

    const pdf = join(dir.path, 'r.pdf');
    const done = await rebond(['report', '--db', db, '--format', 'pdf', '--lang', 'fr', '--out', pdf, 'marie.leroy@hotmail.fr']);
    expect(done.code).toBe(0);
    expect(done.stdout).toBe('');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    const csv = join(dir.path, 'r.csv');
    expect((await rebond(['report', '--db', db, '--format', 'csv', '--out', csv, 'marie.leroy@hotmail.fr'])).code).toBe(0);
    expect(readFileSync(csv, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(1 + 4);
  }, 30_000);

  it('refuses a format, a language or a zone it does not know, as wrong usage', async () => {
    for (const args of [
      ['--format', 'docx'],
      ['--lang', 'de'],
      ['--tz', 'Mars/Olympus'],
    ]) {
      const run = await rebond(['report', '--db', db, ...args, 'marie.leroy@hotmail.fr']);
      expect(run.code, args.join(' ')).toBe(2);
    }
    const noDb = await rebond(['report', '--db', join(dir.path, 'missing.duckdb'), 'a@b.fr']);
    expect(noDb.code).toBe(1);
  });
});
