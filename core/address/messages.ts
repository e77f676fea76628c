/**
 * What happened to each message (issue 16, SPEC §7): an address's events grouped by message and
 * each message given one outcome — delivered (how late), refused because of us, refused because
 * of the address, not sent because a list holds the address (which one, and why), pending,
 * expired. Pure: the events and the address's periods in, verdicts out. The words are in
 * ./words.ts; this file decides.
 */
import type { MessageSuppression, MessageVerdict, MessageVerdictKind, SuppressionLayer } from '../contract';
import type { DeliveryEvent, EventType } from '../model/event';
import type { Period } from '../model/status';
import { blockListCodeIn, helpUrlIn, providerOf } from './providers';

/** Whose side a refusal is on, by category (SPEC §5.3: the sender's reputation is not the address's quality). */
export const REFUSAL_SIDE: Readonly<Record<string, 'sender' | 'address' | 'expired' | 'unknown'>> = {
  user_unknown: 'address',
  address_invalid: 'address',
  mailbox_inactive: 'address',
  domain_invalid: 'address',
  mailbox_full: 'address',
  domain_unreachable: 'address',
  server_unavailable: 'address',
  rate_limited: 'sender',
  sender_blocklisted: 'sender',
  spam_content: 'sender',
  policy: 'sender',
  auth_failure: 'sender',
  config: 'sender',
  relay_denied: 'sender',
  message_too_large: 'sender',
  expired: 'expired',
  greylisted: 'unknown',
  unknown: 'unknown',
};

/** When the category says nothing, the classifier's actor may (who must act). */
const ACTOR_SIDE: Readonly<Record<string, 'sender' | 'address'>> = {
  recipient: 'address',
  recipient_domain: 'address',
  sender_reputation: 'sender',
  sender_config: 'sender',
  content: 'sender',
};

/**
 * Which list held a message that was never sent (SPEC §11.5), read from the rule that classified
 * the block and its text. Mailjet's "preblocked" is network-wide: it can come from another
 * customer's hard bounce, so its cause is often not in our data.
 */
export const SUPPRESSION_LAYERS: readonly { match: RegExp; layer: SuppressionLayer; listName: string | null }[] = [
  { match: /spam[- ]preblocked/i, layer: 'esp_network', listName: 'spam preblocked' },
  { match: /preblocked/i, layer: 'esp_network', listName: 'preblocked' },
  { match: /recipient-blacklisted|recipient\/blacklisted/i, layer: 'esp_account', listName: 'blacklist' },
  { match: /spam-reporter|spam reporter/i, layer: 'esp_account', listName: 'spam reporters' },
  { match: /duplicate[- ]in[- ]campaign/i, layer: 'esp_account', listName: 'duplicate in campaign' },
  { match: /unsubscribed|desinscrit|désinscrit/i, layer: 'sending_app', listName: 'unsubscribed' },
  { match: /\bapplication\b|\bapp\b|blacklist(?:ed|ée)? (?:au niveau|in the app)/i, layer: 'sending_app', listName: null },
];

const OUTCOME_TYPES = new Set<EventType>(['requested', 'delivered', 'deferred', 'soft_bounce', 'hard_bounce', 'blocked']);
const FINAL_TYPES = new Set<EventType>(['delivered', 'soft_bounce', 'hard_bounce', 'blocked']);

interface Group {
  key: string;
  indexes: number[];
}

/**
 * Groups by message id (a queue id already joins a message's retries); a source without ids
 * (campaign reports) groups by send time and campaign. Opens, clicks and complaints join their
 * message by id; without one they are not part of any message.
 */
function groupByMessage(events: readonly DeliveryEvent[]): Group[] {
  const groups = new Map<string, Group>();
  const order: Group[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const isOutcome = OUTCOME_TYPES.has(e.type);
    let key: string;
    if (e.messageId) key = `id:${e.messageId}`;
    else if (isOutcome) key = `at:${e.time}|${e.campaign ?? ''}`;
    else continue;
    let group = groups.get(key);
    if (!group) {
      group = { key, indexes: [] };
      groups.set(key, group);
      order.push(group);
    }
    group.indexes.push(i);
  }
  return order.filter((g) => g.indexes.some((i) => OUTCOME_TYPES.has(events[i].type)));
}

function sideOf(e: DeliveryEvent): 'sender' | 'address' | 'expired' | 'unknown' {
  const byCategory = e.category ? REFUSAL_SIDE[e.category] : undefined;
  if (byCategory && byCategory !== 'unknown') return byCategory;
  return (e.actor && ACTOR_SIDE[e.actor]) || byCategory || 'unknown';
}

function runningPeriodAt(periods: readonly Period[], time: string): Period | null {
  const t = Date.parse(time);
  let found: Period | null = null;
  for (const p of periods) {
    if (p.status === 'unsubscribed') continue;
    if (Date.parse(p.start) <= t && (p.end === null || Date.parse(p.end) > t)) found = p;
  }
  return found;
}

function suppressionOf(block: DeliveryEvent, events: readonly DeliveryEvent[], periods: readonly Period[]): MessageSuppression {
  const said = `${block.rule ?? ''} ${block.diagnostic ?? ''}`;
  const row = SUPPRESSION_LAYERS.find((r) => r.match.test(said));
  const period = runningPeriodAt(periods, block.time);
  const layer: SuppressionLayer = row?.layer ?? (period ? 'rebond_policy' : 'unknown');
  let cause: MessageSuppression['cause'] = null;
  if (period?.cause && Date.parse(period.cause.time) < Date.parse(block.time)) {
    const c = period.cause;
    cause = { time: c.time, type: c.type, category: c.category, diagnostic: c.diagnostic, source: c.source ? { file: c.source.file, line: c.source.line } : { file: '', line: 0 } };
  } else {
    // the latest earlier event that suppresses an address: a complaint, an unsubscribe, a counting hard bounce
    const t = Date.parse(block.time);
    for (let i = events.length - 1; i >= 0; i--) {
      const e = events[i];
      if (Date.parse(e.time) >= t) continue;
      if (e.type === 'complaint' || e.type === 'unsubscribe' || (e.type === 'hard_bounce' && e.countsAgainstAddress)) {
        cause = { time: e.time, type: e.type, category: e.category, diagnostic: e.diagnostic, source: { file: e.source.file, line: e.source.line } };
        break;
      }
    }
  }
  return { layer, listName: row?.listName ?? null, cause };
}

/** A message's verdict (its `summary` still empty: ./words.ts writes it) and the event that decided it. */
export interface VerdictFacts {
  message: MessageVerdict;
  decidingIndex: number;
}

function verdictOf(group: Group, events: readonly DeliveryEvent[], periods: readonly Period[], excused: ReadonlySet<number>): VerdictFacts {
  const indexes = group.indexes;
  const first = events[indexes[0]];
  let decidingIndex = -1;
  let deferrals = 0;
  const deferredBecause: string[] = [];
  let lastDeferral = -1;
  for (const i of indexes) {
    const e = events[i];
    if (e.type === 'deferred') {
      deferrals++;
      lastDeferral = i;
      const c = e.category ?? 'unknown';
      if (!deferredBecause.includes(c)) deferredBecause.push(c);
    }
    // the last final outcome wins: a bounce after a delivery is an asynchronous bounce
    if (FINAL_TYPES.has(e.type)) decidingIndex = i;
  }
  let verdict: MessageVerdictKind;
  if (decidingIndex < 0) {
    decidingIndex = lastDeferral >= 0 ? lastDeferral : indexes[indexes.length - 1];
    const deciding = events[decidingIndex];
    verdict = deciding.category === 'expired' ? 'expired' : 'pending';
  } else {
    const deciding = events[decidingIndex];
    if (deciding.type === 'delivered') verdict = 'delivered';
    else if (deciding.type === 'blocked') verdict = 'suppressed';
    else {
      // a hard bounce inside a provider block (SPEC §11.2) is the provider refusing us, whatever its words
      const side = deciding.type === 'hard_bounce' && excused.has(Date.parse(deciding.time)) ? 'sender' : sideOf(deciding);
      verdict = side === 'sender' ? 'refused_sender_side' : side === 'address' ? 'refused_address_side' : side === 'expired' ? 'expired' : 'unknown';
    }
  }
  const deciding = events[decidingIndex];
  let lateBySeconds: number | null = null;
  if (verdict === 'delivered') {
    if (deciding.delaySeconds !== null && deciding.delaySeconds !== undefined) lateBySeconds = deciding.delaySeconds;
    else if (Date.parse(first.time) < Date.parse(deciding.time)) lateBySeconds = Math.round((Date.parse(deciding.time) - Date.parse(first.time)) / 1000);
  }
  // the server's words of the refusal (or of the last deferral) name the block list and the page to read
  const refusalText = verdict === 'delivered' ? (lastDeferral >= 0 ? events[lastDeferral].diagnostic : null) : deciding.diagnostic;
  let messageId: string | null = null;
  let campaign: string | null = null;
  let subject: string | null = null;
  for (const i of indexes) {
    const e = events[i];
    messageId ??= e.messageId || null;
    campaign ??= e.campaign || null;
    subject ??= e.subject || null;
  }
  const message: MessageVerdict = {
    verdict,
    messageId,
    campaign,
    subject,
    firstTime: first.time,
    outcomeTime: deciding.time,
    lateBySeconds,
    deferrals,
    deferredBecause,
    category: deciding.type === 'delivered' ? null : deciding.category,
    provider: providerOf(deciding.domain),
    blockListCode: blockListCodeIn(refusalText),
    helpUrl: helpUrlIn(refusalText),
    suppression: verdict === 'suppressed' ? suppressionOf(deciding, events, periods) : null,
    summary: '',
    eventIndexes: indexes,
  };
  return { message, decidingIndex };
}

/**
 * One verdict per message, oldest first. `events` must be the address's events oldest first
 * (as the store gives them); `periods` its reconstructed periods (for "which layer holds it");
 * `excusedBounceTimes` the hard bounces the policy left uncounted inside a provider block.
 */
export function messageVerdicts(
  events: readonly DeliveryEvent[],
  periods: readonly Period[],
  excusedBounceTimes: readonly string[] = [],
): VerdictFacts[] {
  const excused = new Set(excusedBounceTimes.map((t) => Date.parse(t)));
  const verdicts = groupByMessage(events).map((g) => verdictOf(g, events, periods, excused));
  // ISO-8601 UTC instants sort as strings; the groups are already nearly in order
  return verdicts.sort((a, b) => (a.message.firstTime < b.message.firstTime ? -1 : a.message.firstTime > b.message.firstTime ? 1 : 0));
}
