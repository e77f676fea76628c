/**
 * An address's events cross from DuckDB into JavaScript as JSON texts (core/store/events.ts, for
 * speed): every value must come back as stored — texts with quotes, backslashes, control
 * characters and accents, fractional delays, null codes, the file and line.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withEngine } from '../helpers';

const LOG = [
  '2024-03-05T09:00:00Z mail postfix/cleanup[100]: 3D770111AF50: message-id=<a1@asso.example.org>',
  '2024-03-05T09:00:00Z mail postfix/cleanup[100]: 3D770111AF50: warning: header Subject: "Réunion" \\ \u00e9t\u00e9 \u2014 \ud83d\udce7 tab\there from local; from=<b@asso.example.org> to=<zoe@free.fr>',
  '2024-03-05T09:00:01Z mail postfix/qmgr[101]: 3D770111AF50: from=<b@asso.example.org>, size=2048, nrcpt=1 (queue active)',
  '2024-03-05T09:00:02Z mail postfix/smtp[102]: 3D770111AF50: to=<zoe@free.fr>, relay=mx.free.fr[212.27.48.6]:25, delay=0.1, delays=0/0/0.05/0.05, dsn=4.2.0, status=deferred (host mx.free.fr[212.27.48.6] said: 421 4.2.0 "quoted" \\back\\slash \u00c0 bient\u00f4t \x1b[31m (in reply to RCPT TO command))',
  '2024-03-05T12:00:02Z mail postfix/smtp[102]: 3D770111AF50: to=<zoe@free.fr>, relay=mx.free.fr[212.27.48.6]:25, delay=10800.123456789, delays=10800/0/0.1/0.02, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4DKx2F0v1Wz8p)',
  '2024-03-05T12:00:03Z mail postfix/smtp[102]: 9F8E7D6C5B: to=<zoe@free.fr>, relay=none, delay=307136, status=bounced (unknown user: "zoe")',
].join('\n');

describe('an address lookup', () => {
  it('gives back every stored value as it is in the workspace', async () => {
    await withEngine(async (engine, dir) => {
      const file = join(dir, 'maillog');
      writeFileSync(file, LOG + '\n');
      const imported = await engine.importFiles({ paths: [file] });
      expect(imported.files[0]).toMatchObject({ ok: true, stored: 3 });
      const { events } = await engine.address({ address: 'zoe@free.fr', lang: 'en' });
      // the same rows read the plain way, one object per row
      const stored = await engine.db.all<Record<string, unknown>>(
        `SELECT strftime(time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time, type, diagnostic, subject, delay_s, relay, sender, message_id, smtp_code, enhanced_code, line
         FROM events WHERE address = 'zoe@free.fr' ORDER BY time, line`,
      );
      expect(events).toHaveLength(3);
      events.forEach((e, i) => {
        const r = stored[i];
        expect([e.time, e.type, e.diagnostic, e.subject, e.delaySeconds, e.relay, e.sender, e.messageId, e.source.line]).toEqual([
          r.time, r.type, r.diagnostic, r.subject, r.delay_s, r.relay, r.sender, r.message_id, Number(r.line),
        ]);
        expect(e.address).toBe('zoe@free.fr');
        expect(e.domain).toBe('free.fr');
        expect(e.source.file).toBe(file);
      });
      expect(events.map((e) => e.delaySeconds)).toEqual([0.1, 10800.123456789, 307136]);
      expect(events[0].diagnostic).toContain('"quoted" \\back\\slash À bientôt \x1b[31m');
      expect(events[0].subject).toBe('"Réunion" \\ été — 📧 tab\there');
      expect([events[0].smtpCode, events[0].enhancedCode]).toEqual([421, '4.2.0']);
      // a delivery's codes are read from its text
      expect([events[1].smtpCode, events[1].enhancedCode]).toEqual([250, '2.0.0']);
      expect([events[2].smtpCode, events[2].enhancedCode, events[2].subject]).toEqual([null, null, null]);
    });
  }, 60_000);
});
