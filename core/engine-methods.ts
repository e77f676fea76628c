/**
 * The Engine's methods, declared once: each name with the schema of its request and the type of
 * its answer. `EngineApi`, the method list, and the checks every shell applies (the HTTP host,
 * Electron's IPC handler, the CLI) all come from this table, so a new method is added here, in
 * the Engine, and in the UI — nowhere else.
 *
 * The engine trusts its shells' types; a shell trusts nothing: over HTTP or IPC anything may
 * arrive, and `{"address": 5}` should be told what is wrong, not fail on a `.trim()` deep inside.
 */
import { z } from 'zod';
import type * as C from './contract';
import { FORMAT_CHOICES } from './model/imports';
import { INCIDENT_KINDS } from './model/incident-kinds';
import { ADDRESS_STATUSES } from './model/status';
import { EVENT_TYPES } from './model/event';
import type { Classification } from './model/category';

/** A method's request schema; its answer is a type only (the engine builds it, nobody parses it). */
export interface MethodSpec<Req, Res> {
  request: z.ZodType<Req>;
  /** never set: it carries the answer's type */
  readonly answer?: Res;
}

function method<Req, Res>(request: z.ZodType<Req>): MethodSpec<Req, Res> {
  return { request };
}

const lang = z.enum(['fr', 'en']);
const limit = z.number().int().positive();

/** An IANA zone the runtime knows (the engine would refuse it later, as a server failure). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
const timeZone = z.string().refine(isTimeZone, 'is not a time zone Rebond knows (for example Europe/Paris)');
// the engine's own rule (core/policy/time.ts requireInstant): what Date.parse reads is an instant
const instant = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 date-time such as 2021-02-12T00:00:00Z');
// unknown fields are dropped (z.object strips them): a newer page may send one this shell ignores
const nothing = z.object({});

/** The import options a shell may pass on (the browser host's `/host/import` takes these too). */
export const IMPORT_OPTIONS = z.object({
  format: z.enum(FORMAT_CHOICES).optional(),
  timeZone: timeZone.optional(),
  year: z.number().int().optional(),
  lang: lang.optional(),
});

export const ENGINE_METHOD_TABLE = {
  importFiles: method<C.ImportRequest, C.ImportSummary>(
    IMPORT_OPTIONS.extend({
      paths: z.custom<string[]>(
        (v) => Array.isArray(v) && v.length > 0 && v.every((p) => typeof p === 'string' && p !== ''),
        'must be a list of file paths',
      ),
      displayNames: z.array(z.string()).optional(),
    }),
  ),
  listImports: method<Record<string, never>, C.ImportRecord[]>(nothing),
  workspaceRepairs: method<Record<string, never>, C.WorkspaceRepair[]>(nothing),
  removeImport: method<{ id: number }, { removedEvents: number }>(z.object({ id: z.number().int() })),
  address: method<C.AddressRequest, C.AddressReport>(z.object({ address: z.string(), at: instant.optional(), lang: lang.optional() })),
  searchAddresses: method<{ query: string; limit?: number }, C.AddressSuggestion[]>(z.object({ query: z.string(), limit: limit.optional() })),
  addresses: method<C.AddressListRequest, C.AddressListEntry[]>(
    z.object({ status: z.enum(ADDRESS_STATUSES), at: instant.optional(), limit: limit.optional() }),
  ),
  addressList: method<C.AddressListViewRequest, C.AddressListView>(
    z.object({
      status: z.enum(['soft_quarantine', 'long_quarantine', 'blacklisted', 'filtered', 'unsubscribed']),
      domain: z.string().max(300).optional(),
      reason: z.string().max(100).optional(),
      at: instant.optional(),
      limit: limit.max(100_000).optional(),
    }),
  ),
  reconcile: method<C.ReconcileRequest, C.Reconciliation>(z.object({ at: instant.optional(), limit: limit.max(100_000).optional() })),
  addressesBehind: method<C.AddressesBehindRequest, C.AddressesBehind>(
    z.object({
      type: z.enum(EVENT_TYPES).optional(),
      domain: z.string().max(300).optional(),
      category: z.string().max(100).optional(),
      from: instant.optional(),
      to: instant.optional(),
      limit: limit.max(100_000).optional(),
    }),
  ),
  release: method<C.ReleaseRequest, C.ReleaseResult>(
    z.object({ address: z.string(), reason: z.string(), by: z.string().optional(), dryRun: z.boolean().optional(), lang: lang.optional() }),
  ),
  releaseRisk: method<C.ReleaseRiskRequest, C.ReleaseRiskResult>(z.object({ addresses: z.array(z.string()), campaignSize: limit.optional(), lang: lang.optional() })),
  overview: method<C.OverviewRequest, C.Overview>(
    z.object({ from: instant.optional(), to: instant.optional(), bucket: z.enum(['hour', 'day']).optional() }),
  ),
  incidents: method<C.IncidentsRequest, C.Incident[]>(
    z.object({ from: instant.optional(), to: instant.optional(), kind: z.enum(INCIDENT_KINDS).optional(), lang: lang.optional() }),
  ),
  incidentTouched: method<C.IncidentTouchedRequest, C.IncidentTouched>(z.object({ id: z.string().max(500), limit: limit.optional() })),
  addressIncidents: method<C.AddressIncidentsRequest, C.AddressIncident[]>(z.object({ address: z.string(), lang: lang.optional() })),
  domainFailures: method<C.DomainFailuresRequest, C.DomainFailures>(
    z.object({ from: instant.optional(), to: instant.optional(), domain: z.string().max(300).optional() }),
  ),
  classify: method<C.ClassifyRequest, Classification>(
    z.object({
      text: z.string().optional(),
      code: z.number().int().optional(),
      enhanced: z.string().optional(),
      email: z.string().optional(),
      hint: z.string().optional(),
    }),
  ),
  unknowns: method<{ limit?: number }, C.UnknownText[]>(z.object({ limit: limit.optional() })),
  reclassify: method<Record<string, never>, { events: number; changed: number; seconds: number }>(nothing),
  report: method<C.ReportRequest, C.ReportFile>(
    z.object({
      addresses: z.array(z.string()).min(1).max(500),
      format: z.enum(['md', 'html', 'pdf', 'csv']),
      lang: lang.optional(),
      at: instant.optional(),
      timeZone: timeZone.optional(),
    }),
  ),
  getSettings: method<Record<string, never>, C.Settings>(nothing),
  setSettings: method<Partial<C.Settings>, C.Settings>(
    z.object({
      lang: lang.optional(),
      timeZone: timeZone.optional(),
      policyPreset: z.enum(['default', 'strict']).optional(),
      policyFile: z.string().nullable().optional(),
    }),
  ),
};

type Table = typeof ENGINE_METHOD_TABLE;
export type EngineMethod = keyof Table;
export type EngineRequest<K extends EngineMethod> = Table[K] extends MethodSpec<infer Req, unknown> ? Req : never;
export type EngineResponse<K extends EngineMethod> = Table[K] extends MethodSpec<unknown, infer Res> ? Res : never;
export type EngineApi = { [K in EngineMethod]: (req: EngineRequest<K>) => Promise<EngineResponse<K>> };

/** The names a shell may carry: anything else is refused by the transports. */
export const ENGINE_METHODS = Object.keys(ENGINE_METHOD_TABLE) as EngineMethod[];

// stops compiling when a request type gains a field that its schema does not check
type UncheckedField = {
  [K in EngineMethod]: string extends keyof EngineRequest<K>
    ? never
    : Exclude<keyof EngineRequest<K>, keyof z.output<Table[K]['request']>>;
}[EngineMethod];
export const ALL_REQUESTS_CHECKED: [UncheckedField] extends [never] ? true : UncheckedField = true;

export function isEngineMethod(name: string): name is EngineMethod {
  return Object.hasOwn(ENGINE_METHOD_TABLE, name);
}

// ------------------------------------------------------------------ plain words

/** A request a shell will not pass to the engine: its message says which field is wrong and why. */
export class InvalidRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

const EXPECTED: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

function problem(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `“${issue.path.map(String).join('.')}”` : 'the request';
  switch (issue.code) {
    case 'invalid_type':
      return `${where} must be ${EXPECTED[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `${where} must be one of ${issue.values.map((v) => `“${String(v)}”`).join(', ')}`;
    case 'too_small':
    case 'too_big':
      return `${where} is out of range`;
    case 'custom':
      return `${where} ${issue.message}`;
    default:
      return `${where} is not valid`;
  }
}

/** `body` checked by `schema`, unknown fields dropped, or InvalidRequestError naming `what`. */
export function parseRequest<T>(schema: z.ZodType<T>, what: string, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new InvalidRequestError(`${what} is not valid: ${parsed.error.issues.map(problem).join('; ')}.`);
}

/** The request as the engine may receive it, or InvalidRequestError. */
export function checkRequest<K extends EngineMethod>(name: K, body: unknown): EngineRequest<K> {
  if (!isEngineMethod(name)) throw new InvalidRequestError(`Rebond has no method “${String(name)}”.`);
  return parseRequest(ENGINE_METHOD_TABLE[name].request as z.ZodType<EngineRequest<K>>, `The request to “${name}”`, body);
}

/**
 * The engine behind a door that checks every request by the table, as a shell in the same process
 * (the CLI) uses it: what the other shells refuse, it refuses too.
 */
export function checkedEngine<T extends EngineApi>(engine: T): T {
  return new Proxy(engine, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || !isEngineMethod(property) || typeof value !== 'function') return value;
      return (request: unknown) => (value as (r: unknown) => unknown).call(target, checkRequest(property, request));
    },
  });
}
