import { createEngine } from '../core/engine';
import { rmSync, writeFileSync } from 'node:fs';
rmSync('/tmp/pfb/e.duckdb', { force: true });
const e = await createEngine({ dbPath: '/tmp/pfb/e.duckdb' });
writeFileSync('/tmp/pfb/a.log', `Dec 31 23:59:58 mx postfix/cleanup[1]: ABC123: message-id=<m1@x>
Dec 31 23:59:58 mx postfix/qmgr[2]: ABC123: from=<news@asso.fr>, size=1, nrcpt=1 (queue active)
Dec 31 23:59:59 mx postfix/smtp[3]: ABC123: to=<jean@orange.fr>, relay=smtp.orange.fr[1.2.3.4]:25, delay=1, delays=0/0/0/1, dsn=4.2.0, status=deferred (host smtp.orange.fr[1.2.3.4] said: 450 4.2.0 Greylisted (in reply to RCPT TO command))
Jan  1 00:10:00 mx postfix/smtp[3]: ABC123: to=<jean@orange.fr>, relay=smtp.orange.fr[1.2.3.4]:25, delay=600, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)
Jan  1 00:10:00 mx dovecot: hello
`);
console.log(JSON.stringify(await e.importFiles({ paths: ['/tmp/pfb/a.log'], timeZone: 'Europe/Paris', year: 2024 }), null, 1));
const r = await e.address({ address: 'jean@orange.fr' });
console.log(r.events.map((x) => [x.time, x.type, x.category, x.messageId, x.sender, x.smtpCode, x.enhancedCode, x.relay, x.delaySeconds]));
await e.close();
