/**
 * Exim mainlog lines into delivery events (FORMATS.md): `=>` delivered, `->` another address of
 * the same delivery, `>>` cutthrough delivery, `==` deferred, `**` failed. `<=` arrival lines give
 * the sender and the Message-ID, joined to the deliveries of the same Exim message id.
 */
import type { EventType, StageRow } from '../../model/event';
import { problem, type LineProblem } from '../../model/problems';
import { isProblem } from '../line-error';
import { digits2, digits4, MinuteClock } from '../postfix/wall-clock';

export interface EximSink {
  row(row: StageRow): void;
  reject(line: number, problem: LineProblem): void;
}

/** What one mainlog line says, before the join (exported for tests). */
export interface EximLine {
  ms: number;
  id: string;
  flag: string;
  rest: string;
}

/** An Exim message id: `1b56Bg-0004ft-Fe` (old) or `10HmaX-000000005vi-0000` (4.97+). */
const ID = /^[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}$/;

/** How every mainlog line starts: its date and time. */
const EXIM_STAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/;

/** Delivery results of Exim's own retry logic that are not attempts: skipped. */
const NOT_ATTEMPTS = /^(?:routing )?defer \(-5[23]\): retry time not (?:yet )?reached/i;

export interface EximDelivery {
  type: EventType;
  address: string;
  router: string | null;
  transport: string | null;
  relay: string | null;
  text: string | null;
  smtpCode: number | null;
  enhancedCode: string | null;
  hint: string;
  /** `==` results are remembered so that a later "retry timeout exceeded" can name its cause */
  expired: boolean;
}

export class EximParser {
  /** `context`: Exim's own lines without a result (arrivals `<=`, joined to the results; Completed, queue runs, connections) */
  readonly counts = { lines: 0, events: 0, skipped: 0, rejected: 0, context: 0, blank: 0 };
  private readonly clock: MinuteClock;
  /** exim id → sender, Message-ID, last deferral per address */
  private readonly messages = new Map<string, { sender: string | null; messageId: string | null; deferred: Map<string, EximDelivery> }>();

  constructor(
    timeZone: string,
    private readonly sink: EximSink,
  ) {
    this.clock = new MinuteClock(timeZone);
  }

  /** Timestamp, message id, flag and the rest of a mainlog line; null for other lines. */
  split(line: string): EximLine | null {
    const year = digits4(line, 0);
    const month = digits2(line, 5);
    const day = digits2(line, 8);
    const hour = digits2(line, 11);
    const minute = digits2(line, 14);
    const second = digits2(line, 17);
    if (line.charCodeAt(4) !== 45 || line.charCodeAt(7) !== 45 || line.charCodeAt(10) !== 32) return null;
    if (!(year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60)) {
      return null;
    }
    let p = 19;
    let ms = 0;
    if (line.charCodeAt(p) === 46) {
      // log_selector +millisec
      ms = Number(line.slice(p + 1, p + 4)) || 0;
      p += 4;
    }
    let time: number;
    const z = line.charCodeAt(p + 1);
    if (line.charCodeAt(p) === 32 && (z === 43 || z === 45) && /^[+-]\d{4} /.test(line.slice(p + 1, p + 7))) {
      // log_timezone: " +0200"
      const offset = (z === 43 ? 1 : -1) * (digits2(line, p + 2) * 60 + digits2(line, p + 4)) * 60_000;
      time = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset;
      p += 6;
    } else time = this.clock.utc(year, month, day, hour, minute, second, ms);
    if (line.charCodeAt(p) !== 32) return null;
    p++;
    if (line.charCodeAt(p) === 91) {
      // log_selector +pid: "[1234] "
      const close = line.indexOf('] ', p);
      if (close < 0) return null;
      p = close + 2;
    }
    const idEnd = line.indexOf(' ', p);
    if (idEnd < 0) return null;
    const id = line.slice(p, idEnd);
    if (!ID.test(id)) return null;
    const flagEnd = line.indexOf(' ', idEnd + 1);
    const flag = line.slice(idEnd + 1, flagEnd < 0 ? line.length : flagEnd);
    return { ms: time, id, flag, rest: flagEnd < 0 ? '' : line.slice(flagEnd + 1) };
  }

  line(line: string, lineNumber: number): void {
    this.counts.lines++;
    if (line.trim().length === 0) {
      this.counts.blank++;
      return;
    }
    const parts = line.length > 65_536 ? null : this.split(line);
    if (!parts) {
      // a mainlog line without a message id (connections, queue runs, warnings) is Exim's own
      if (line.length <= 65_536 && EXIM_STAMP.test(line)) this.counts.context++;
      else {
        this.counts.rejected++;
        this.sink.reject(lineNumber, problem('line.notExim', {}));
      }
      return;
    }
    switch (parts.flag) {
      case '<=':
        this.counts.context++;
        this.arrival(parts);
        return;
      case '=>':
      case '->':
      case '>>':
      case '==':
      case '**':
        this.delivery(parts, lineNumber);
        return;
      default:
        // "Completed", "*>" (delivery suppressed), "removed by", "SMTP error …" lines, queue runs
        this.counts.context++;
    }
  }

  private message(id: string) {
    let m = this.messages.get(id);
    if (!m) {
      m = { sender: null, messageId: null, deferred: new Map() };
      this.messages.set(id, m);
      if (this.messages.size > 200_000) {
        // bounded memory on huge logs: forget the oldest half
        let n = 0;
        for (const key of this.messages.keys()) {
          if (n++ > 100_000) break;
          this.messages.delete(key);
        }
      }
    }
    return m;
  }

  private arrival(parts: EximLine): void {
    const m = this.message(parts.id);
    const space = parts.rest.indexOf(' ');
    const sender = space < 0 ? parts.rest : parts.rest.slice(0, space);
    m.sender = sender === '<>' || sender === '' ? null : sender;
    const id = / id=(\S+)/.exec(parts.rest);
    if (id) m.messageId = id[1].replace(/^<|>$/g, '');
  }

  private delivery(parts: EximLine, lineNumber: number): void {
    const parsed = parseEximDelivery(parts.flag, parts.rest);
    if (parsed === null) {
      this.counts.skipped++;
      return;
    }
    if (isProblem(parsed)) {
      this.counts.rejected++;
      this.sink.reject(lineNumber, parsed);
      return;
    }
    const m = this.message(parts.id);
    let row = parsed;
    if (parsed.type === 'deferred') m.deferred.set(parsed.address, parsed);
    else {
      const last = m.deferred.get(parsed.address);
      m.deferred.delete(parsed.address);
      if (parsed.expired && last) {
        // "retry timeout exceeded": the cause is the last deferral
        row = { ...parsed, relay: last.relay, text: last.text, smtpCode: last.smtpCode, enhancedCode: last.enhancedCode };
      }
    }
    this.counts.events++;
    this.sink.row({
      time: new Date(parts.ms),
      address: row.address,
      type: row.type,
      smtpCode: row.smtpCode,
      enhancedCode: row.enhancedCode,
      diagnostic: row.text,
      // the Exim id, on every line: a Message-ID joined from a `<=` line would be missing from a
      // log that starts later, and the event key includes message_id (see POSTFIX_MESSAGE_ID)
      messageId: parts.id,
      sender: m.sender,
      relay: row.relay,
      hint: row.hint,
      line: lineNumber,
    });
  }
}

/**
 * One delivery line's text after the flag: an event, null for lines that are not about a
 * recipient (`:blackhole:` discards, retry-time-not-reached notes, `mua_wrapper` messages), or
 * the reason it cannot be read.
 */
export function parseEximDelivery(flag: string, rest: string): EximDelivery | null | LineProblem {
  // the address, then maybe "<original address>"
  let p = rest.indexOf(' ');
  let first = p < 0 ? rest : rest.slice(0, p);
  p = p < 0 ? rest.length : p + 1;
  let colonAttached = false;
  if (first.endsWith(':') && !first.startsWith(':')) {
    // "** x@test.ex: retry timeout exceeded"
    first = first.slice(0, -1);
    colonAttached = true;
  }
  if (first.length === 0) return problem('line.noRecipient', {});
  let original: string | null = null;
  if (!colonAttached && rest.charCodeAt(p) === 60 /* < */) {
    const close = rest.indexOf('>', p);
    if (close > 0) {
      original = rest.slice(p + 1, close);
      p = close + 1;
      if (rest.charCodeAt(p) === 32) p++;
    }
  }
  if (first === ':blackhole:') return null; // a message thrown away on purpose
  const special = first.startsWith('|') || first.startsWith('/') || first.startsWith(':');
  const address = !special && first.includes('@') ? first : original && original.includes('@') ? original : null;
  if (address === null) return null; // "** mua_wrapper is set …", local pipes and files
  let text = colonAttached ? rest.slice(p).trim() : rest.slice(p);

  // R= router, T= transport, H= host [ip] (with its flags), C="confirmation"
  let router: string | null = null;
  let transport: string | null = null;
  for (;;) {
    const kv = /^([RT])=(\S+?)(?::)?(?: |$)/.exec(text);
    if (!kv) break;
    if (kv[1] === 'R') router = kv[2];
    else transport = kv[2];
    text = text.slice(kv[0].length);
  }
  let relay: string | null = null;
  const host = /(?:^| )H=(\S+)(?: \[([^\]]+)\])?(?:\*|:\d+)?(?: L)?(?: |:|$)/.exec(text) ?? /: host (\S+) \[([^\]]+)\]: /.exec(text);
  if (host) relay = host[2] ? `${host[1]} [${host[2]}]` : host[1];

  if (flag === '==') {
    if (NOT_ATTEMPTS.test(text)) return null;
    // "defer (-44) H=h [ip]: SMTP error …", "defer (-22): mailbox is full …", "routing defer (-52): …"
    const reason = stripHost(text.replace(/^(?:routing )?defer \((-?\w+)\)/, ''));
    const codes = replyCodes(reason);
    return {
      type: 'deferred',
      address,
      router,
      transport,
      relay,
      text: reason || null,
      ...codes,
      hint: 'exim:deferred',
      expired: false,
    };
  }
  if (flag === '**') {
    const reason = stripHost(text);
    const codes = replyCodes(reason);
    const expired = /retry timeout exceeded|retry time not reached for any host after a long failure period/i.test(reason);
    const soft = expired || (codes.smtpCode !== null && codes.smtpCode < 500);
    return {
      type: soft ? 'soft_bounce' : 'hard_bounce',
      address,
      router,
      transport,
      relay,
      text: reason || null,
      ...codes,
      hint: expired ? 'exim:expired' : 'exim:bounced',
      expired,
    };
  }
  // => -> >> : delivered; C="250 …" is the remote confirmation
  const confirmation = /(?:^| )C="((?:[^"\\]|\\.)*)"/.exec(text);
  const reply = confirmation ? confirmation[1] : null;
  const codes = reply ? replyCodes(reply) : { smtpCode: null, enhancedCode: null };
  return { type: 'delivered', address, router, transport, relay, text: reply, ...codes, hint: 'exim:delivered', expired: false };
}

/** The reason without a leading " H=host [ip]" (kept as the relay) and separators. */
function stripHost(text: string): string {
  return text
    .replace(/^ ?H=\S+(?: \[[^\]]+\])?(?:\*|:\d+)?(?: L)?/, '')
    .replace(/^[ :]+/, '')
    .trim();
}

/** The reply code and enhanced code of an SMTP/LMTP error text: "… RCPT TO:<x>: 550 5.1.1 …". */
export function replyCodes(text: string): { smtpCode: number | null; enhancedCode: string | null } {
  const m = /(?:^|: |\\n|\n)([245]\d\d)(?:[ -]([245]\.\d{1,3}\.\d{1,3}))?(?:[ -]|$)/.exec(text);
  if (!m) return { smtpCode: null, enhancedCode: null };
  let enhanced = m[2] ?? null;
  if (!enhanced) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
    const e = /^\s*([245]\.\d{1,3}\.\d{1,3})\b/.exec(after);
    if (e) enhanced = e[1];
  }
  return { smtpCode: Number(m[1]), enhancedCode: enhanced };
}
