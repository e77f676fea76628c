/**
 * The platform's own Postfix server in the demo: it sends the producers' newsletters directly
 * (not through Mailjet), so its log carries what only an MTA log shows — deferrals with their
 * reply (orange.fr greylisting, free.fr refusing our IP) and the queue-to-delivery `delay=`.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { HOUR } from './plan';

const SERVER_TEXTS = {
  greylisted: '451 4.7.1 Greylisting in action, please come back later',
  // seed 003 (Postmastery): free.fr refusing an IP that sent too many bad addresses
  ipBlock: '451 too many errors from your ip (87.253.232.12), please visit http://postmaster.free.fr/',
  busy: '421 4.3.2 Service not available, closing transmission channel',
};

export type PostfixReply = keyof typeof SERVER_TEXTS;

const MX: Record<string, string> = {
  'gmail.com': 'gmail-smtp-in.l.google.com[142.250.27.26]',
  'orange.fr': 'smtp-in.orange.fr[193.252.22.65]',
  'wanadoo.fr': 'smtp-in.orange.fr[193.252.22.65]',
  'free.fr': 'mx1.free.fr[212.27.48.6]',
  'sfr.fr': 'mx.sfr.fr[93.17.128.16]',
  'laposte.net': 'smtp.laposte.net[160.92.124.66]',
  'yahoo.fr': 'mx-eu.mail.am0.yahoodns.net[188.125.72.73]',
  'hotmail.fr': 'eur.olc.protection.outlook.com[104.47.18.97]',
};

export interface PostfixWriter {
  /** a message accepted at `queued`: its qmgr line */
  queue(queueId: string, queued: number): void;
  delivered(queueId: string, address: string, domain: string, at: number, queued: number): void;
  deferred(queueId: string, address: string, domain: string, at: number, queued: number, reply: PostfixReply): void;
  /** deliveries written so far: (queued time, delay in seconds) for the ground truth */
  readonly deliveries: Array<{ queued: number; delay: number }>;
  readonly deferrals: Array<{ domain: string; at: number; reply: PostfixReply }>;
  events(): number;
  write(path: string): Promise<void>;
}

export function postfixWriter(random: () => number): PostfixWriter {
  const lines: Array<{ at: number; n: number; text: string }> = [];
  let n = 0;
  let events = 0;
  const stamp = (ms: number) => new Date(ms).toISOString();
  const relay = (domain: string) => `${MX[domain] ?? `mx.${domain}[192.0.2.25]`}:25`;
  const push = (at: number, text: string) => lines.push({ at, n: n++, text });
  const delaysField = (delay: number) => `delay=${delay.toFixed(1)}, delays=${Math.max(0, delay - 0.6).toFixed(2)}/0.01/0.3/0.29`;
  const deliveries: Array<{ queued: number; delay: number }> = [];
  const deferrals: Array<{ domain: string; at: number; reply: PostfixReply }> = [];
  return {
    deliveries,
    deferrals,
    queue(queueId, queued) {
      push(queued, `${stamp(queued)} mail postfix/qmgr[2300]: ${queueId}: from=<lettre@cagette.net>, size=24310, nrcpt=1 (queue active)`);
    },
    delivered(queueId, address, domain, at, queued) {
      const delay = Math.max(0.4, (at - queued) / 1000);
      deliveries.push({ queued, delay: Number(delay.toFixed(1)) });
      events++;
      const remote = Math.floor(random() * 0xffffffff).toString(16).toUpperCase().padStart(8, '0');
      push(at, `${stamp(at)} mail postfix/smtp[2323]: ${queueId}: to=<${address}>, relay=${relay(domain)}, ${delaysField(delay)}, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${remote})`);
    },
    deferred(queueId, address, domain, at, queued, reply) {
      const delay = Math.max(0.4, (at - queued) / 1000);
      const text = SERVER_TEXTS[reply];
      const dsn = /^\d{3} (\d\.\d\.\d)/.exec(text)?.[1] ?? '4.0.0';
      deferrals.push({ domain, at, reply });
      events++;
      const host = relay(domain).replace(/:25$/, '');
      push(at, `${stamp(at)} mail postfix/smtp[2323]: ${queueId}: to=<${address}>, relay=${relay(domain)}, ${delaysField(delay)}, dsn=${dsn}, status=deferred (host ${host} said: ${text} (in reply to RCPT TO command))`);
    },
    events: () => events,
    async write(path) {
      lines.sort((a, b) => a.at - b.at || a.n - b.n);
      // in slices: the whole log of a 10,000,000-event demo is longer than a JavaScript string may be
      const out = createWriteStream(path);
      for (let i = 0; i < lines.length; i += 10_000) {
        const slice = lines.slice(i, i + 10_000).map((l) => l.text).join('\n') + '\n';
        if (!out.write(slice)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
    },
  };
}

/**
 * The hours whose mail waited: deliveries grouped by the hour they were queued, the 95th
 * percentile of their delay (interpolated, as DuckDB's quantile_cont) above the limit.
 */
export function slowHours(deliveries: ReadonlyArray<{ queued: number; delay: number }>, limitSeconds: number, minMessages: number): Array<{ start: number; end: number }> {
  const byHour = new Map<number, number[]>();
  for (const d of deliveries) {
    const h = Math.floor(d.queued / HOUR);
    const list = byHour.get(h);
    if (list) list.push(d.delay);
    else byHour.set(h, [d.delay]);
  }
  const slow = [...byHour.entries()]
    .filter(([, delays]) => delays.length >= minMessages && percentile(delays, 0.95) > limitSeconds)
    .map(([h]) => h)
    .sort((a, b) => a - b);
  const spans: Array<{ start: number; end: number }> = [];
  for (const h of slow) {
    const last = spans[spans.length - 1];
    if (last && last.end >= h * HOUR) last.end = (h + 1) * HOUR;
    else spans.push({ start: h * HOUR, end: (h + 1) * HOUR });
  }
  return spans;
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
