/**
 * `rebond demo`: a realistic, deterministic Mailjet event export with known ground truth.
 * Three weeks of a French platform's mail (January 2021, as in seed 000): newsletters and
 * password resets to gmail.com, orange.fr, free.fr…, mailbox-full and unknown-user bounces,
 * Microsoft and Spamhaus blocks that are the sender's fault, a complaint spike on 16 January
 * followed by Mailjet throttling the platform from 17 to 22 January, and a handful of
 * scripted addresses whose status the ground-truth file states.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { DEMO_DOMAINS, FIRST_NAMES, LAST_NAMES, SENDER_SIDE_REPLIES, type DemoDomain } from './texts';
import { seededRandom } from './random';

export interface DemoOptions {
  out: string;
  events: number;
  seed: number;
}

export interface DemoResult {
  /** the data files, then the ground truth (last) */
  files: string[];
  events: number;
  groundTruth: GroundTruth;
}

export interface GroundTruth {
  at: string;
  throttling: { start: string; end: string; capPerHour: number };
  complaintSpikeDay: string;
  addresses: Array<{ address: string; status: string; until: string | null; why: string }>;
}

const HEADER = [
  'event', 'time', 'MessageID', 'Message_GUID', 'email', 'mj_campaign_id', 'mj_contact_id', 'customcampaign',
  'CustomID', 'Payload', 'mj_message_id', 'smtp_reply', 'ip', 'geo', 'agent', 'url', 'blocked', 'hard_bounce',
  'error_related_to', 'error', 'comment', 'source', 'mj_list_id',
] as const;
type Column = (typeof HEADER)[number];
type Row = Partial<Record<Column, string | number | boolean>>;

const START = Date.UTC(2021, 0, 11); // Monday 11 January 2021
const END = Date.UTC(2021, 1, 1);
const HOUR = 3600_000;
const THROTTLE_START = Date.UTC(2021, 0, 17);
const THROTTLE_END = Date.UTC(2021, 0, 23); // exclusive: 17 to 22 January included
const SPIKE_DAY = Date.UTC(2021, 0, 16);

const CAMPAIGNS = [
  { id: 7001, name: 'ouverture-commande', day: 0, hour: 8 },
  { id: 7002, name: 'rappel-distribution', day: 3, hour: 16 },
  { id: 7003, name: 'ouverture-commande', day: 7, hour: 8 },
  { id: 7004, name: 'rappel-distribution', day: 10, hour: 16 },
  { id: 7005, name: 'ouverture-commande', day: 14, hour: 8 },
  { id: 7006, name: 'rappel-distribution', day: 17, hour: 16 },
];

type Fate = 'good' | 'dead' | 'full' | 'complainer' | 'unsubscriber';

interface Person {
  contactId: number;
  email: string;
  domain: DemoDomain;
  fate: Fate;
}

export async function generateDemo(options: DemoOptions): Promise<DemoResult> {
  await mkdir(options.out, { recursive: true });
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const weightTotal = DEMO_DOMAINS.reduce((s, d) => s + d.weight, 0);
  const pickDomain = () => {
    let r = random() * weightTotal;
    for (const d of DEMO_DOMAINS) if ((r -= d.weight) < 0) return d;
    return DEMO_DOMAINS[0];
  };

  const populationSize = Math.max(50, Math.round(options.events / 5));
  const people: Person[] = [];
  for (let i = 0; i < populationSize; i++) {
    const domain = pickDomain();
    const r = random();
    const fate: Fate = r < 0.012 ? 'dead' : r < 0.027 ? 'full' : r < 0.029 ? 'complainer' : r < 0.035 ? 'unsubscriber' : 'good';
    people.push({ contactId: 1000 + i, email: `${pick(FIRST_NAMES)}.${pick(LAST_NAMES)}${i}@${domain.domain}`, domain, fate });
  }

  const path = join(options.out, 'mailjet-events.csv');
  const file = createWriteStream(path);
  file.write(Papa.unparse([HEADER as unknown as string[]]) + '\n');
  let batch: string[][] = [];
  let written = 0;
  let messageNumber = 0n;
  const flush = async () => {
    if (batch.length === 0) return;
    const text = Papa.unparse(batch, { newline: '\n' }) + '\n';
    batch = [];
    if (!file.write(text)) await new Promise((resolve) => file.once('drain', resolve));
  };
  const emit = async (row: Row) => {
    batch.push(HEADER.map((c) => (row[c] === undefined ? '' : String(row[c]))));
    written++;
    if (batch.length >= 5000) await flush();
  };

  // Mailjet held the platform to a cap during the throttling window (seed 000: 900/hour for
  // 16,000 mails a day); scaled here to the generated volume.
  const hourlyAverage = options.events / ((END - START) / HOUR);
  const capPerHour = Math.max(3, Math.round(hourlyAverage * 0.45));
  const sentInHour = new Map<number, number>();
  const deliveryTime = (requested: number): number => {
    if (requested < THROTTLE_START || requested >= THROTTLE_END) return requested;
    let hour = Math.floor(requested / HOUR);
    while ((sentInHour.get(hour) ?? 0) >= capPerHour) hour++;
    sentInHour.set(hour, (sentInHour.get(hour) ?? 0) + 1);
    return hour === Math.floor(requested / HOUR) ? requested : hour * HOUR + Math.floor(random() * HOUR);
  };

  const base = 288230376151711744n; // Mailjet MessageIDs are beyond 2^53
  const sendOne = async (person: Person, requested: number, campaign: { id: number; name: string } | null) => {
    messageNumber++;
    const id = (base + messageNumber * 7919n).toString();
    const common: Row = {
      MessageID: id,
      Message_GUID: `${(Number(messageNumber) * 2654435761 % 4294967296).toString(16).padStart(8, '0')}-demo-${messageNumber}`,
      email: person.email,
      mj_campaign_id: campaign?.id ?? 0,
      mj_contact_id: person.contactId,
      customcampaign: campaign?.name ?? 'mot-de-passe-oublie',
      CustomID: '',
      Payload: '',
    };
    const t = Math.floor(deliveryTime(requested) / 1000);
    const reply = (text: string) => text.replace('{email}', person.email);
    const r = random();
    if (person.fate === 'dead') {
      await emit({ ...common, event: 'bounce', time: t, blocked: false, hard_bounce: true, error_related_to: 'recipient', error: 'user unknown', comment: reply(person.domain.userUnknown) });
      return;
    }
    if (person.fate === 'full' && r < 0.6) {
      await emit({ ...common, event: 'bounce', time: t, blocked: false, hard_bounce: false, error_related_to: 'recipient', error: 'quota exceeded', comment: reply(person.domain.mailboxFull) });
      return;
    }
    if (r < 0.008) {
      await emit({ ...common, event: 'blocked', time: t, error_related_to: 'mailjet', error: 'preblocked' });
      return;
    }
    if (r < 0.014 && person.domain.domain === 'hotmail.fr') {
      await emit({ ...common, event: 'bounce', time: t, blocked: false, hard_bounce: true, error_related_to: 'spam', error: 'sender blocked', comment: SENDER_SIDE_REPLIES.microsoftBlockList });
      return;
    }
    if (r < 0.018) {
      await emit({ ...common, event: 'bounce', time: t, blocked: false, hard_bounce: false, error_related_to: 'spam', error: 'sender blocked', comment: SENDER_SIDE_REPLIES.spamhaus });
      return;
    }
    await emit({ ...common, event: 'sent', time: t, mj_message_id: id, smtp_reply: person.domain.delivered });
    if (random() < 0.42) {
      const opened = t + 60 + Math.floor(random() * 7200);
      await emit({ ...common, event: 'open', time: opened, ip: '92.184.105.12', geo: 'FR', agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' });
      if (random() < 0.2) {
        await emit({ ...common, event: 'click', time: opened + 30, url: 'https://app.cagette.net/distribution', ip: '92.184.105.12', geo: 'FR', agent: 'Mozilla/5.0' });
      }
    }
    const spike = requested >= SPIKE_DAY && requested < SPIKE_DAY + 24 * HOUR;
    if (person.fate === 'complainer' && random() < (spike ? 0.9 : 0.15)) {
      await emit({ ...common, event: 'spam', time: t + 600 + Math.floor(random() * 3600), source: 'JMRPP' });
    } else if (person.fate === 'unsubscriber' && random() < 0.3) {
      await emit({ ...common, event: 'unsub', time: t + 900, mj_list_id: 12, ip: '92.184.105.12', geo: 'FR', agent: 'Mozilla/5.0' });
    }
  };

  const scripted = scriptedStories();
  const budget = options.events - scripted.events.length;
  // Roughly 1.25 events per message (opens and clicks come on top of the outcome).
  const messages = Math.max(0, Math.round(budget / 1.27));
  const campaignShare = 0.75;
  for (let m = 0; m < messages && written < budget; m++) {
    const person = people[Math.floor(random() * people.length)];
    if (random() < campaignShare) {
      const c = CAMPAIGNS[Math.floor(random() * CAMPAIGNS.length)];
      const requested = START + c.day * 24 * HOUR + c.hour * HOUR + Math.floor(random() * 2 * HOUR);
      await sendOne(person, requested, c);
    } else {
      const requested = START + Math.floor(random() * (END - START));
      await sendOne(person, requested, null);
    }
  }
  for (const row of scripted.events) await emit(row);
  await flush();
  await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));

  const groundTruth: GroundTruth = {
    at: new Date(END).toISOString(),
    throttling: { start: new Date(THROTTLE_START).toISOString(), end: new Date(THROTTLE_END).toISOString(), capPerHour },
    complaintSpikeDay: new Date(SPIKE_DAY).toISOString().slice(0, 10),
    addresses: scripted.truth,
  };
  // A dot-file: `rebond import --db w.duckdb demo/*` must import the data, not the answers.
  const truthPath = join(options.out, '.ground-truth.json');
  await writeFile(truthPath, JSON.stringify(groundTruth, null, 2) + '\n');
  return { files: [path, truthPath], events: written, groundTruth };
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
