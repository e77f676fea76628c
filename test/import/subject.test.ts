/**
 * The subject of each message, where the source has it (issue 16): Mailjet's message history
 * (`Subject`), the message API's JSON, Postfix's cleanup header warnings joined by queue id. What
 * the agent sees: `rebond address --json` messages[].subject, the terminal line, the report.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../core/store/migrations';
import { FIXTURES, rebond, tempDir } from '../helpers';

let dir: ReturnType<typeof tempDir>;
let db: string;

const API_JSON = JSON.stringify({
  Count: 1,
  Data: [
    {
      ArrivedAt: '2024-03-04T10:15:02Z',
      CampaignID: 7616201,
      ContactAlt: 'camille.martin@orange.fr',
      ID: 288230380567429871,
      StateID: 0,
      StatePermanent: false,
      Status: 'sent',
      Subject: 'Votre reçu fiscal 2023',
    },
  ],
  Total: 1,
});

// cleanup warns about the Subject header (a header_checks WARN rule) before or after its
// message-id= line; queue id 3D770111AF50 is reused by a later message with no warning
const POSTFIX_LOG = [
  '2024-03-05T09:00:00Z mail postfix/cleanup[100]: 3D770111AF50: message-id=<a1@asso.example.org>',
  '2024-03-05T09:00:00Z mail postfix/cleanup[100]: 3D770111AF50: warning: header Subject: =?ISO-8859-1?Q?Assembl=E9e_g=E9n=E9rale?= from unknown[10.1.1.1]; from=<bureau@asso.example.org> to=<jean.dupont@wanadoo.fr> proto=ESMTP helo=<asso.example.org>',
  '2024-03-05T09:00:01Z mail postfix/qmgr[101]: 3D770111AF50: from=<bureau@asso.example.org>, size=2048, nrcpt=1 (queue active)',
  '2024-03-05T09:00:02Z mail postfix/smtp[102]: 3D770111AF50: to=<jean.dupont@wanadoo.fr>, relay=smtp.wanadoo.fr[80.12.242.10]:25, delay=2, delays=0/0/1/1, dsn=5.1.1, status=bounced (host smtp.wanadoo.fr[80.12.242.10] said: 550 5.1.1 <jean.dupont@wanadoo.fr>: Recipient address rejected: User unknown (in reply to RCPT TO command))',
  '2024-03-05T09:00:02Z mail postfix/qmgr[101]: 3D770111AF50: removed',
  '2024-03-05T10:00:00Z mail postfix/cleanup[100]: 2CE6C111AF50: warning: header Subject: Rappel : cotisation 2024 from local; from=<bureau@asso.example.org> to=<marie.leroy@hotmail.fr>',
  '2024-03-05T10:00:00Z mail postfix/cleanup[100]: 2CE6C111AF50: message-id=<a2@asso.example.org>',
  '2024-03-05T10:00:01Z mail postfix/qmgr[101]: 2CE6C111AF50: from=<bureau@asso.example.org>, size=2048, nrcpt=1 (queue active)',
  '2024-03-05T10:00:02Z mail postfix/smtp[102]: 2CE6C111AF50: to=<marie.leroy@hotmail.fr>, relay=hotmail-com.olc.protection.outlook.com[52.101.8.36]:25, delay=2, delays=0/0/1/1, dsn=2.0.0, status=sent (250 2.6.0 <a2@asso.example.org> Queued mail for delivery)',
  '2024-03-05T11:00:00Z mail postfix/cleanup[100]: 3D770111AF50: message-id=<a3@asso.example.org>',
  '2024-03-05T11:00:01Z mail postfix/qmgr[101]: 3D770111AF50: from=<bureau@asso.example.org>, size=2048, nrcpt=1 (queue active)',
  '2024-03-05T11:00:02Z mail postfix/smtp[102]: 3D770111AF50: to=<paul.dupont@wanadoo.fr>, relay=smtp.wanadoo.fr[80.12.242.10]:25, delay=2, delays=0/0/1/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)',
].join('\n');

// a subject is text from a stranger like any other: it cannot drive the terminal
const HOSTILE_SUBJECT = 'Facture \x1b]0;pwned\x07\x1b[2J=HYPERLINK("http://evil.example")';
const EVENTS_CSV = [
  'event,time,MessageID,email,customcampaign,smtp_reply,Subject',
  `sent,1709629200,42,paul.martin@free.fr,lettre-mars,"sent (250 OK)","${HOSTILE_SUBJECT.replace(/"/g, '""')}"`,
].join('\n');

beforeAll(async () => {
  dir = tempDir('rebond-subject-');
  db = join(dir.path, 'w.duckdb');
  writeFileSync(join(dir.path, 'api-message.json'), API_JSON);
  writeFileSync(join(dir.path, 'maillog'), POSTFIX_LOG + '\n');
  writeFileSync(join(dir.path, 'events.csv'), EVENTS_CSV + '\n');
  const imported = await rebond([
    'import', '--db', db, '--json',
    join(FIXTURES, 'mailjet-history', 'history.csv'),
    join(dir.path, 'api-message.json'),
    join(dir.path, 'maillog'),
    join(dir.path, 'events.csv'),
  ]);
  expect(imported.code, imported.stderr).toBe(0);
}, 60_000);

afterAll(() => dir?.remove());

async function messagesOf(address: string): Promise<Array<{ subject: string | null; messageId: string | null; verdict: string }>> {
  const out = await rebond(['address', '--db', db, '--json', address]);
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout).messages;
}

describe('the subject of each message', () => {
  it('Mailjet message history CSV: the Subject column', async () => {
    expect((await messagesOf('paul.durand@orange.fr')).map((m) => m.subject)).toEqual(['Ouverture de commande']);
  });

  it('Mailjet message API JSON: the Subject field', async () => {
    expect((await messagesOf('camille.martin@orange.fr')).map((m) => m.subject)).toEqual(['Votre reçu fiscal 2023']);
  });

  it('Postfix: the header warning joined by queue id, decoded, and not lent to the queue id’s next message', async () => {
    const jean = await messagesOf('jean.dupont@wanadoo.fr');
    expect(jean.map((m) => [m.verdict, m.subject])).toEqual([['refused_address_side', 'Assemblée générale']]);
    expect((await messagesOf('paul.dupont@wanadoo.fr')).map((m) => [m.verdict, m.subject])).toEqual([['delivered', null]]);
    // the warning came before the message-id= line
    expect((await messagesOf('marie.leroy@hotmail.fr')).map((m) => m.subject)).toEqual(['Rappel : cotisation 2024']);
  });

  it('the report shows it per message, in Markdown and in the CSV', async () => {
    const md = await rebond(['report', '--db', db, '--lang', 'fr', '--tz', 'Europe/Paris', 'jean.dupont@wanadoo.fr']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('objet « Assemblée générale »');
    const csv = await rebond(['report', '--db', db, '--format', 'csv', '--lang', 'en', 'camille.martin@orange.fr']);
    expect(csv.stdout.split('\r\n')[0]).toContain(',Subject,');
    expect(csv.stdout).toContain('Votre reçu fiscal 2023');
  });

  it('a hostile subject is escaped in the terminal and in --json', async () => {
    const text = await rebond(['address', '--db', db, 'paul.martin@free.fr']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).not.toMatch(/[\x1b\x07]/);
    expect(text.stdout).toContain('Facture \\x1b]0;pwned\\x07\\x1b[2J=HYPERLINK');
    const json = await rebond(['address', '--db', db, '--json', 'paul.martin@free.fr']);
    expect(json.stdout).not.toMatch(/[\x1b\x07]/);
    expect(JSON.parse(json.stdout).messages[0].subject).toBe(HOSTILE_SUBJECT);
  });
});

describe('a workspace from before subjects', () => {
  it('opens, migrates, answers with no subject for its events, and stores them for new imports', async () => {
    const old = tempDir('rebond-subject-v3-');
    try {
      const path = join(old.path, 'v3.duckdb');
      const instance = await DuckDBInstance.create(path);
      const connection = await instance.connect();
      await connection.run('CREATE TABLE schema_version (version INTEGER NOT NULL, migrated_at TIMESTAMPTZ NOT NULL)');
      for (const migration of MIGRATIONS.filter((m) => m.version <= 3)) {
        for (const sql of migration.sql) await connection.run(sql);
        await connection.run(`INSERT INTO schema_version VALUES (${migration.version}, now())`);
      }
      await connection.run(`INSERT INTO imports VALUES (100, 'old.csv', 'old.csv', 'mailjet', 'x', now(), 1, 0, 0, 0, NULL, NULL, NULL)`);
      await connection.run(`INSERT INTO events (key, time, address, domain, type, counts_against, message_id, import_id, line, address_key)
        VALUES (1, '2021-01-04T10:00:00Z', 'ancien@free.fr', 'free.fr', 'delivered', false, '7', 100, 2, hash('ancien@free.fr'))`);
      await connection.run('CHECKPOINT');
      connection.closeSync();
      instance.closeSync();

      const before = await rebond(['address', '--db', path, '--json', 'ancien@free.fr']);
      expect(before.code, before.stderr).toBe(0);
      expect(JSON.parse(before.stdout).messages).toMatchObject([{ verdict: 'delivered', messageId: '7', subject: null }]);
      const imported = await rebond(['import', '--db', path, join(FIXTURES, 'mailjet-history', 'history.csv')]);
      expect(imported.code, imported.stderr).toBe(0);
      expect((await messagesOfIn(path, 'paul.durand@orange.fr')).map((m) => m.subject)).toEqual(['Ouverture de commande']);
    } finally {
      old.remove();
    }
  }, 60_000);
});

async function messagesOfIn(path: string, address: string): Promise<Array<{ subject: string | null }>> {
  const out = await rebond(['address', '--db', path, '--json', address]);
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout).messages;
}
