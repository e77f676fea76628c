/**
 * Postfix import benchmark: generates a realistic syslog (smtpd/cleanup/qmgr/smtp/removed lines,
 * other daemons mixed in, deferrals, bounces, greylisting, expiries) and imports it through the
 * real pipeline (sample → detect → stage → classify → store) into a temporary workspace.
 *
 *   npx tsx bench/postfix-bench.ts [lines]      (default 1,000,000)
 *
 * Timings vary twofold with the machine's load: beside the import, the same run times Node just
 * reading the same file and splitting it into lines (`anchorSeconds`), so that the figure can
 * be judged as a ratio (`importToAnchor`).
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Classification, ClassifyInput } from '../core/model/category';
import { importFile } from '../core/import/import-file';
import { Database } from '../core/store/database';

export interface PostfixBenchResult {
  lines: number;
  events: number;
  seconds: number;
  linesPerSecond: number;
  peakRssMb: number;
  /** Node reading the same file and splitting it into lines, nothing else: the floor, in the same run */
  anchorSeconds: number;
  /** the import's time over the anchor's */
  importToAnchor: number;
}

const DOMAINS = ['orange.fr', 'gmail.com', 'free.fr', 'wanadoo.fr', 'sfr.fr', 'laposte.net', 'yahoo.fr', 'hotmail.com', 'outlook.fr', 'assoc.example.org'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FAILURES: Array<{ status: 'deferred' | 'bounced'; dsn: string; text: (to: string, mx: string) => string }> = [
  { status: 'deferred', dsn: '4.2.0', text: (to, mx) => `host ${mx}[192.0.2.10] said: 450 4.2.0 <${to}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/x.html (in reply to RCPT TO command)` },
  { status: 'deferred', dsn: '4.7.0', text: (_to, mx) => `host ${mx}[192.0.2.11] said: 421 4.7.0 [TSS04] Messages from 198.51.100.7 temporarily deferred due to unexpected volume or user complaints (in reply to MAIL FROM command)` },
  { status: 'deferred', dsn: '4.4.1', text: (_to, mx) => `connect to ${mx}[192.0.2.12]:25: Connection timed out` },
  { status: 'deferred', dsn: '4.2.2', text: (to, mx) => `host ${mx}[192.0.2.13] said: 452-4.2.2 The email account that you tried to reach is over quota. 452 4.2.2 Please direct <${to}> to the sender (in reply to RCPT TO command)` },
  { status: 'bounced', dsn: '5.1.1', text: (to, mx) => `host ${mx}[192.0.2.14] said: 550 5.1.1 <${to}>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)` },
  { status: 'bounced', dsn: '5.7.1', text: (_to, mx) => `host ${mx}[192.0.2.15] said: 554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org (in reply to RCPT TO command)` },
];

/** Writes a realistic Postfix log of `lines` lines; resolves with the number of to= results. */
export async function writePostfixLog(path: string, lines: number): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  let events = 0;
  let seq = 0;
  let t = Date.UTC(2024, 0, 17, 8, 0, 0);
  let buffer: string[] = [];
  const stamp = (ms: number) => {
    const d = new Date(ms);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };
  const emit = (line: string) => {
    if (written >= lines) return;
    buffer.push(line);
    written++;
    if (buffer.length >= 10_000) {
      out.write(buffer.join('\n') + '\n');
      buffer = [];
    }
  };
  const retries: Array<{ due: number; qid: string; to: string; mx: string; attempt: number }> = [];
  while (written < lines) {
    seq++;
    t += 150 + (seq % 7) * 20;
    const qid = (0x1a2b3c4d5 + seq * 7919).toString(16).toUpperCase();
    const domain = DOMAINS[seq % DOMAINS.length];
    const to = `member${seq % 50_000}.${(seq * 31) % 997}@${domain}`;
    const mx = `mx${seq % 3}.${domain}`;
    const s = stamp(t);
    const smtpd = 1000 + (seq % 50);
    emit(`${s} mx1 postfix/smtpd[${smtpd}]: connect from app1.example.org[10.0.0.5]`);
    emit(`${s} mx1 postfix/smtpd[${smtpd}]: ${qid}: client=app1.example.org[10.0.0.5], sasl_method=PLAIN, sasl_username=app`);
    emit(`${s} mx1 postfix/cleanup[${2000 + (seq % 20)}]: ${qid}: message-id=<${seq}.${qid}@app1.example.org>`);
    emit(`${s} mx1 postfix/qmgr[999]: ${qid}: from=<newsletter@assoc.example.org>, size=${4000 + (seq % 9000)}, nrcpt=1 (queue active)`);
    emit(`${s} mx1 postfix/smtpd[${smtpd}]: disconnect from app1.example.org[10.0.0.5] ehlo=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=6`);
    const d = stamp(t + 900);
    const smtp = 3000 + (seq % 40);
    const roll = seq % 100;
    if (roll < 84) {
      emit(`${d} mx1 postfix/smtp[${smtp}]: ${qid}: to=<${to}>, relay=${mx}[192.0.2.${seq % 250}]:25, delay=0.9, delays=0.1/0/0.3/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${qid}X)`);
      emit(`${d} mx1 postfix/qmgr[999]: ${qid}: removed`);
    } else {
      const f = FAILURES[seq % FAILURES.length];
      emit(`${d} mx1 postfix/smtp[${smtp}]: ${qid}: to=<${to}>, relay=${mx}[192.0.2.${seq % 250}]:25, delay=1.1, delays=0.1/0/0.4/0.6, dsn=${f.dsn}, status=${f.status} (${f.text(to, mx)})`);
      if (f.status === 'bounced') {
        emit(`${d} mx1 postfix/bounce[4000]: ${qid}: sender non-delivery notification: ${qid}B`);
        emit(`${d} mx1 postfix/qmgr[999]: ${qid}: removed`);
      } else retries.push({ due: t + 600_000, qid, to, mx, attempt: 1 });
    }
    if (seq % 50 === 0) emit(`${s} mx1 dovecot: imap-login: Login: user=<staff@assoc.example.org>, method=PLAIN, rip=10.0.0.9`);
    if (seq % 200 === 0) emit(`${s} mx1 CRON[5${seq % 1000}]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)`);
    while (retries.length > 0 && retries[0].due <= t) {
      const r = retries.shift()!;
      const rs = stamp(r.due);
      emit(`${rs} mx1 postfix/qmgr[999]: ${r.qid}: from=<newsletter@assoc.example.org>, size=5000, nrcpt=1 (queue active)`);
      if (r.attempt >= 3) {
        emit(`${rs} mx1 postfix/qmgr[999]: ${r.qid}: from=<newsletter@assoc.example.org>, status=expired, returned to sender`);
        emit(`${rs} mx1 postfix/qmgr[999]: ${r.qid}: removed`);
      } else if (r.attempt === 2 && r.qid.charCodeAt(r.qid.length - 1) % 2 === 0) {
        emit(`${rs} mx1 postfix/smtp[3100]: ${r.qid}: to=<${r.to}>, relay=${r.mx}[192.0.2.20]:25, delay=${(r.due - t + 1200) / 1000}, delays=1100/0/0.3/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${r.qid}Y)`);
        emit(`${rs} mx1 postfix/qmgr[999]: ${r.qid}: removed`);
      } else {
        emit(`${rs} mx1 postfix/smtp[3100]: ${r.qid}: to=<${r.to}>, relay=${r.mx}[192.0.2.20]:25, delay=601, delays=600/0/0.3/0.5, dsn=4.2.0, status=deferred (host ${r.mx}[192.0.2.20] said: 450 4.2.0 Greylisted, retry later (in reply to RCPT TO command))`);
        retries.push({ ...r, due: r.due + 600_000, attempt: r.attempt + 1 });
      }
    }
  }
  if (buffer.length > 0) out.write(buffer.join('\n') + '\n');
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return events;
}

/**
 * The anchor: the file read in 4 MB pieces, decoded as UTF-8 and split into lines, as any
 * reader of a log must at least do. Resolves with the seconds it took and the lines it found.
 */
export async function readAndSplit(path: string): Promise<{ seconds: number; lines: number }> {
  const started = performance.now();
  const handle = await open(path, 'r');
  let lines = 0;
  let carry = '';
  try {
    const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const nl = buffer.lastIndexOf(10, bytesRead - 1);
      if (nl < 0) {
        carry += buffer.toString('utf8', 0, bytesRead);
        continue;
      }
      const parts = (carry + buffer.toString('utf8', 0, nl)).split('\n');
      lines += parts.length;
      carry = buffer.toString('utf8', nl + 1, bytesRead);
    }
    if (carry.length > 0) lines += carry.split('\n').length;
  } finally {
    await handle.close();
  }
  return { seconds: (performance.now() - started) / 1000, lines };
}

async function loadClassifier(): Promise<(input: ClassifyInput) => Classification> {
  try {
    const path = '../core/classify/index';
    const mod = (await import(path)) as { classify: (input: ClassifyInput) => Classification };
    return mod.classify;
  } catch {
    // the classifier has not landed: a constant verdict keeps the pipeline whole
    return () => ({
      category: 'unknown',
      severity: 'soft',
      actor: 'platform',
      countsAgainstAddress: false,
      rule: 'bench.stub',
    }) as unknown as Classification;
  }
}

export async function benchPostfix(opts: { lines: number }): Promise<PostfixBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rebond-postfix-bench-'));
  try {
    const log = join(dir, 'mail.log');
    // written by another process (as `npm run bench` does): the import's heap and peak memory are its own
    execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--write', log, String(opts.lines)], {
      stdio: 'inherit',
    });
    const classify = await loadClassifier();
    const anchor = await readAndSplit(log);
    if (anchor.lines !== opts.lines) throw new Error(`the anchor read ${anchor.lines} lines of ${opts.lines}`);
    const db = await Database.open(join(dir, 'bench.duckdb'));
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    try {
      const started = performance.now();
      const result = await importFile(db, {
        path: log,
        format: 'auto',
        options: { timeZone: 'Europe/Paris', year: 2024 },
        classify,
      });
      const seconds = (performance.now() - started) / 1000;
      if (!result.ok) throw new Error(result.error);
      if (result.format !== 'postfix') throw new Error(`detected as ${result.format}`);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      return {
        lines: opts.lines,
        events: result.stored + result.duplicates,
        seconds,
        linesPerSecond: Math.round(opts.lines / seconds),
        peakRssMb: Math.round(peakRss / 1024 / 1024),
        anchorSeconds: Math.round(anchor.seconds * 1000) / 1000,
        importToAnchor: Math.round((seconds / anchor.seconds) * 100) / 100,
      };
    } finally {
      clearInterval(sampler);
      await db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2] === '--write') {
  writePostfixLog(process.argv[3], Number(process.argv[4])).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const lines = Number(process.argv[2] ?? 1_000_000);
  benchPostfix({ lines }).then(
    (r) => console.log(JSON.stringify(r)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
