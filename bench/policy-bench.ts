/**
 * The set-wise status pass over generated events (issue 5 "Scale": 1,000,000 events / 200,000
 * addresses in ≤ 3 s including the store's read). Events are built first, sorted by address then
 * time, and fed in DuckDB-sized chunks; only reconstructAll is timed.
 *
 *   npx tsx bench/policy-bench.ts [events] [addresses]
 */
import { pathToFileURL } from 'node:url';
import type { DeliveryEvent, EventType } from '../core/model/event';
import { DEFAULT_POLICY, reconstructAll } from '../core/policy';
import { seededRandom } from '../core/demo/random';

const DOMAINS = ['gmail.com', 'hotmail.fr', 'orange.fr', 'free.fr', 'yahoo.fr', 'petite-asso.org', 'mairie-exemple.fr', 'yopmail.com'];
const CHUNK = 2048;

interface Kind {
  type: EventType;
  category: string | null;
  counts: boolean;
  code: number | null;
  enhanced: string | null;
  text: string | null;
}

// a realistic mix: mostly deliveries, some opens, a few bounces of every kind, rare complaints
const MIX: Array<[number, Kind]> = [
  [70, { type: 'delivered', category: null, counts: false, code: 250, enhanced: '2.0.0', text: 'OK' }],
  [12, { type: 'open', category: null, counts: false, code: null, enhanced: null, text: null }],
  [6, { type: 'deferred', category: 'greylisted', counts: false, code: 421, enhanced: '4.7.0', text: 'greylisted, try again later' }],
  [4, { type: 'soft_bounce', category: 'mailbox_full', counts: true, code: 452, enhanced: '4.2.2', text: 'mailbox full' }],
  [3, { type: 'hard_bounce', category: 'user_unknown', counts: true, code: 550, enhanced: '5.1.1', text: 'user unknown' }],
  [2, { type: 'hard_bounce', category: 'sender_blocklisted', counts: false, code: 554, enhanced: '5.7.1', text: 'blocked using zen.spamhaus.org' }],
  [1, { type: 'deferred', category: 'mailbox_full', counts: false, code: 452, enhanced: '4.2.2', text: 'out of storage space' }],
  [1, { type: 'complaint', category: null, counts: false, code: null, enhanced: null, text: null }],
  [1, { type: 'unsubscribe', category: null, counts: false, code: null, enhanced: null, text: null }],
];
const WEIGHTS = MIX.reduce((n, [w]) => n + w, 0);

function pick(r: number): Kind {
  let x = r * WEIGHTS;
  for (const [w, kind] of MIX) if ((x -= w) < 0) return kind;
  return MIX[0][1];
}

/** Events sorted by address then time, in chunks as the store yields them. */
export function generateSortedEvents(events: number, addresses: number): DeliveryEvent[][] {
  const rnd = seededRandom(42);
  const names: string[] = [];
  for (let a = 0; a < addresses; a++) names.push(`user${String(a).padStart(7, '0')}@${DOMAINS[a % DOMAINS.length]}`);
  names.sort();
  const chunks: DeliveryEvent[][] = [];
  let chunk: DeliveryEvent[] = [];
  const start = Date.parse('2021-01-01T00:00:00.000Z');
  let line = 1;
  for (let a = 0; a < addresses; a++) {
    const address = names[a];
    const domain = address.slice(address.indexOf('@') + 1);
    const n = Math.floor(events / addresses) + (a < events % addresses ? 1 : 0);
    let t = start + Math.floor(rnd() * 86_400_000);
    for (let i = 0; i < n; i++) {
      t += Math.floor(rnd() * 20 * 86_400_000); // a send every few days to weeks
      const k = pick(rnd());
      chunk.push({
        time: new Date(t).toISOString(),
        address,
        domain,
        type: k.type,
        category: k.category,
        severity: null,
        actor: null,
        countsAgainstAddress: k.counts,
        rule: null,
        smtpCode: k.code,
        enhancedCode: k.enhanced,
        diagnostic: k.text,
        messageId: null,
        campaign: null,
        sender: null,
        relay: null,
        delaySeconds: null,
        source: { importId: 1, file: '', line: line++ },
      });
      if (chunk.length === CHUNK) {
        chunks.push(chunk);
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

export async function benchPolicy(opts: { events: number; addresses: number }): Promise<{ events: number; addresses: number; seconds: number }> {
  const chunks = generateSortedEvents(opts.events, opts.addresses);
  async function* feed(): AsyncGenerator<DeliveryEvent[]> {
    for (const c of chunks) yield c;
  }
  const started = performance.now();
  let rows = 0;
  for await (const row of reconstructAll(feed(), {
    policy: DEFAULT_POLICY,
    isDisposable: (d) => d === 'yopmail.com',
    now: '2026-01-01T00:00:00.000Z',
  })) {
    if (row.status) rows++;
  }
  const seconds = (performance.now() - started) / 1000;
  if (rows !== opts.addresses) throw new Error(`expected ${opts.addresses} addresses, got ${rows}`);
  return { events: opts.events, addresses: rows, seconds };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const events = Number(process.argv[2] ?? 1_000_000);
  const addresses = Number(process.argv[3] ?? 200_000);
  benchPolicy({ events, addresses }).then(
    (result) =>
      console.log(
        `policy: ${result.events.toLocaleString('en')} events / ${result.addresses.toLocaleString('en')} addresses in ${result.seconds.toFixed(2)} s (reconstructAll, budget 3 s with the store read)`,
      ),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
