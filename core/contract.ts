/**
 * The Engine contract: the one typed API that every shell (CLI, HTTP host, Electron) carries.
 * Every method takes one JSON-able request and resolves to a JSON-able response, so a shell can
 * carry it over any transport. The renderer imports this file with `import type` only.
 */
import type { DeliveryEvent, EventType } from './model/event';
import type { AddressStatus, Period, Release } from './model/status';
import type { Classification } from './model/category';
import type { ReleaseRiskFigures } from './policy/release-risk';

export type Lang = 'fr' | 'en';

// ---------------------------------------------------------------- imports

export type FormatId = 'mailjet' | 'mailjet-history' | 'assoconnect' | 'postfix' | 'exim' | 'powermta';
export type FormatChoice = 'auto' | FormatId;

export interface ImportRequest {
  paths: string[];
  format?: FormatChoice;
  /** IANA zone for inputs without one (classic syslog, French dd/mm/yyyy dates); default: the machine's */
  timeZone?: string;
  /** year for classic syslog lines, which have none; default: inferred from the file */
  year?: number;
  /** shown in the import list instead of the path (the browser host imports temporary copies) */
  displayNames?: string[];
}

export interface LineError {
  line: number;
  message: string;
}

export interface FileImportResult {
  path: string;
  /** null when the format could not be recognised */
  format: FormatId | null;
  /** false when the file could not be imported at all; the store is then unchanged */
  ok: boolean;
  /** the reason a file could not be imported, in plain words, naming the file */
  error?: string;
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

export interface ImportRecord {
  id: number;
  path: string;
  displayName: string;
  format: FormatId;
  contentHash: string;
  importedAt: string;
  stored: number;
  duplicates: number;
  rejected: number;
  skipped: number;
  firstEventTime: string | null;
  lastEventTime: string | null;
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
}

export interface AddressSuggestion {
  address: string;
  events: number;
  lastEventTime: string | null;
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

export interface ReleaseRequest {
  address: string;
  reason: string;
  by?: string;
  dryRun?: boolean;
}

export interface ReleaseResult {
  ok: boolean;
  error?: string;
  release?: Release;
}

export interface ReleaseRiskRequest {
  addresses: string[];
  /** messages per campaign; default: the median campaign in the workspace */
  campaignSize?: number;
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

export interface EngineApi {
  importFiles(req: ImportRequest): Promise<ImportSummary>;
  listImports(req: Record<string, never>): Promise<ImportRecord[]>;
  removeImport(req: { id: number }): Promise<{ removedEvents: number }>;
  address(req: AddressRequest): Promise<AddressReport>;
  searchAddresses(req: { query: string; limit?: number }): Promise<AddressSuggestion[]>;
  addresses(req: AddressListRequest): Promise<AddressListEntry[]>;
  release(req: ReleaseRequest): Promise<ReleaseResult>;
  releaseRisk(req: ReleaseRiskRequest): Promise<ReleaseRiskResult>;
  overview(req: OverviewRequest): Promise<Overview>;
  classify(req: ClassifyRequest): Promise<Classification>;
  unknowns(req: { limit?: number }): Promise<UnknownText[]>;
  reclassify(req: Record<string, never>): Promise<{ events: number; changed: number; seconds: number }>;
  getSettings(req: Record<string, never>): Promise<Settings>;
  setSettings(req: Partial<Settings>): Promise<Settings>;
}

export type EngineMethod = keyof EngineApi;
export type EngineRequest<K extends EngineMethod> = Parameters<EngineApi[K]>[0];
export type EngineResponse<K extends EngineMethod> = Awaited<ReturnType<EngineApi[K]>>;

/** The names a shell may carry: anything else is refused by the transports. */
export const ENGINE_METHODS = [
  'importFiles',
  'listImports',
  'removeImport',
  'address',
  'searchAddresses',
  'addresses',
  'release',
  'releaseRisk',
  'overview',
  'classify',
  'unknowns',
  'reclassify',
  'getSettings',
  'setSettings',
] as const satisfies readonly EngineMethod[];

// Every method must be carried: this line stops compiling when one is left out of the list.
type Missing = Exclude<EngineMethod, (typeof ENGINE_METHODS)[number]>;
export const ALL_METHODS_LISTED: Missing extends never ? true : Missing = true;

/** Events the engine pushes to shells while long operations run. */
export interface EngineEvents {
  importProgress: ImportProgress;
}

/** A failure a support agent can read, with the file and line it concerns. */
export interface EngineErrorBody {
  message: string;
  file?: string;
  line?: number;
}
