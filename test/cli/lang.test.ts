/**
 * `--lang fr|en` on the commands that print words of their own: `rebond import` (each file's
 * counts, the line accounting, the rejected lines and a refused file's error), `rebond
 * release` (refusals) and `rebond address` (the words around the engine's sentences). Called in this process (test/helpers.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, rebond, tempDir } from '../helpers';

const POSTFIX = [
  '2021-01-17T10:00:00+01:00 mx postfix/smtp[10]: ABC123: to=<chloe.lefevre@orange.fr>, relay=smtp.orange.fr[1.2.3.4]:25, delay=1, dsn=2.0.0, status=sent (250 ok)',
  'garbage that is no syslog line',
].join('\n');

function workspace() {
  const dir = tempDir();
  const log = join(dir.path, 'maillog');
  const empty = join(dir.path, 'vide.csv');
  writeFileSync(log, `${POSTFIX}\n`);
  writeFileSync(empty, '');
  return { dir, db: join(dir.path, 'w.duckdb'), log, empty };
}

describe('rebond import --lang', () => {
  it('prints the counts, the lines and the rejected lines in French', async () => {
    const w = workspace();
    try {
      const run = await rebond(['import', '--db', w.db, '--lang', 'fr', w.log]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const out = run.stdout.split('\n');
      expect(out[0]).toMatch(/^.*maillog : postfix, 1 événement enregistré, aucun doublon, 1 ligne rejetée \(\d+,\d\d s\)$/);
      expect(out[1]).toBe('  2 lignes : 1 distribution, 0 ligne de contexte, 1 ligne non comprise');
      expect(out[2]).toBe('  ligne 2 : pas une ligne syslog (ni heure ni programme au début)');
      // the same file again: nothing stored twice, said in French
      const again = await rebond(['import', '--db', w.db, '--lang', 'fr', w.log]);
      expect(again.stdout).toMatch(/aucun événement enregistré, 1 doublon ignoré, 1 ligne rejetée/);
    } finally {
      w.dir.remove();
    }
  });

  it('prints them in English with --lang en', async () => {
    const w = workspace();
    try {
      const run = await rebond(['import', '--db', w.db, '--lang', 'en', w.log]);
      expect(run.code).toBe(0);
      const out = run.stdout.split('\n');
      expect(out[0]).toMatch(/maillog: postfix, 1 events stored, 0 duplicates skipped, 1 lines rejected \(\d+\.\d\d s\)$/);
      expect(out[1]).toBe('  2 lines: 1 delivery, 0 context lines, 1 line not understood');
      expect(out[2]).toBe('  line 2: not a syslog line (no time and program at its start)');
    } finally {
      w.dir.remove();
    }
  });

  it('says why a file was refused in the language asked, naming the file', async () => {
    const w = workspace();
    try {
      const fr = await rebond(['import', '--db', w.db, '--lang', 'fr', w.empty]);
      expect(fr.code).toBe(1);
      expect(fr.stderr).toContain('vide.csv est vide : il n’y a rien à importer.');
      const en = await rebond(['import', '--db', w.db, '--lang', 'en', w.empty]);
      expect(en.stderr).toContain('vide.csv is empty: there is nothing to import.');
    } finally {
      w.dir.remove();
    }
  });

  it('refuses a language Rebond does not speak', async () => {
    const w = workspace();
    try {
      const run = await rebond(['import', '--db', w.db, '--lang', 'de', w.log]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--lang: "de" is not a language Rebond speaks/);
    } finally {
      w.dir.remove();
    }
  });
});

describe('rebond release --lang', () => {
  it('refuses to release an address in no quarantine, in French or English', async () => {
    const w = workspace();
    try {
      await rebond(['import', '--db', w.db, w.log]);
      const fr = await rebond(['release', '--db', w.db, '--reason', 'demande écrite', '--lang', 'fr', 'chloe.lefevre@orange.fr']);
      expect(fr.code).toBe(1);
      expect(fr.stdout).toContain('Refusée : chloe.lefevre@orange.fr : chloe.lefevre@orange.fr n’est ni en quarantaine ni en liste noire : il n’y a rien à libérer.');
      // the refusal the command ends on, in French typography too
      expect(fr.stderr).toContain('rebond: chloe.lefevre@orange.fr : chloe.lefevre@orange.fr n’est ni en quarantaine');
      const en = await rebond(['release', '--db', w.db, '--reason', 'asked', '--lang', 'en', 'chloe.lefevre@orange.fr']);
      expect(en.stdout).toContain('Refused chloe.lefevre@orange.fr: chloe.lefevre@orange.fr is not in quarantine or on the blacklist');
    } finally {
      w.dir.remove();
    }
  });
});

describe('rebond address --lang', () => {
  it('names the status and the sections in French, and keeps the codes in English', async () => {
    const w = workspace();
    try {
      expect((await rebond(['import', '--db', w.db, join(FIXTURES, 'mailjet', 'events.csv')])).code).toBe(0);
      const fr = (await rebond(['address', '--db', w.db, '--lang', 'fr', 'lea.martin@gmail.com'])).stdout.split('\n');
      expect(fr[0]).toBe('lea.martin@gmail.com — quarantaine longue durée');
      expect(fr).toContain('P\u00e9riodes\u00a0:');
      expect(fr).toContain('  quarantaine longue durée 2021-01-20T10:15:00.000Z → …  (long_quarantine.hard_bounce.major(1))');
      expect(fr).toContain('Messages (2)\u00a0:');
      expect(fr).toContain('Que faire\u00a0:');
      expect(fr.some((line) => /^[A-Z][a-z]+( [a-z]+)*( \(\d+\))?:$/.test(line))).toBe(false);
      const en = (await rebond(['address', '--db', w.db, '--lang', 'en', 'lea.martin@gmail.com'])).stdout.split('\n');
      expect(en[0]).toBe('lea.martin@gmail.com — long_quarantine');
      expect(en).toContain('Periods:');
      expect(en).toContain('  long_quarantine  2021-01-20T10:15:00.000Z → …  (long_quarantine.hard_bounce.major(1))');
      expect(en).toContain('What to do:');
    } finally {
      w.dir.remove();
    }
  });
});
