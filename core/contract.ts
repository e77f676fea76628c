/**
 * The Engine contract: the one typed API that every shell (CLI, HTTP host, Electron) carries.
 * Every method takes one JSON-able request and resolves to a JSON-able response, so a shell can
 * carry it over any transport. The renderer imports this file with `import type` only.
 */
import type { DeliveryEvent, EventType } from './model/event';
import type { AddressStatus, Period, Release } from './model/status';
import type { ReleaseRiskFigures } from './policy/release-risk';
import type { FormatChoice, FormatId, LineError, OtherProgram, QuotedValueLines } from './model/imports';
import type { IncidentKind } from './model/incident-kinds';
import type { Lang } from './model/lang';
import type { Problem } from './model/problems';

export type { FormatChoice, FormatId, ImportRecord, LineError, OtherProgram, QuotedValueLines } from './model/imports';

export type { Lang } from './model/lang';
export type { AddressesBehind, AddressesBehindRequest } from './model/lists';
export type { Reconciliation, ReconcileRequest, ReconciledStatus } from './model/reconcile';

// ---------------------------------------------------------------- imports

export interface ImportRequest {
  paths: string[];
  format?: FormatChoice;
  /** IANA zone for inputs without one (classic syslog, French dd/mm/yyyy dates); default: the machine's */
  timeZone?: string;
  /** year for classic syslog lines, which have none; default: inferred from the file */
  year?: number;
  /** shown in the import list instead of the path (the browser host imports temporary copies) */
  displayNames?: string[];
  /** the language of `error` and of the line errors' `message` (default: the workspace setting) */
  lang?: Lang;
}

export interface FileImportResult {
  path: string;
  /** null when the format could not be recognised */
  format: FormatId | null;
  /** false when the file could not be imported at all; the store is then unchanged */
  ok: boolean;
  /** the reason a file could not be imported, in plain words, naming the file */
  error?: string;
  /** what `error` says, as a code and its parameters (core/model/problems.ts) */
  problem?: Problem;
  importId: number | null;
  stored: number;
  duplicates: number;
  rejected: number;
  /** records the format skips on purpose (e.g. AssoConnect "Sans adresse mail") */
  skipped: number;
  /** addresses read from an imported list (e.g. "Emails identifiés comme invalides") */
  listed: number;
  /** the first rejected lines (at most 10) */
  errors: LineError[];
  firstEventTime: string | null;
  lastEventTime: string | null;
  seconds: number;
  /**
   * What each of the file's lines was (SPEC §11.8): `eventLines + contextLines +
   * otherProgramLines + blankLines + quotedLines + skipped + rejected = lines` (rejected are the lines not
   * understood). Absent when the file could not be read.
   */
  lines?: number;
  /** lines that carried the events read (stored or duplicates); a JSON event over several lines counts them all */
  eventLines?: number;
  /** lines read for what they tell about others (sender, message id, a header row, a JSON document's frame) or the format's own lines that carry no result (connections, queue runs) */
  contextLines?: number;
  /** lines written by another program than the format's (sendmail beside Postfix in a maillog) */
  otherProgramLines?: number;
  /** blank lines (and, in the rare CSV export whose records could not be placed, the further lines of values over several lines) */
  blankLines?: number;
  /** in a CSV export, the lines after a record's first that were read as part of one of its quoted values */
  quotedLines?: number;
  /** the first (at most 10) records whose quoted value took in `quotedLines`, in file order */
  quotedValues?: QuotedValueLines[];
  /** the other programs, by name: `deliveries` are their delivery results, which this format does not read */
  otherPrograms?: OtherProgram[];
  /** PowerMTA: the column the event times come from (`timeLogged`, else `timeQueued`) */
  timeField?: string;
}

export interface ImportSummary {
  files: FileImportResult[];
}

export interface ImportProgress {
  path: string;
  phase: 'detecting' | 'reading' | 'classifying' | 'storing' | 'done' | 'failed';
  bytesRead: number;
  totalBytes: number;
  rows: number;
  /** the whole import's progress, 0..1 (reading the file is most of it); sent at least every 250 ms */
  fraction: number;
}

// ---------------------------------------------------------------- addresses

export interface AddressRequest {
  address: string;
  /** ISO-8601 instant: the status as of then */
  at?: string;
  lang?: Lang;
}

export interface AddressReport {
  address: string;
  domain: string;
  status: AddressStatus;
  until: string | null;
  unsubscribed: boolean;
  periods: Period[];
  explanation: string;
  typoSuggestion: string | null;
  disposable: boolean;
  events: DeliveryEvent[];
  /** one entry per message, oldest first (issue 16) */
  messages: MessageVerdict[];
  /** did our e-mails reach this person? */
  answer: AddressAnswer;
  /** what to do, then the caveats the agent needs */
  actions: SuggestedAction[];
  caveats: SuggestedAction[];
  /** the workspace's last event: the data says nothing after it */
  dataEnd?: string | null;
  /**
   * Asked for today while the data ends before: the status at the end of the data, when it
   * differs from today's (a quarantine that ran out since, with no event to show it).
   */
  atDataEnd?: StatusAsOf | null;
}

export interface StatusAsOf {
  at: string;
  status: AddressStatus;
  until: string | null;
  explanation: string;
}

// ---------------------------------------------------------------- what happened to each message

/** One message's outcome in the user's words (issue 16, SPEC §7): the ticket's question, answered. */
export type MessageVerdictKind =
  | 'delivered'
  | 'refused_sender_side'
  | 'refused_address_side'
  | 'suppressed'
  | 'pending'
  | 'expired'
  | 'unknown';

/** Which list held a message that was never sent (SPEC §11.5). */
export type SuppressionLayer = 'rebond_policy' | 'esp_account' | 'esp_network' | 'sending_app' | 'unknown';

export interface MessageSuppression {
  layer: SuppressionLayer;
  /** the list's own name when the source gives it (Mailjet "preblocked") */
  listName: string | null;
  /** the event that put the address on that list, when it is in the data */
  cause: { time: string; type: string; category: string | null; diagnostic: string | null; source: { file: string; line: number } } | null;
}

export interface MessageVerdict {
  verdict: MessageVerdictKind;
  /** the message id, or the queue id, when the source has one */
  messageId: string | null;
  campaign: string | null;
  subject: string | null;
  /** the first event of the message (the request, or the first attempt) */
  firstTime: string;
  /** the event that decided the verdict (the delivery, the refusal, the block, the last deferral) */
  outcomeTime: string;
  /** for a delivery: seconds from the request or first attempt to the delivery, when the source shows it */
  lateBySeconds: number | null;
  deferrals: number;
  /** the categories of the deferrals, in order of first appearance */
  deferredBecause: string[];
  /** the deciding event's category */
  category: string | null;
  /** the receiving provider in the user's words (Microsoft, Google, Orange…), when known */
  provider: string | null;
  /** a block-list code the server names, e.g. S3150 */
  blockListCode: string | null;
  /** a postmaster or help page the server's text gives */
  helpUrl: string | null;
  suppression: MessageSuppression | null;
  /** one sentence in the user's language */
  summary: string;
  /** indexes into the address's `events`: the evidence behind this verdict */
  eventIndexes: number[];
}

/** The answer beside the status badge: did our e-mails reach this person? */
export type AnswerTone = 'delivered' | 'sender_problem' | 'address_problem' | 'suppressed' | 'pending' | 'unknown' | 'none';

export interface AddressAnswer {
  tone: AnswerTone;
  /** one sentence in the user's language */
  headline: string;
  /** how many of the latest messages share the latest one's fate */
  latestRun: number;
}

/** Something to do, chosen from the table in core/address/actions.ts. */
export interface SuggestedAction {
  id: string;
  text: string;
}

// ---------------------------------------------------------------- remediation report (SPEC §8)

export type ReportFormat = 'md' | 'html' | 'pdf' | 'csv';

export interface ReportRequest {
  /** one or more addresses (a ticket often names several); an address never seen is reported as such */
  addresses: string[];
  format: ReportFormat;
  lang?: Lang;
  /** ISO-8601 instant: the statuses as of then */
  at?: string;
  /** the reader's IANA zone; default: the workspace's */
  timeZone?: string;
}

export interface ReportFile {
  format: ReportFormat;
  fileName: string;
  mimeType: string;
  /** Markdown, HTML and CSV */
  text?: string;
  /** PDF, base64 (JSON carries no bytes) */
  base64?: string;
}

export interface AddressSuggestion {
  address: string;
  events: number;
  lastEventTime: string | null;
  /** the address's status now, so that the agent picks the right one among near addresses */
  status?: AddressStatus;
  until?: string | null;
}

export interface AddressListRequest {
  status: AddressStatus;
  at?: string;
  limit?: number;
}

export interface AddressListEntry {
  address: string;
  /** the address's status (by precedence: a quarantined and unsubscribed address is quarantined) */
  status: AddressStatus;
  until: string | null;
  since: string | null;
  /** beside the status: listed under `unsubscribed` whatever its status */
  unsubscribed: boolean;
}

/** The Lists screen (issue 17 item 4): the addresses in one status, with the event that put each there. */
export interface AddressListViewRequest {
  status: Exclude<AddressStatus, 'ok' | 'unknown'>;
  /** only this receiving domain */
  domain?: string;
  /** only this cause (a reason category, e.g. user_unknown) */
  reason?: string;
  at?: string;
  /** rows returned (the counts cover them all); default 1000 */
  limit?: number;
}

export interface ListedAddress extends AddressListEntry {
  domain: string;
  /** the latest event that put the address in this status (hard bounce, soft bounce, complaint, unsubscribe) */
  cause: { type: EventType; category: string | null; time: string } | null;
}

export interface AddressListView {
  status: AddressListViewRequest['status'];
  /** addresses in the status, before the domain and reason filters */
  total: number;
  /** after the filters */
  matching: number;
  rows: ListedAddress[];
  /** for the filters: every domain and cause in the status, most addresses first */
  domains: Array<{ value: string; count: number }>;
  reasons: Array<{ value: string; count: number }>;
}

/** The addresses behind an Overview figure: a headline count, a domain's bar, a reason. */
export interface ReleaseRequest {
  address: string;
  reason: string;
  by?: string;
  dryRun?: boolean;
  lang?: Lang;
}

export interface ReleaseResult {
  ok: boolean;
  error?: string;
  /** what `error` says, when the refusal has a code */
  problem?: Problem;
  release?: Release;
}

export interface ReleaseRiskRequest {
  addresses: string[];
  /** messages per campaign; default: the median campaign in the workspace */
  campaignSize?: number;
  lang?: Lang;
}

export interface ReleaseRiskResult extends ReleaseRiskFigures {
  /** the verdict in the agent's language */
  message: string;
}

// ---------------------------------------------------------------- overview

export interface OverviewRequest {
  from?: string;
  to?: string;
  bucket?: 'hour' | 'day';
}

export interface Headline {
  messages: number;
  delivered: number;
  deferred: number;
  softBounces: number;
  hardBounces: number;
  blocked: number;
  complaints: number;
  unsubscribes: number;
  /** rates are fractions of `messages` (0.003 is 0.3 %) */
  deliveredRate: number;
  hardBounceRate: number;
  complaintRate: number;
}

export interface VolumePoint {
  time: string;
  counts: Partial<Record<EventType, number>>;
}

export interface ReasonByDomain {
  domain: string;
  category: string;
  type: EventType;
  count: number;
}

export interface ComplaintRatePoint {
  day: string;
  messages: number;
  complaints: number;
  rate: number;
}

export interface Overview {
  headline: Headline;
  firstEventTime: string | null;
  lastEventTime: string | null;
  bucket: 'hour' | 'day';
  volume: VolumePoint[];
  reasonsByDomain: ReasonByDomain[];
  complaintRate: ComplaintRatePoint[];
  thresholds: { complaintWarning: number; complaintLimit: number; hardBounceLimit: number };
}

// ---------------------------------------------------------------- incidents (SPEC §6)

export { INCIDENT_KINDS, type IncidentKind } from './model/incident-kinds';

/** The figures behind an incident: counts, rates (fractions) with their volumes, names. */
export type IncidentMetrics = Record<string, number | string | boolean | null>;

export interface IncidentSeriesPoint {
  /** start of the hour (or day) */
  time: string;
  /** the figure the incident is about that hour: messages sent, deferral rate, p95 delay… */
  value: number;
  /** the volume behind it (attempts, deliveries) */
  volume: number;
}

export interface IncidentExample {
  time: string;
  address: string;
  type: EventType;
  category: string | null;
  smtpCode: number | null;
  enhancedCode: string | null;
  diagnostic: string | null;
  campaign: string | null;
}

export interface Incident {
  /** stable within one workspace state: kind, start and scope */
  id: string;
  kind: IncidentKind;
  start: string;
  /** exclusive */
  end: string;
  scope: { domain?: string; campaign?: string };
  metrics: IncidentMetrics;
  /** one line in the requested language */
  summary: string;
  /** what `metrics.value` of the series means, e.g. "messages sent per hour" */
  seriesLabel: string;
  series: IncidentSeriesPoint[];
  examples: IncidentExample[];
}

export interface IncidentsRequest {
  from?: string;
  to?: string;
  kind?: IncidentKind;
  lang?: Lang;
}

export interface IncidentTouchedRequest {
  id: string;
  limit?: number;
}

export interface IncidentTouched {
  id: string;
  addressCount: number;
  addresses: Array<{ address: string; events: number }>;
  campaigns: Array<{ campaign: string; events: number }>;
}

export interface AddressIncidentsRequest {
  address: string;
  lang?: Lang;
}

/** An incident that touched one of this address's messages, said for the ticket. */
export interface AddressIncident {
  incident: Incident;
  /** "your e-mail of 18 Jan was sent 6 h after it was requested, during the throttling of 17–22 Jan" */
  sentence: string;
  /** the address's events inside the incident */
  events: number;
}

export interface DomainFailuresRequest {
  from?: string;
  to?: string;
  /** one receiving domain; absent: the domain with the most failures */
  domain?: string;
}

/** Failures by receiving domain × reason × hour (SPEC §11.7). */
export interface DomainFailures {
  domains: Array<{ domain: string; count: number }>;
  domain: string | null;
  rows: Array<{ hour: string; category: string; type: EventType; count: number }>;
}

// ---------------------------------------------------------------- classifier

export interface ClassifyRequest {
  text?: string;
  code?: number;
  enhanced?: string;
  email?: string;
  hint?: string;
}

export interface UnknownText {
  diagnostic: string;
  smtpCode: number | null;
  enhancedCode: string | null;
  count: number;
  domains: string[];
}

// ---------------------------------------------------------------- settings

export interface Settings {
  lang: Lang;
  timeZone: string;
  policyPreset: 'default' | 'strict';
  /** path of a JSON policy file that overrides the preset */
  policyFile: string | null;
}

// ---------------------------------------------------------------- the API

/** What opening the workspace found half-done after a crash, and removed (core/store/recovery.ts). */
export interface WorkspaceRepair {
  /** events of an import that is not listed, or a listed import whose events did not add up */
  kind: 'unlisted_events' | 'incomplete_import';
  importId: number;
  /** the file as the user named it, for a listed import */
  displayName: string | null;
  /** events removed */
  events: number;
}

// The methods themselves are declared once, with their request schemas, in engine-methods.ts.
export type { EngineApi, EngineMethod, EngineRequest, EngineResponse } from './engine-methods';
export { ENGINE_METHODS } from './engine-methods';

/** Events the engine pushes to shells while long operations run. */
export interface EngineEvents {
  importProgress: ImportProgress;
}

/** A failure a support agent can read, with the file and line it concerns. */
export interface EngineErrorBody {
  message: string;
  /** the problem as a code and its parameters, for the shell to word in its language */
  problem?: Problem;
  file?: string;
  line?: number;
}
