/**
 * `rebond demo`: a realistic, deterministic dataset with known ground truth. Three weeks of a
 * French platform's mail (January 2021, as in seed 000) in a Mailjet event export — newsletters
 * and password resets to gmail.com, orange.fr, free.fr…, with nights, weekends and the day's
 * shape — plus the log of the platform's own Postfix server, which sends the producers'
 * newsletters. Into it go the incidents SPEC §6 names, and the ground-truth file says what went
 * in: a complaint spike, then Mailjet holding the platform to a cap (seed 000), greylisting at
 * orange.fr and free.fr refusing our IP (seed 003), a campaign at 3 % hard bounces (seed 002),
 * mail stuck in the Postfix queue, and one provider refusing us with "user unknown" for an hour
 * (SPEC §11.2). `calm` writes three quiet weeks over Christmas with none of them. A handful of
 * scripted addresses have the status the ground truth states.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { DEMO_DOMAINS, FIRST_NAMES, LAST_NAMES, SENDER_SIDE_REPLIES, type DemoDomain } from './texts';
import { seededRandom } from './random';
import { DAY, demandFactor, demoPlan, HOUR, type CampaignPlan } from './plan';
import { postfixWriter, slowHours } from './postfix-log';

export interface DemoOptions {
  out: string;
  events: number;
  seed: number;
  /** no incident at all: nights, weekends and holidays only */
  calm?: boolean;
}

export interface DemoResult {
  /** the data files, then the ground truth (last) */
  files: string[];
  events: number;
  groundTruth: GroundTruth;
}

/** One incident the generator put in, as `rebond incidents` should report it. */
export interface InjectedIncident {
  kind: 'throttling' | 'complaint_spike' | 'deferral_surge' | 'bounce_rate' | 'delay' | 'provider_block';
  start: string;
  end: string;
  scope?: { domain?: string; campaign?: string };
  metrics: Record<string, number | string>;
  /** provider_block: addresses refused during the block (all of them delivered before) */
  addresses?: string[];
  note: string;
}

export interface GroundTruth {
  at: string;
  calm: boolean;
  throttling: { start: string; end: string; capPerHour: number } | null;
  complaintSpikeDay: string | null;
  incidents: InjectedIncident[];
  addresses: Array<{ address: string; status: string; until: string | null; why: string }>;
}

const HEADER = [
  'event', 'time', 'MessageID', 'Message_GUID', 'email', 'mj_campaign_id', 'mj_contact_id', 'customcampaign',
  'CustomID', 'Payload', 'mj_message_id', 'smtp_reply', 'ip', 'geo', 'agent', 'url', 'blocked', 'hard_bounce',
  'error_related_to', 'error', 'comment', 'source', 'mj_list_id',
] as const;
type Column = (typeof HEADER)[number];
type Row = Partial<Record<Column, string | number | boolean>>;
/** where a message's own columns (MessageID … Payload) start, after the event's name and time */
const FIRST_MESSAGE_COLUMN = HEADER.indexOf('MessageID');
/** the columns after a message's own (MessageID … Payload): what differs between its events */
const FIRST_TAIL_COLUMN = HEADER.indexOf('mj_message_id');

/** A message's own columns (MessageID … Payload), written once as CSV: each of its events repeats them. */
interface Message {
  id: string;
  csv: string;
}

/**
 * One CSV field as Papa.unparse writes it: quoted, with its quotes doubled, when it holds a quote,
 * a comma, a line break or a byte-order mark, or starts or ends with a space.
 */
const NEEDS_QUOTES = /[",\r\n\ufeff]|^ | $/;
const csvField = (value: string): string => (NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

type Fate = 'good' | 'dead' | 'full' | 'complainer' | 'unsubscriber';

interface Person {
  contactId: number;
  email: string;
  domain: DemoDomain;
  fate: Fate;
  /** Mailjet blocks an address after its hard bounce */
  bounced: boolean;
}

interface Request {
  requested: number;
  person: Person;
  campaign: CampaignPlan | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function generateDemo(options: DemoOptions): Promise<DemoResult> {
  await mkdir(options.out, { recursive: true });
  const calm = options.calm === true;
  const plan = demoPlan(options.seed, calm);
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const poisson = (lambda: number) => {
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss()));
    const limit = Math.exp(-lambda);
    let k = 0;
    for (let p = random(); p > limit; p *= random()) k++;
    return k;
  };
  const weightTotal = DEMO_DOMAINS.reduce((s, d) => s + d.weight, 0);
  const pickDomain = () => {
    let r = random() * weightTotal;
    for (const d of DEMO_DOMAINS) if ((r -= d.weight) < 0) return d;
    return DEMO_DOMAINS[0];
  };
  const newPerson = (i: number, fate?: Fate, prefix = ''): Person => {
    const domain = pickDomain();
    const r = random();
    const f: Fate = fate ?? (r < 0.003 ? 'dead' : r < 0.018 ? 'full' : r < 0.02 ? 'complainer' : r < 0.026 ? 'unsubscriber' : 'good');
    return { contactId: 1000 + i, email: `${prefix}${pick(FIRST_NAMES)}.${pick(LAST_NAMES)}${i}@${domain.domain}`, domain, fate: f, bounced: false };
  };

  // Sizes: the mailing list gets every campaign (7 through Mailjet, 3 newsletters through
  // Postfix, about 12 events per member); transactional mail (password resets, order
  // confirmations) is the rest, to anyone.
  const listSize = Math.max(30, Math.round(options.events / 20));
  const people: Person[] = [];
  for (let i = 0; i < listSize * 2; i++) people.push(newPerson(i));
  const list = people.slice(0, listSize);
  const scripted = calm ? { events: [] as Row[], truth: [] as GroundTruth['addresses'] } : scriptedStories();
  const campaignMessages = plan.campaigns.length * listSize;
  const transactional = Math.max(0, Math.round((options.events - scripted.events.length - campaignMessages * 1.3 - plan.newsletters.length * listSize * 1.1) / 1.3));
  const hours = Math.round((plan.end - plan.start) / HOUR);
  const transactionalPerHour = transactional / hours;

  // ---------------------------------------------------------------- the requests, hour by hour
  const byHour: Request[][] = Array.from({ length: hours }, () => []);
  const at = (ms: number) => Math.floor((ms - plan.start) / HOUR);
  for (let h = 0; h < hours; h++) {
    const hourStart = plan.start + h * HOUR;
    const n = poisson(transactionalPerHour * demandFactor(plan, hourStart));
    for (let k = 0; k < n; k++) byHour[h].push({ requested: hourStart + Math.floor(random() * HOUR), person: pick(people), campaign: null });
  }
  let extra = 0;
  for (const c of plan.campaigns) {
    const recipients = [...list];
    const dead = Math.round((listSize * c.deadShare) / (1 - c.deadShare));
    for (let k = 0; k < dead; k++) recipients.push(newPerson(listSize * 2 + extra++, 'dead', 'ancien.'));
    for (const person of recipients) {
      const requested = c.start + Math.floor(random() * c.hours * HOUR);
      byHour[at(requested)].push({ requested, person, campaign: c });
    }
  }
  for (const bucket of byHour) bucket.sort((a, b) => a.requested - b.requested);

  // ---------------------------------------------------------------- the Mailjet export
  const path = join(options.out, 'mailjet-events.csv');
  const file = createWriteStream(path);
  file.write(Papa.unparse([HEADER as unknown as string[]]) + '\n');
  // rows are written as CSV lines at once (Papa.unparse of arrays cost a third of the generation:
  // tests make half a million events) and handed to the file every few thousand
  let lines: string[] = [];
  let written = 0;
  let messageNumber = 0;
  const flush = async () => {
    if (lines.length === 0) return;
    const text = lines.join('\n') + '\n';
    lines = [];
    if (!file.write(text)) await new Promise((resolve) => file.once('drain', resolve));
  };
  const flushSometimes = () => (lines.length >= 5000 ? flush() : undefined);
  /**
   * One event of a message: its name, its time, the message's columns as written once, then the
   * rest. (Spreading the message into a row object per event, and reading it back by column name,
   * was two thirds of the generation: the tests make half a million events.)
   */
  const emit = (message: Message, event: string, time: number, rest: Row = {}) => {
    let line = `${event},${time},${message.csv}`;
    for (let i = FIRST_TAIL_COLUMN; i < HEADER.length; i++) {
      const value = rest[HEADER[i]];
      line += ',';
      if (value !== undefined) line += csvField(String(value));
    }
    lines.push(line);
    written++;
  };

  const deliveredByDay = new Map<number, number>();
  const countDelivery = (ms: number) => {
    const day = Math.floor(ms / DAY) * DAY;
    deliveredByDay.set(day, (deliveredByDay.get(day) ?? 0) + 1);
  };
  const spike = plan.complaintSpike;
  const spikeDeliveries: Array<{ common: Message; t: number }> = [];
  const block = plan.providerBlock;
  const blockVictims: string[] = [];
  const blockTimes: number[] = [];
  const campaignStats = new Map<string, { sent: number; hard: number; first: number; last: number }>();

  const base = 288230376151711744n; // Mailjet MessageIDs are beyond 2^53
  const commonOf = (person: Person, campaign: CampaignPlan | null): Message => {
    messageNumber++;
    const id = (base + BigInt(messageNumber) * 7919n).toString();
    const columns = [
      id, // MessageID
      `${((messageNumber * 2654435761) % 4294967296).toString(16).padStart(8, '0')}-demo-${messageNumber}`, // Message_GUID
      person.email,
      String(campaign?.id ?? 0), // mj_campaign_id
      String(person.contactId), // mj_contact_id
      // customcampaign: transactional mail (password resets) belongs to no campaign
      campaign?.name ?? '',
      '', // CustomID
      '', // Payload
    ];
    return { id, csv: columns.map(csvField).join(',') };
  };
  /** What Mailjet does not even try: addresses it holds after a hard bounce, its network-wide list. */
  const preblocked = (person: Person) => (person.fate === 'dead' && person.bounced) || random() < 0.008;

  const sendOne = (request: Request, ms: number) => {
    const { person, campaign } = request;
    const common = commonOf(person, campaign);
    const t = Math.floor(ms / 1000);
    const reply = (text: string) => text.replace('{email}', person.email);
    const stats = campaign ? campaignStats.get(campaign.name) ?? { sent: 0, hard: 0, first: ms, last: ms } : null;
    if (stats) {
      stats.sent++;
      stats.first = Math.min(stats.first, ms);
      stats.last = Math.max(stats.last, ms);
      campaignStats.set(campaign!.name, stats);
    }
    const r = random();
    if (block && person.domain.domain === block.domain && ms >= block.start && ms < block.end) {
      // one provider refusing us for an hour, in the words of a dead address (SPEC §11.2)
      blockVictims.push(person.email);
      blockTimes.push(ms);
      if (stats) stats.hard++;
      emit(common, 'bounce', t, { blocked: false, hard_bounce: true, error_related_to: 'recipient', error: 'user unknown', comment: reply(person.domain.userUnknown) });
      return;
    }
    if (person.fate === 'dead') {
      person.bounced = true;
      if (stats) stats.hard++;
      emit(common, 'bounce', t, { blocked: false, hard_bounce: true, error_related_to: 'recipient', error: 'user unknown', comment: reply(person.domain.userUnknown) });
      return;
    }
    if (person.fate === 'full' && r < 0.6) {
      emit(common, 'bounce', t, { blocked: false, hard_bounce: false, error_related_to: 'recipient', error: 'quota exceeded', comment: reply(person.domain.mailboxFull) });
      return;
    }
    if (r < 0.006 && person.domain.domain === 'hotmail.fr') {
      if (stats) stats.hard++;
      emit(common, 'bounce', t, { blocked: false, hard_bounce: true, error_related_to: 'spam', error: 'sender blocked', comment: SENDER_SIDE_REPLIES.microsoftBlockList });
      return;
    }
    if (r < 0.004) {
      emit(common, 'bounce', t, { blocked: false, hard_bounce: false, error_related_to: 'spam', error: 'sender blocked', comment: SENDER_SIDE_REPLIES.spamhaus });
      return;
    }
    emit(common, 'sent', t, { mj_message_id: common.id, smtp_reply: person.domain.delivered });
    countDelivery(ms);
    if (spike && ms >= spike.day && ms < spike.day + DAY - 2 * HOUR) spikeDeliveries.push({ common, t });
    if (random() < 0.42) {
      const opened = t + 60 + Math.floor(random() * 7200);
      emit(common, 'open', opened, { ip: '92.184.105.12', geo: 'FR', agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' });
      if (random() < 0.2) {
        emit(common, 'click', opened + 30, { url: 'https://app.cagette.net/distribution', ip: '92.184.105.12', geo: 'FR', agent: 'Mozilla/5.0' });
      }
    }
    if (person.fate === 'complainer' && random() < 0.1) {
      emit(common, 'spam', t + 600 + Math.floor(random() * 3600), { source: 'JMRPP' });
    } else if (person.fate === 'unsubscriber' && random() < 0.3) {
      emit(common, 'unsub', t + 900, { mj_list_id: 12, ip: '92.184.105.12', geo: 'FR', agent: 'Mozilla/5.0' });
    }
  };

  // Mailjet sends as it is asked, except inside the throttling window, where it sends at most
  // `cap` an hour and the rest waits (seed 000: password resets hours late); once the limit is
  // lifted the backlog leaves at once.
  const throttle = plan.throttling;
  const cap = throttle ? Math.max(6, Math.round(transactionalPerHour * throttle.capShareOfAverage)) : 0;
  const heldHours: number[] = [];
  const queue: Request[] = [];
  let head = 0;
  for (let h = 0; h < hours; h++) {
    const hourStart = plan.start + h * HOUR;
    for (const request of byHour[h]) {
      if (preblocked(request.person)) {
        emit(commonOf(request.person, request.campaign), 'blocked', Math.floor(request.requested / 1000), { error_related_to: 'mailjet', error: 'preblocked' });
      } else queue.push(request);
    }
    const throttled = throttle !== null && hourStart >= throttle.start && hourStart < throttle.end;
    const waiting = queue.length - head;
    const n = throttled ? Math.min(cap, waiting) : waiting;
    if (throttled && waiting >= cap) heldHours.push(hourStart);
    for (let i = 0; i < n; i++) {
      const request = queue[head++];
      const slot = throttled ? hourStart + Math.floor(((i + random()) / n) * HOUR) : request.requested >= hourStart ? request.requested : hourStart + Math.floor(random() * HOUR);
      sendOne(request, Math.max(request.requested, slot));
      await flushSometimes();
    }
    if (head > 100_000) queue.splice(0, head), (head = 0);
  }

  // the complaint spike that preceded the throttling: complaints the same day
  let spikeComplaints = 0;
  if (spike) {
    const delivered = spikeDeliveries.length;
    const wanted = Math.min(delivered, Math.max(12, Math.round(delivered * spike.rate)));
    for (let k = 0; k < wanted; k++) {
      const j = k + Math.floor(random() * (delivered - k));
      [spikeDeliveries[k], spikeDeliveries[j]] = [spikeDeliveries[j], spikeDeliveries[k]];
      const { common, t } = spikeDeliveries[k];
      emit(common, 'spam', t + 600 + Math.floor(random() * 3000), { source: 'JMRPP' });
      spikeComplaints++;
      await flushSometimes();
    }
  }
  // the scripted stories are whole rows: their message's columns are written as any message's
  for (const row of scripted.events) {
    const csv = HEADER.slice(FIRST_MESSAGE_COLUMN, FIRST_TAIL_COLUMN).map((column) => csvField(String(row[column] ?? ''))).join(',');
    emit({ id: String(row.MessageID ?? ''), csv }, String(row.event), Number(row.time), row);
  }
  await flush();
  await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));

  // ---------------------------------------------------------------- the Postfix log
  const postfix = postfixWriter(seededRandom((options.seed * 7 + 3) >>> 0));
  let queueNumber = 0x10000;
  const greylist = plan.greylisting;
  const ipBlock = plan.ipBlock;
  const stall = plan.queueStall;
  for (const newsletter of plan.newsletters) {
    for (const person of list) {
      if (person.fate === 'dead') continue; // the platform's own list was cleaned
      const queueId = (queueNumber++).toString(16).toUpperCase().padStart(10, '0');
      const queued = newsletter.start + Math.floor(random() * newsletter.hours * HOUR);
      const domain = person.domain.domain;
      postfix.queue(queueId, queued);
      // a stuck content filter: nothing leaves until it is restarted
      let attempt = stall && queued >= stall.start && queued < stall.end ? stall.end + Math.floor(random() * 600_000) : queued + 400 + Math.floor(random() * 2500);
      if (ipBlock && domain === ipBlock.domain && attempt >= ipBlock.start && attempt < ipBlock.end) {
        while (attempt < ipBlock.end) {
          postfix.deferred(queueId, person.email, domain, attempt, queued, 'ipBlock');
          attempt += 1_500_000 + Math.floor(random() * 600_000); // Postfix retries every ~30 min
        }
      } else if (greylist && domain === greylist.domain && attempt >= greylist.start && attempt < greylist.end && random() < greylist.share) {
        postfix.deferred(queueId, person.email, domain, attempt, queued, 'greylisted');
        attempt += 300_000 + Math.floor(random() * 300_000); // the retry passes
      } else if (random() < 0.01) {
        postfix.deferred(queueId, person.email, domain, attempt, queued, 'busy');
        attempt += 300_000 + Math.floor(random() * 300_000);
      }
      postfix.delivered(queueId, person.email, domain, attempt, queued);
      countDelivery(attempt);
    }
  }
  const postfixPath = join(options.out, 'postfix-mail.log');
  await postfix.write(postfixPath);

  // ---------------------------------------------------------------- what went in
  const incidents: InjectedIncident[] = [];
  let throttling: GroundTruth['throttling'] = null;
  if (throttle && heldHours.length > 0) {
    throttling = { start: iso(heldHours[0]), end: iso(heldHours[heldHours.length - 1] + HOUR), capPerHour: cap };
    incidents.push({
      kind: 'throttling',
      ...throttling,
      metrics: { capPerHour: cap },
      note: `Mailjet held the platform to ${cap} messages an hour (from the first hour it had more to send than that to the last)`,
    });
  }
  if (spike) {
    const delivered = deliveredByDay.get(spike.day) ?? 0;
    const rate = delivered > 0 ? spikeComplaints / delivered : 0;
    incidents.push({
      kind: 'complaint_spike',
      start: iso(spike.day),
      end: iso(spike.day + DAY),
      metrics: { level: rate >= 0.003 ? 'limit' : 'warning' },
      note: `${spikeComplaints} complaints injected on the day before the throttling`,
    });
  }
  for (const c of plan.campaigns.filter((x) => x.deadShare > 0)) {
    const stats = campaignStats.get(c.name)!;
    incidents.push({
      kind: 'bounce_rate',
      start: iso(stats.first),
      end: iso(stats.last),
      scope: { campaign: c.name },
      metrics: { hardBounceRate: Number((stats.hard / stats.sent).toFixed(4)) },
      note: 'a campaign sent to an old list with never-delivered addresses',
    });
  }
  if (block && blockTimes.length > 0) {
    incidents.push({
      kind: 'provider_block',
      start: iso(Math.min(...blockTimes)),
      end: iso(Math.max(...blockTimes)),
      scope: { domain: block.domain },
      metrics: { hardBounces: blockTimes.length },
      addresses: [...new Set(blockVictims)].slice(0, 20),
      note: `${block.domain} answered "user unknown" to every address for a while`,
    });
  }
  for (const [surge, reply, category] of [
    [greylist, 'greylisted', 'greylisted'],
    [ipBlock, 'ipBlock', 'rate_limited'],
  ] as const) {
    if (!surge) continue;
    const times = postfix.deferrals.filter((d) => d.domain === surge.domain && d.reply === reply).map((d) => d.at);
    if (times.length === 0) continue;
    incidents.push({
      kind: 'deferral_surge',
      start: iso(Math.min(...times)),
      end: iso(Math.max(...times)),
      scope: { domain: surge.domain },
      metrics: { dominantCategory: category },
      note: reply === 'greylisted' ? 'orange.fr greylisting a newsletter' : 'free.fr refusing our IP: "too many errors from your ip" (seed 003)',
    });
  }
  if (!calm) {
    for (const span of slowHours(postfix.deliveries, 900, 20)) {
      incidents.push({ kind: 'delay', start: iso(span.start), end: iso(span.end), metrics: {}, note: 'hours whose queued mail waited over 15 minutes (95th percentile): the stuck queue, the free.fr refusal' });
    }
  }

  const groundTruth: GroundTruth = {
    at: iso(plan.end),
    calm,
    throttling,
    complaintSpikeDay: spike ? iso(spike.day).slice(0, 10) : null,
    incidents,
    addresses: scripted.truth,
  };
  // A dot-file: `rebond import --db w.duckdb demo/*` must import the data, not the answers.
  const truthPath = join(options.out, '.ground-truth.json');
  await writeFile(truthPath, JSON.stringify(groundTruth, null, 2) + '\n');
  return { files: [path, postfixPath, truthPath], events: written + postfix.events(), groundTruth };
}

/** Addresses whose whole story is written by hand, so that their status is known. */
function scriptedStories(): { events: Row[]; truth: GroundTruth['addresses'] } {
  const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  let n = 0;
  const ev = (email: string, event: string, time: string, extra: Row = {}): Row => ({
    event,
    time: at(time),
    MessageID: (577000000000000000n + BigInt(++n)).toString(),
    email,
    mj_campaign_id: 0,
    customcampaign: 'mot-de-passe-oublie',
    ...extra,
  });
  const events: Row[] = [
    // delivered, then a mailbox-full soft bounce twice: 2nd temporary quarantine (14 days)
    ev('paul.durand@orange.fr', 'sent', '2021-01-11T09:00:00Z', { smtp_reply: 'sent (250 2.0.0 Ok queued as 4DKx2F0v1Wz8p)' }),
    ev('paul.durand@orange.fr', 'bounce', '2021-01-12T09:00:00Z', { hard_bounce: false, error_related_to: 'recipient', error: 'quota exceeded', comment: '452 4.2.2 Boite du destinataire pleine. Recipient mailbox full. OFR_417 [417]' }),
    ev('paul.durand@orange.fr', 'bounce', '2021-01-25T09:00:00Z', { hard_bounce: false, error_related_to: 'recipient', error: 'quota exceeded', comment: '452 4.2.2 Boite du destinataire pleine. Recipient mailbox full. OFR_417 [417]' }),
    // gmail.com says the mailbox does not exist: long quarantine at the first (major domain)
    ev('lea.martin@gmail.com', 'sent', '2021-01-11T08:05:00Z', { smtp_reply: 'sent (250 2.0.0 OK 1610352300 a12si2011783wrx.187 - gsmtp)' }),
    ev('lea.martin@gmail.com', 'bounce', '2021-01-20T10:15:00Z', { hard_bounce: true, error_related_to: 'recipient', error: 'user unknown', comment: "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. Learn more at https://support.google.com/mail/?p=NoSuchUser a12si2011783wrx.187 - gsmtp" }),
    // "this is spam": blacklisted
    ev('camille.petit@free.fr', 'sent', '2021-01-16T08:10:00Z', { smtp_reply: 'sent (250 2.0.0 Ok: queued as 5F1A23C0012)' }),
    ev('camille.petit@free.fr', 'spam', '2021-01-16T09:40:00Z', { source: 'JMRPP' }),
    // a typo domain: two hard bounces at a small domain → long quarantine; suggest gmail.com
    ev('jean.dupont@gmial.com', 'bounce', '2021-01-13T07:30:00Z', { hard_bounce: true, error_related_to: 'domain', error: 'invalid domain', comment: '550 5.1.2 Host unknown: no MX record for gmial.com' }),
    ev('jean.dupont@gmial.com', 'bounce', '2021-01-18T07:30:00Z', { hard_bounce: true, error_related_to: 'domain', error: 'invalid domain', comment: '550 5.1.2 Host unknown: no MX record for gmial.com' }),
    // a disposable address: filtered
    ev('essai.cagette@yopmail.com', 'sent', '2021-01-14T12:00:00Z', { smtp_reply: 'sent (250 OK)' }),
    // Microsoft blocks the sender: never counts against the address
    ev('marie.leroy@hotmail.fr', 'bounce', '2021-01-19T16:20:00Z', { hard_bounce: true, error_related_to: 'spam', error: 'sender blocked', comment: SENDER_SIDE_REPLIES.microsoftBlockList }),
    ev('marie.leroy@hotmail.fr', 'bounce', '2021-01-26T16:20:00Z', { hard_bounce: true, error_related_to: 'spam', error: 'sender blocked', comment: SENDER_SIDE_REPLIES.microsoftBlockList }),
    // unsubscribed after a delivery
    ev('luc.moreau@sfr.fr', 'sent', '2021-01-21T16:05:00Z', { smtp_reply: 'sent (250 2.0.0 Ok: queued as 4CqPlq1BxGz1x)' }),
    ev('luc.moreau@sfr.fr', 'unsub', '2021-01-21T18:00:00Z', { mj_list_id: 12 }),
  ];
  const truth: GroundTruth['addresses'] = [
    { address: 'paul.durand@orange.fr', status: 'soft_quarantine', until: '2021-02-08T09:00:00.000Z', why: '2nd mailbox-full soft bounce: 14 days' },
    { address: 'lea.martin@gmail.com', status: 'long_quarantine', until: null, why: 'hard bounce (user unknown) at a major domain' },
    { address: 'camille.petit@free.fr', status: 'blacklisted', until: null, why: 'spam complaint' },
    { address: 'jean.dupont@gmial.com', status: 'long_quarantine', until: null, why: '2nd hard bounce at a small (typo) domain' },
    { address: 'essai.cagette@yopmail.com', status: 'filtered', until: null, why: 'disposable domain' },
    { address: 'marie.leroy@hotmail.fr', status: 'ok', until: null, why: 'sender blocked by Microsoft: not the address' },
    { address: 'luc.moreau@sfr.fr', status: 'unsubscribed', until: null, why: 'unsubscribed' },
  ];
  return { events, truth };
}
