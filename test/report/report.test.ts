/**
 * The remediation report on the demo data (its scripted addresses have a known story): it must
 * read like a support agent wrote it, in the reader’s language and time zone, in every format.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../core/demo/generate';
import { createEngine, type Engine } from '../../core/engine';
import { tempDir } from '../helpers';

const AT = '2021-02-01T00:00:00Z';
const TICKET = ['lea.martin@gmail.com', 'camille.petit@free.fr', 'paul.durand@orange.fr', 'marie.leroy@hotmail.fr'];
const PDFTOTEXT = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));

let dir: ReturnType<typeof tempDir>;
let engine: Engine;

beforeAll(async () => {
  dir = tempDir('rebond-report-');
  const demo = await generateDemo({ out: join(dir.path, 'demo'), events: 20000, seed: 1 });
  engine = await createEngine({ dbPath: join(dir.path, 'w.duckdb') });
  const imported = await engine.importFiles({ paths: demo.files.slice(0, -1), timeZone: 'Europe/Paris' });
  expect(imported.files.every((f) => f.ok)).toBe(true);
}, 60_000);

afterAll(async () => {
  await engine?.close();
  dir?.remove();
});

const report = async (format: 'md' | 'html' | 'csv', lang: 'fr' | 'en', addresses = TICKET, timeZone = 'Europe/Paris') =>
  (await engine.report({ addresses, format, lang, at: AT, timeZone })).text!;

/** The part of a Markdown report about one address. */
function sectionOf(md: string, address: string): string {
  const start = md.indexOf(`## ${address.replace(/[_[\]<>|~&*`\\]/g, '\\$&')}`);
  expect(start).toBeGreaterThan(0);
  const next = md.indexOf('\n## ', start + 3);
  return md.slice(start, next < 0 ? undefined : next);
}

describe('the French report', () => {
  it('gives each address its status, until when, the server text, the cause and the action', async () => {
    const md = await report('md', 'fr');
    // the summary to paste, first
    const summary = md.slice(md.indexOf('## Résumé'), md.indexOf('## lea.martin'));
    for (const a of TICKET) expect(summary).toContain(a);

    const lea = sectionOf(md, 'lea.martin@gmail.com');
    expect(lea).toContain('**Statut :** Quarantaine longue durée');
    expect(lea).toContain('550 5.1.1 The email account that you tried to reach does not exist');
    expect(lea).toContain("Vérifier d’abord si le membre est dans la liste des désinscrits");
    // 20 Jan 10:15 UTC is 11:15 in Paris
    expect(lea).toContain('20 janv. 2021, 11:15');
    expect(lea).toContain('Quarantaine longue durée depuis le 20 janv. 2021, toujours en cours');

    const camille = sectionOf(md, 'camille.petit@free.fr');
    expect(camille).toContain('**Statut :** Liste noire');
    expect(camille).toContain('la personne a signalé un message comme spam le 16 janv. 2021');
    expect(camille).toContain('que sur demande écrite de la personne');
    // the demo’s complaint spike of 16 January (seed 000) is the platform incident behind it
    expect(camille).toMatch(/### Incidents de la plateforme\n\n- Sa plainte du 16 janv\. 2021 fait partie du pic de plaintes/);

    const paul = sectionOf(md, 'paul.durand@orange.fr');
    expect(paul).toContain("**Statut :** Quarantaine temporaire jusqu’au 8 févr. 2021");
    expect(paul).toContain('452 4.2.2 Boite du destinataire pleine');
    expect(paul).toContain("Demander au membre de libérer de l’espace dans sa boîte");
    expect(paul).toContain("Attendre le 8 févr. 2021");
    expect(paul).toContain('Quarantaine temporaire du 12 janv. 2021 au 19 janv. 2021');

    const marie = sectionOf(md, 'marie.leroy@hotmail.fr');
    expect(marie).toContain('**Statut :** Délivrable');
    expect(marie).toContain("Les 2 derniers e-mails n’ont pas été remis : Microsoft refuse notre adresse IP d’envoi (liste de blocage S3140)");
    expect(marie).toContain("l’adresse elle-même est bonne");
    expect(marie).toContain('Demander à la plateforme de contacter Microsoft');
    expect(marie).toContain('part of their network is on our block list (S3140)');
    // the 19 Jan 16:20 UTC refusal, in Paris time
    expect(marie).toContain('19 janv. 2021, 17:20');
  });

  it('reports an address never seen as such, not as an error', async () => {
    const md = await report('md', 'fr', ['personne@example.org', 'lea.martin@gmail.com']);
    const never = sectionOf(md, 'personne@example.org');
    expect(never).toContain('**Statut :** Jamais vue');
    expect(never).toContain('Aucun événement pour cette adresse dans les données importées');
    expect(never).not.toContain('### Preuves');
    expect(md).toContain('lea.martin@gmail.com');
  });

  it("writes dates in the reader's zone", async () => {
    const md = await report('md', 'fr', ['marie.leroy@hotmail.fr'], 'America/New_York');
    expect(md).toContain('19 janv. 2021, 11:20');
  });
});

describe('the English report', () => {
  it('says the same facts in English', async () => {
    const md = await report('md', 'en');
    const lea = sectionOf(md, 'lea.martin@gmail.com');
    expect(lea).toContain('**Status:** Long quarantine');
    expect(lea).toContain('20 Jan 2021, 11:15');
    expect(lea).toContain('Check the unsubscribed list first');
    const camille = sectionOf(md, 'camille.petit@free.fr');
    expect(camille).toContain('**Status:** Blacklisted');
    expect(camille).toContain("only on the person’s written request");
    const paul = sectionOf(md, 'paul.durand@orange.fr');
    expect(paul).toContain('**Status:** Temporary quarantine until 8 Feb 2021');
    expect(paul).toContain('Ask the member to free space in their mailbox');
    const marie = sectionOf(md, 'marie.leroy@hotmail.fr');
    expect(marie).toContain('Last 2 e-mails not delivered: Microsoft refused our sending IP (block list S3140) since 19 Jan 2021 — the address itself is fine');
    expect(marie).toContain('Ask the platform to contact Microsoft to have its sending IP removed from the block list S3140');
  });

  it('makes a self-contained HTML page with the same facts', async () => {
    const html = await report('html', 'en');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src=|href=|url\(/i);
    expect(html).toContain('Content-Security-Policy');
    expect(html).toContain('data-tone="sender_problem"');
    expect(html).toContain('Microsoft refused our sending IP (block list S3140)');
    expect(html).toContain('Temporary quarantine until 8 Feb 2021');
  });

  it('exports the events as CSV, one row per event with its source line', async () => {
    const csv = await report('csv', 'en', ['paul.durand@orange.fr']);
    const lines = csv.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Address,UTC,Date (Europe/Paris),Event,Reason,SMTP,DSN,Server’s text,Campaign,Message id,Subject,File,Line');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain('2021-01-12T09:00:00.000Z,"12 Jan 2021, 10:00",soft_bounce,mailbox_full');
    expect(lines[2]).toContain('mailbox_full');
  });
});

describe('the PDF', () => {
  it.skipIf(!PDFTOTEXT)('shows the text, accents included, in the reader\'s language', async () => {
    const file = await engine.report({ addresses: TICKET, format: 'pdf', lang: 'fr', at: AT, timeZone: 'Europe/Paris' });
    const bytes = Buffer.from(file.base64!, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const path = join(dir.path, 'report.pdf');
    writeFileSync(path, bytes);
    const text = execFileSync(PDFTOTEXT!, ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Rapport de remédiation');
    expect(text).toContain('Quarantaine longue durée');
    expect(text).toContain("Demander au membre de libérer de l’espace");
    expect(text).toContain('Délivrable');
    expect(text).toContain('liste de blocage S3140');
    expect(text).toContain("jusqu’au 8 févr. 2021");
    // Roboto has no superscript ᵉ: the PDF writes the ordinal with a plain letter
    expect(text).toContain('2e quarantaine temporaire (14 jours');
  }, 30_000);
});
