/**
 * Request bodies at the browser host's door: JSON objects of the shape each Engine method takes,
 * checked before the engine sees them. The engine trusts its shells' types; over HTTP anything
 * may arrive, and `{"address": 5}` should be told what is wrong, not fail on a `.trim()` deep
 * inside the engine.
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { INCIDENT_KINDS, type EngineMethod, type EngineRequest, type FormatChoice } from '../contract';
import { ADDRESS_STATUSES } from '../model/status';
import { HttpError } from './public-errors';

const MAX_JSON_BYTES = 10 * 1024 * 1024;

export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  // a JSON content type cannot be sent by a plain HTML form: one more wall against cross-site posts
  if (!type.startsWith('application/json')) throw new HttpError(415, 'Requests must be JSON.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) throw new HttpError(413, 'The request is too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, 'The request is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'The request must be a JSON object { … }.');
  return value as Record<string, unknown>;
}

// ------------------------------------------------------------------ the shapes

const FORMAT_CHOICES = ['auto', 'mailjet', 'mailjet-history', 'assoconnect', 'postfix', 'exim', 'powermta'] as const satisfies readonly FormatChoice[];
type UnlistedFormat = Exclude<FormatChoice, (typeof FORMAT_CHOICES)[number]>;
export const ALL_FORMATS_LISTED: UnlistedFormat extends never ? true : UnlistedFormat = true;

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
// unknown fields are dropped (z.object strips them): a newer page may send one this host ignores
const nothing = z.object({});

/**
 * One shape per method the browser may call. importFiles is not here: it opens whatever paths it
 * is given, and a page has no business naming files on this machine (see `/host/import`).
 */
const SHAPES = {
  listImports: nothing,
  workspaceRepairs: nothing,
  removeImport: z.object({ id: z.number().int() }),
  address: z.object({ address: z.string(), at: instant.optional(), lang: lang.optional() }),
  searchAddresses: z.object({ query: z.string(), limit: limit.optional() }),
  addresses: z.object({ status: z.enum(ADDRESS_STATUSES), at: instant.optional(), limit: limit.optional() }),
  release: z.object({ address: z.string(), reason: z.string(), by: z.string().optional(), dryRun: z.boolean().optional(), lang: lang.optional() }),
  releaseRisk: z.object({ addresses: z.array(z.string()), campaignSize: limit.optional(), lang: lang.optional() }),
  overview: z.object({ from: instant.optional(), to: instant.optional(), bucket: z.enum(['hour', 'day']).optional() }),
  incidents: z.object({ from: instant.optional(), to: instant.optional(), kind: z.enum(INCIDENT_KINDS).optional(), lang: lang.optional() }),
  incidentTouched: z.object({ id: z.string().max(500), limit: limit.optional() }),
  addressIncidents: z.object({ address: z.string(), lang: lang.optional() }),
  domainFailures: z.object({ from: instant.optional(), to: instant.optional(), domain: z.string().max(300).optional() }),
  classify: z.object({
    text: z.string().optional(),
    code: z.number().int().optional(),
    enhanced: z.string().optional(),
    email: z.string().optional(),
    hint: z.string().optional(),
  }),
  unknowns: z.object({ limit: limit.optional() }),
  reclassify: nothing,
  report: z.object({
    addresses: z.array(z.string()).min(1).max(500),
    format: z.enum(['md', 'html', 'pdf', 'csv']),
    lang: lang.optional(),
    at: instant.optional(),
    timeZone: timeZone.optional(),
  }),
  getSettings: nothing,
  setSettings: z.object({
    lang: lang.optional(),
    timeZone: timeZone.optional(),
    policyPreset: z.enum(['default', 'strict']).optional(),
    policyFile: z.string().nullable().optional(),
  }),
} satisfies { [K in Exclude<EngineMethod, 'importFiles'>]: z.ZodType<EngineRequest<K>> };

export type BrowserMethod = keyof typeof SHAPES;

// stops compiling when the contract gains a method, or a request a field, that no shape checks
type Unshaped = Exclude<EngineMethod, BrowserMethod | 'importFiles'>;
type UncheckedField = {
  [K in BrowserMethod]: string extends keyof EngineRequest<K> ? never : Exclude<keyof EngineRequest<K>, keyof z.output<(typeof SHAPES)[K]>>;
}[BrowserMethod];
export const ALL_REQUESTS_SHAPED: [Unshaped, UncheckedField] extends [never, never] ? true : [Unshaped, UncheckedField] = true;

export function isBrowserMethod(name: string): name is BrowserMethod {
  return Object.hasOwn(SHAPES, name);
}

/** `/host/import`: the uploads to import (ids from `/host/upload`) and the import options. */
const IMPORT_UPLOADS = z.object({
  uploads: z.array(z.string()),
  format: z.enum(FORMAT_CHOICES).optional(),
  timeZone: timeZone.optional(),
  year: z.number().int().optional(),
  lang: lang.optional(),
});
export type ImportUploadsRequest = z.output<typeof IMPORT_UPLOADS>;

// ------------------------------------------------------------------ plain words

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

function parse<T>(shape: z.ZodType<T>, what: string, body: unknown): T {
  const parsed = shape.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new HttpError(400, `${what} is not valid: ${parsed.error.issues.map(problem).join('; ')}.`);
}

export function engineRequest<K extends BrowserMethod>(method: K, body: unknown): EngineRequest<K> {
  return parse(SHAPES[method] as z.ZodType<EngineRequest<K>>, `The request to “${method}”`, body);
}

export function importUploadsRequest(body: unknown): ImportUploadsRequest {
  return parse(IMPORT_UPLOADS, 'The import request', body);
}
