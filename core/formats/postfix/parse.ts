/**
 * Postfix syslog lines into delivery events, one forward pass. Lines are recognised with
 * `indexOf`/`startsWith` and character codes; regular expressions run only on the few lines
 * that carry a server reply. The `from=` (qmgr) and `message-id=` (cleanup) lines of a queue id
 * are remembered and joined to its `to=` results within a time window, since queue ids are reused.
 */
import type { EventType, StageRow } from '../../model/event';
import { problem, type LineProblem } from '../../model/problems';
import { isProblem } from '../line-error';
import { SyslogClock, type ParsedStamp } from './syslog-time';
import { decodeEncodedWords } from './encoded-words';

/**
 * The event's message_id. The event key (store) includes message_id, and a `message-id=` line
 * joined from earlier in the log is missing from a file that starts later: two overlapping logs
 * would then store the same delivery twice. The queue id is on the delivery line itself, so it
 * is the same in every file: it is what is stored. Set to 'message-id' to store the joined
 * Message-ID header instead (when the key no longer depends on it).
 */
export const POSTFIX_MESSAGE_ID: 'queue-id' | 'message-id' = 'queue-id';

/** How long a queue id's from=/message-id= stay joinable (Postfix keeps mail 5 days by default). */
export const JOIN_WINDOW_MS = 7 * 86_400_000;
/** Lines longer than this are not Postfix lines (syslog truncates far earlier). */
const MAX_LINE = 64 * 1024;

interface Pending {
  text: string | null;
  dsn: string | null;
  relay: string | null;
  smtpCode: number | null;
  delay: number | null;
}

interface QueueEntry {
  seen: number;
  from: string | null;
  messageId: string | null;
  /** from cleanup's `warning: header Subject: …` (header_checks WARN): the message's subject */
  subject: string | null;
  /** recipients whose last result was `deferred`: a later `status=expired` is theirs */
  deferred: Map<string, Pending> | null;
}

export interface PostfixSink {
  row(row: StageRow): void;
  reject(line: number, problem: LineProblem): void;
}

export interface ParsedDelivery {
  queueId: string;
  address: string;
  relay: string | null;
  delay: number | null;
  dsn: string | null;
  status: string;
  text: string | null;
  smtpCode: number | null;
}

/** `sent`, `deferred`, `bounced`, `expired` → our types; anything else is not a delivery result. */
export function postfixType(status: string, dsn: string | null): EventType | null {
  switch (status) {
    case 'sent':
      return 'delivered';
    case 'deferred':
      return 'deferred';
    case 'bounced':
      return dsn !== null && dsn.charCodeAt(0) === 52 /* 4 */ ? 'soft_bounce' : 'hard_bounce';
    case 'expired':
      return 'soft_bounce';
    default:
      return null;
  }
}

/** Statuses that are address-verification probes or other non-deliveries: skipped, not errors. */
const NOT_DELIVERIES = new Set(['deliverable', 'undeliverable', 'undeliverable-but-not-cached', 'forwarded']);

/** The reply code of a server reply inside a Postfix reason, e.g. `host x[1.2.3.4] said: 550 5.1.1 …`. */
export function replyCode(text: string): number | null {
  let i = text.indexOf(' said: ');
  if (i >= 0) i += 7;
  else {
    i = text.indexOf('refused to talk to me: ');
    if (i >= 0) i += 23;
    else i = 0;
  }
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  const c = text.charCodeAt(i + 2) - 48;
  const d = text.charCodeAt(i + 3);
  if (a >= 2 && a <= 5 && b >= 0 && b <= 9 && c >= 0 && c <= 9 && (d === 32 || d === 45 || Number.isNaN(d))) {
    return a * 100 + b * 10 + c;
  }
  return null;
}

/**
 * The delivery result that starts at `p` (the `to=` of `QUEUEID: to=…`), or the reason it is
 * not one.
 */
export function parseDelivery(line: string, queueId: string, p: number): ParsedDelivery | LineProblem {
  p += 3;
  let address: string;
  let q: number;
  if (line.charCodeAt(p) === 60 /* < */) {
    q = line.indexOf('>', p + 1);
    if (q < 0) return problem('line.recipientUnclosed', {});
    address = line.slice(p + 1, q);
    q++;
  } else {
    q = line.indexOf(',', p);
    if (q < 0) return problem('line.noDeliveryFields', {});
    address = line.slice(p, q);
  }
  if (address.length === 0) return problem('line.noRecipient', {});
  const statusAt = line.indexOf(', status=', q);
  if (statusAt < 0) return problem('line.noDeliveryStatus', {});
  const relay = field(line, ', relay=', q, statusAt);
  const delayText = field(line, ', delay=', q, statusAt);
  const dsn = field(line, ', dsn=', q, statusAt);
  let s = statusAt + 9;
  let e = s;
  while (e < line.length) {
    const ch = line.charCodeAt(e);
    if (ch === 32 || ch === 44 || ch === 40) break;
    e++;
  }
  const status = line.slice(s, e);
  if (status.length === 0) return problem('line.noDeliveryStatus', {});
  let text: string | null = null;
  const open = line.indexOf('(', e);
  if (open >= 0) {
    const close = line.lastIndexOf(')');
    text = (close > open ? line.slice(open + 1, close) : line.slice(open + 1)).trim() || null;
  }
  s = 0;
  const delay = delayText === null ? null : Number(delayText);
  return {
    queueId,
    address,
    relay,
    delay: delay === null || Number.isNaN(delay) ? null : delay,
    dsn: dsn !== null && /^[245]\.\d{1,3}\.\d{1,3}$/.test(dsn) ? dsn : null,
    status,
    text,
    smtpCode: text === null ? null : replyCode(text),
  };
}

function field(line: string, name: string, from: number, before: number): string | null {
  const i = line.indexOf(name, from);
  if (i < 0 || i > before) return null;
  const s = i + name.length;
  let e = line.indexOf(',', s);
  if (e < 0 || e > before) e = before;
  const value = line.slice(s, e).trim();
  return value.length === 0 ? null : value;
}

export interface PostfixCounts {
  lines: number;
  events: number;
  /** delivery lines that are not deliveries on purpose (address-verification probes, forwards) */
  skipped: number;
  rejected: number;
  /** Postfix's own lines without a result: from=, message-id=, removed (joined to results), connections, warnings… */
  context: number;
  /** lines of other programs (sendmail, dovecot, cron…) in the same syslog file */
  otherPrograms: number;
  blank: number;
}

/** Other programs' lines in a Postfix syslog, by program name. */
export interface ProgramCount {
  program: string;
  lines: number;
  /** their own delivery results (sendmail `to=… stat=`), which the Postfix importer does not read */
  deliveries: number;
}

/** Beyond this many distinct program names, the rest are counted under one name. */
const MAX_PROGRAMS = 50;

/** One file's worth of Postfix parsing state. Feed lines in order with `line()`. */
export class PostfixParser {
  readonly counts: PostfixCounts = { lines: 0, events: 0, skipped: 0, rejected: 0, context: 0, otherPrograms: 0, blank: 0 };
  readonly programs = new Map<string, ProgramCount>();
  private readonly queue = new Map<string, QueueEntry>();
  private readonly stamp: ParsedStamp = { ms: 0, end: 0 };
  private lastSweep = 0;
  private lastMs = 0;

  constructor(
    private readonly clock: SyslogClock,
    private readonly sink: PostfixSink,
  ) {}

  line(line: string, lineNumber: number): void {
    this.counts.lines++;
    if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim().length === 0)) {
      this.counts.blank++;
      return;
    }
    if (line.length > MAX_LINE) {
      // A Postfix line never gets this long; only a broken file does.
      this.reject(lineNumber, problem('line.syslogTooLong', { length: line.length }));
      return;
    }
    // the body: after "program[pid]: "
    const colon = line.indexOf(']: ');
    if (colon < 0) {
      // a syslog line of a program that logs no pid (kernel, systemd…), or not a syslog line at all
      if (this.clock.parse(line, this.stamp)) this.otherProgram(programBefore(line, line.indexOf(': ')), line);
      else this.reject(lineNumber, problem('line.notSyslog', {}));
      return;
    }
    // the program name is the word before "[pid]: ": Postfix's contains "postfix" (postfix/smtp,
    // postfix-out/qmgr…), and its last "postfix" before the pid has no space after it. The
    // first "postfix" of the line is nearly always that one: searched forwards (lastIndexOf is
    // a runtime call in V8, once per line of a million-line log), backwards only when not.
    let postfix = line.indexOf('postfix');
    if (postfix >= 0 && postfix < colon && line.indexOf(' ', postfix) < colon) postfix = line.lastIndexOf('postfix', colon);
    if (postfix < 0 || postfix > colon || line.indexOf(' ', postfix) < colon) {
      // sendmail, dovecot, amavis… share the maillog: theirs, not errors
      const bracket = line.lastIndexOf('[', colon);
      this.otherProgram(line.slice(line.lastIndexOf(' ', bracket) + 1, bracket), line);
      return;
    }
    let b = colon + 3;
    if (line.charCodeAt(b) === 91 /* [ */ && line.startsWith('[ID ', b)) {
      // Solaris: "[ID 197553 mail.info] "
      const close = line.indexOf('] ', b);
      if (close < 0) {
        this.counts.context++;
        return;
      }
      b = close + 2;
    }
    // queue id: letters and digits up to ": "
    let e = b;
    while (e < line.length) {
      const ch = line.charCodeAt(e);
      if (!((ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122))) break;
      e++;
    }
    if (e === b || line.charCodeAt(e) !== 58 || line.charCodeAt(e + 1) !== 32 || e - b > 20) {
      this.counts.context++;
      return;
    }
    const p = e + 2;
    const c = line.charCodeAt(p);
    if (c === 116 /* t */ && line.startsWith('to=', p)) this.delivery(line, lineNumber, line.slice(b, e), p);
    else if (c === 102 /* f */ && line.startsWith('from=', p)) this.from(line, lineNumber, line.slice(b, e), p);
    else if (c === 109 /* m */ && line.startsWith('message-id=', p)) this.messageId(line, lineNumber, line.slice(b, e), p);
    else if (c === 119 /* w */ && isSubjectWarning(line, p)) this.subject(line, line.slice(b, e), p + SUBJECT_WARNING.length);
    else if (c === 114 /* r */ && line.startsWith('removed', p) && line.length === p + 7) {
      this.counts.context++;
      this.queue.delete(line.slice(b, e));
    } else this.counts.context++;
  }

  /** Counts a line of another program; `to=` with `stat=`/`status=` is one of its delivery results. */
  private otherProgram(name: string, line: string): void {
    this.counts.otherPrograms++;
    let program = name.length > 0 && name.length <= 40 ? name : '(unnamed)';
    let count = this.programs.get(program);
    if (!count && this.programs.size >= MAX_PROGRAMS) count = this.programs.get((program = '(others)'));
    if (!count) {
      count = { program, lines: 0, deliveries: 0 };
      this.programs.set(program, count);
    }
    count.lines++;
    const to = line.indexOf(': to=');
    if (to >= 0 && (line.indexOf(', stat=', to) >= 0 || line.indexOf(', status=', to) >= 0)) count.deliveries++;
  }

  private time(line: string): number | null {
    if (!this.clock.parse(line, this.stamp)) return null;
    const ms = this.stamp.ms;
    this.lastMs = ms;
    if (ms - this.lastSweep > 3_600_000) this.sweep(ms);
    return ms;
  }

  /**
   * For from=/message-id= lines, which only need a time for the join window: the time of the
   * last line read exactly is close enough (minutes apart at most) and costs nothing.
   */
  private approximateTime(line: string): number | null {
    return this.lastMs !== 0 ? this.lastMs : this.time(line);
  }

  /** Forgets queue ids not seen for longer than the join window (bounded memory on huge logs). */
  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [id, entry] of this.queue) if (now - entry.seen > JOIN_WINDOW_MS) this.queue.delete(id);
  }

  private entry(queueId: string, ms: number, fresh: boolean): QueueEntry {
    let entry = this.queue.get(queueId);
    if (!entry || fresh || ms - entry.seen > JOIN_WINDOW_MS || entry.seen - ms > JOIN_WINDOW_MS) {
      entry = { seen: ms, from: null, messageId: null, subject: null, deferred: null };
      this.queue.set(queueId, entry);
    } else if (ms > entry.seen) entry.seen = ms;
    return entry;
  }

  private reject(line: number, found: LineProblem): void {
    this.counts.rejected++;
    this.sink.reject(line, found);
  }

  private delivery(line: string, lineNumber: number, queueId: string, p: number): void {
    const ms = this.time(line);
    if (ms === null) return this.reject(lineNumber, problem('line.noTimestamp', {}));
    const parsed = parseDelivery(line, queueId, p);
    if (isProblem(parsed)) return this.reject(lineNumber, parsed);
    const type = postfixType(parsed.status, parsed.dsn);
    if (type === null) {
      if (NOT_DELIVERIES.has(parsed.status)) this.counts.skipped++;
      else this.reject(lineNumber, problem('line.unknownDelivery', { value: parsed.status }));
      return;
    }
    const entry = this.entry(queueId, ms, false);
    if (parsed.status === 'deferred') {
      if (!entry.deferred) entry.deferred = new Map();
      entry.deferred.set(parsed.address, {
        text: parsed.text,
        dsn: parsed.dsn,
        relay: parsed.relay,
        smtpCode: parsed.smtpCode,
        delay: parsed.delay,
      });
    } else if (entry.deferred) entry.deferred.delete(parsed.address);
    this.counts.events++;
    this.sink.row({
      time: new Date(ms),
      address: parsed.address,
      type,
      smtpCode: parsed.smtpCode,
      enhancedCode: parsed.dsn,
      diagnostic: parsed.text,
      messageId: POSTFIX_MESSAGE_ID === 'queue-id' ? queueId : entry.messageId,
      subject: entry.subject,
      sender: entry.from,
      relay: parsed.relay,
      delaySeconds: parsed.delay,
      hint: `postfix:${parsed.status}`,
      line: lineNumber,
    });
  }

  private from(line: string, lineNumber: number, queueId: string, p: number): void {
    const expiredAt = line.indexOf(', status=expired', p);
    const ms = expiredAt >= 0 ? this.time(line) : this.approximateTime(line);
    if (ms === null) {
      this.counts.context++;
      return;
    }
    let s = p + 5;
    let end: number;
    if (line.charCodeAt(s) === 60) {
      s++;
      end = line.indexOf('>', s);
    } else end = line.indexOf(',', s);
    if (end < 0) end = line.length;
    const from = line.slice(s, end);
    const expired = expiredAt >= 0;
    const entry = this.entry(queueId, ms, false);
    if (from.length > 0) entry.from = from;
    if (!expired) {
      this.counts.context++;
      return;
    }
    // qmgr: "from=<…>, status=expired, returned to sender": the recipients still deferred expire
    const pending = entry.deferred;
    if (!pending || pending.size === 0) {
      // their deferrals are in an earlier file: nothing to attach this to
      this.counts.context++;
      return;
    }
    for (const [address, last] of pending) {
      this.counts.events++;
      this.sink.row({
        time: new Date(ms),
        address,
        type: 'soft_bounce',
        smtpCode: last.smtpCode,
        enhancedCode: last.dsn,
        diagnostic: last.text,
        messageId: POSTFIX_MESSAGE_ID === 'queue-id' ? queueId : entry.messageId,
        subject: entry.subject,
        sender: entry.from,
        relay: last.relay,
        delaySeconds: last.delay,
        hint: 'postfix:expired',
        line: lineNumber,
      });
    }
    entry.deferred = null;
  }

  private messageId(line: string, lineNumber: number, queueId: string, p: number): void {
    void lineNumber;
    this.counts.context++;
    const ms = this.approximateTime(line);
    if (ms === null) return;
    let s = p + 11;
    let end: number;
    if (line.charCodeAt(s) === 60) {
      s++;
      end = line.indexOf('>', s);
      if (end < 0) end = line.length;
    } else {
      end = line.indexOf(' ', s);
      if (end < 0) end = line.length;
    }
    const before = this.queue.get(queueId);
    const entry = this.entry(queueId, ms, true);
    entry.messageId = line.slice(s, end) || null;
    // cleanup may warn about the Subject header before it logs the message-id=: same message
    if (before && before !== entry && before.subject !== null && before.from === null && before.messageId === null && ms - before.seen < SAME_MESSAGE_MS) {
      entry.subject = before.subject;
    }
  }

  /**
   * cleanup's `QUEUEID: warning: header Subject: TEXT from CLIENT; from=<…> to=<…> …` (a
   * header_checks WARN rule): the subject of the message that queue id now holds. Cleanup runs
   * before qmgr's from=, so an entry that already has a sender is an earlier message's.
   */
  private subject(line: string, queueId: string, s: number): void {
    this.counts.context++;
    const ms = this.approximateTime(line);
    if (ms === null) return;
    const text = subjectText(line, s);
    if (text === null) return;
    const known = this.queue.get(queueId);
    this.entry(queueId, ms, known !== undefined && known.from !== null).subject = text;
  }
}

const SUBJECT_WARNING = 'warning: header subject: ';
/** a header warning and the message-id= line of one message are logged within this of each other */
const SAME_MESSAGE_MS = 60_000;

function isSubjectWarning(line: string, p: number): boolean {
  return line.startsWith('warning: header ', p) && line.slice(p + 16, p + SUBJECT_WARNING.length).toLowerCase() === 'subject: ';
}

/** The header's value: what comes before the last ` from CLIENT; from=<`, its encoded words decoded. */
export function subjectText(line: string, s: number): string | null {
  const envelope = line.lastIndexOf('; from=<');
  let end = envelope > s ? line.lastIndexOf(' from ', envelope) : -1;
  if (end < s) end = envelope > s ? envelope : line.length;
  const text = decodeEncodedWords(line.slice(s, end)).trim();
  return text.length === 0 ? null : text;
}

/** The program name that ends at `end` (`host program: …`), or '' when there is none. */
function programBefore(line: string, end: number): string {
  if (end < 0) return '';
  return line.slice(line.lastIndexOf(' ', end - 1) + 1, end);
}
