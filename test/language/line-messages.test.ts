/**
 * The rejected lines of every line-by-line importer (AssoConnect, Mailjet JSON, Postfix, Exim)
 * come with their problem's code, so the French app and `--lang fr` word them in French, and
 * the English ones in English (issue 17: "rejected-line messages are English").
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../core/model/lang';
import { withEngine } from '../helpers';

interface Case {
  name: string;
  format: string;
  text: string;
  /** per rejected line: its number and the words expected in each language */
  rejected: Array<{ line: number; code: string; fr: string; en: string }>;
}

const CASES: Case[] = [
  {
    name: 'campagne.csv',
    format: 'assoconnect',
    text: [
      'Prénom;Nom;E-mail;Statut;Date d’envoi;Raison du rejet;Campagne',
      'Chloé;Lefèvre;chloe.lefevre@orange.fr;Envoyé;17/01/2021 10:05;;Cotisation',
      'Paul;Durand;paul.durand@orange.fr;Perdu en mer;17/01/2021 10:05;;Cotisation',
      'Marie;Leroy;marie.leroy@hotmail.fr;Envoyé;hier;;Cotisation',
      'Luc;Petit;;Envoyé;17/01/2021 10:06;;Cotisation',
    ].join('\n'),
    rejected: [
      { line: 3, code: 'line.unknownStatus', fr: 'statut inconnu « Perdu en mer »', en: 'unknown status “Perdu en mer”' },
      { line: 4, code: 'line.date', fr: 'date illisible « hier »', en: 'unreadable date “hier”' },
      { line: 5, code: 'line.noEmail', fr: 'pas d’adresse e-mail', en: 'no e-mail address' },
    ],
  },
  {
    name: 'events.jsonl',
    format: 'mailjet',
    text: [
      '{"event":"sent","time":1610874000,"email":"chloe.lefevre@orange.fr","MessageID":1}',
      '{"event":"teleported","time":1610874000,"email":"paul.durand@orange.fr","MessageID":2}',
      '{"event":"sent","time":"someday","email":"marie.leroy@hotmail.fr","MessageID":3}',
      '{"event":"sent","time":1610874000,"MessageID":4}',
      'plain words',
      '{"event":"sent" "time":1610874000}',
    ].join('\n'),
    rejected: [
      { line: 2, code: 'line.eventType', fr: 'type d’événement inconnu « teleported »', en: 'unknown event type “teleported”' },
      { line: 3, code: 'line.date', fr: 'date illisible « someday »', en: 'unreadable date “someday”' },
      { line: 4, code: 'line.noEmail', fr: 'pas d’adresse e-mail', en: 'no e-mail address' },
      { line: 5, code: 'line.jsonOutside', fr: 'JSON invalide (« plain words » est en dehors de tout document JSON)', en: 'not valid JSON (“plain words” is outside any JSON document)' },
      // V8's own words are English ("Expected ',' or '}' after property value"): ours name the character and its column
      { line: 6, code: 'line.json', fr: 'JSON invalide (« " » n’est pas attendu ici, colonne 17)', en: 'not valid JSON (“"” was not expected here, column 17)' },
    ],
  },
  {
    name: 'maillog',
    format: 'postfix',
    text: [
      '2021-01-17T10:00:00+01:00 mx postfix/smtp[10]: ABC123: to=<chloe.lefevre@orange.fr>, relay=smtp.orange.fr[1.2.3.4]:25, delay=1, dsn=2.0.0, status=sent (250 ok)',
      'garbage that is no syslog line',
      '2021-01-17T10:00:01+01:00 mx postfix/smtp[10]: ABC124: to=<paul.durand@orange.fr>, relay=smtp.orange.fr[1.2.3.4]:25, delay=1, dsn=2.0.0, status=wibble (250 ok)',
      '2021-01-17T10:00:02+01:00 mx postfix/smtp[10]: ABC125: to=<marie.leroy@hotmail.fr, relay=none',
    ].join('\n'),
    rejected: [
      { line: 2, code: 'line.notSyslog', fr: 'pas une ligne syslog (ni heure ni programme au début)', en: 'not a syslog line (no time and program at its start)' },
      { line: 3, code: 'line.unknownDelivery', fr: 'statut de distribution inconnu « wibble »', en: 'unknown delivery status “wibble”' },
      { line: 4, code: 'line.recipientUnclosed', fr: 'l’adresse du destinataire n’a pas de « > » fermant', en: 'the recipient address has no closing “>”' },
    ],
  },
  {
    name: 'mainlog',
    format: 'exim',
    text: [
      '2021-01-17 10:00:00 1b56Bg-0004ft-Fe <= news@asso.example.org H=app [192.0.2.4] P=esmtpsa S=7500 id=1@asso.example.org',
      '2021-01-17 10:00:01 1b56Bg-0004ft-Fe => chloe.lefevre@orange.fr R=dnslookup T=remote_smtp H=smtp.orange.fr [1.2.3.4] C="250 ok"',
      'not a line of Exim',
      '2021-01-17 10:00:02 1b56Bg-0004ft-Fe Completed',
    ].join('\n'),
    rejected: [{ line: 3, code: 'line.notExim', fr: 'pas une ligne de journal Exim (ni date ni heure au début)', en: 'not an Exim mainlog line (no date and time at its start)' }],
  },
];

describe('rejected lines in the reader’s language', () => {
  for (const c of CASES) {
    it(`${c.format}: French and English words, from the line’s code`, async () => {
      await withEngine(async (engine, dir) => {
        const path = join(dir, c.name);
        writeFileSync(path, `${c.text}\n`);
        for (const lang of ['fr', 'en'] as Lang[]) {
          const { files } = await engine.importFiles({ paths: [path], lang });
          const [file] = files;
          expect(file.format).toBe(c.format);
          expect(file.ok, file.error).toBe(true);
          expect(file.rejected).toBe(c.rejected.length);
          expect(file.errors.map((e) => ({ line: e.line, code: e.problem?.code, message: e.message }))).toEqual(
            c.rejected.map((r) => ({ line: r.line, code: r.code, message: r[lang] })),
          );
        }
      });
    });
  }
});
