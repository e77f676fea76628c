/**
 * The quarantine policy as data (SPEC §5, seed 002; seed 004 for the strict preset). Every number
 * the reconstruction uses lives here, so that a support team can edit it in a settings file.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export const POLICY_PRESETS = ['default', 'strict'] as const;
export type PolicyPresetName = (typeof POLICY_PRESETS)[number];

export interface Policy {
  /** `default`, `strict`, or `custom` when a settings file changed something */
  name: PolicyPresetName | 'custom';
  /** seed 002: 1, 2, 4, 8, 16 weeks for the 1st..5th temporary quarantine */
  softQuarantineDays: number[];
  /** seed 002: soft bounces still coming after this many temporary quarantines → long quarantine */
  longAfterSoftQuarantines: number;
  /** seed 002: "gros domaine type @gmail.com": a hard bounce there is reliable. `*` = any TLD. */
  majorDomains: string[];
  /** seed 002: hard bounces (since the last delivery) that put an address in long quarantine */
  hardBouncesBeforeLongQuarantine: { major: number; other: number };
  /** seed 003: a `mailbox_full` deferral counts like a soft bounce */
  mailboxFullDeferralQuarantines: boolean;
  /** seed 003 / SPEC §4: mailbox_full bounces are soft, but a team may treat them as hard */
  mailboxFullAs: 'soft' | 'hard';
  /** SPEC §4 `expired`: "policy decides". true: an expiry counts as a soft bounce */
  expiredCountsAsSoft: boolean;
  /** seed 002: yopmail-type domains are filtered */
  filterDisposable: boolean;
  /** a delivery during a temporary quarantine proves the mailbox works again: end it there */
  deliveryEndsSoftQuarantine: boolean;
  /** an open or a click proves the message was delivered (AssoConnect reports list `Ouvert` rows only) */
  engagementCountsAsDelivery: boolean;
  /** forget the soft escalation after this many days without a counting soft bounce; null: never */
  escalationResetAfterDays: number | null;
  /** platform incident thresholds (SPEC §6); absent: DEFAULT_INCIDENT_SETTINGS */
  incidents?: IncidentSettings;
}

/**
 * What makes a platform incident (SPEC §6, §11.2, §11.9): every threshold the detectors in
 * core/incidents/ apply. Rates are fractions (0.003 is 0.3 %); every rate has a minimum volume.
 */
export interface IncidentSettings {
  throttling: {
    /** hours whose sending rate stays within this fraction of one value are "held" at it (a rate limiter is exact; demand is not) */
    capTolerance: number;
    /** a cap must be at most this fraction of the usual busy-hour rate of those days */
    maxCapShareOfUsual: number;
    /** caps below this many messages an hour are noise, not a limit */
    minCapPerHour: number;
    /** a held stretch shorter than this is chance */
    minRunHours: number;
    /** held hours a window needs in all */
    minHeldHours: number;
    /** held stretches at the same cap this close together are one window (nights the backlog emptied) */
    mergeGapHours: number;
    /** the backlog drained right after: the next hours sent at least this many times the cap */
    drainFactor: number;
    /** a complaint spike that ended at most this long before the window is the rise that preceded it */
    complaintLookbackHours: number;
  };
  complaints: {
    warningRate: number;
    limitRate: number;
    /** messages a day (or a campaign) needs before its rate means something */
    minMessages: number;
    minComplaints: number;
  };
  deferrals: {
    /** attempts at one domain in one hour before its deferral rate means something */
    minAttempts: number;
    minDeferred: number;
    /** the hour's deferral rate must be at least this… */
    minRate: number;
    /** …and this many times the domain's usual rate (its other days) */
    ratioToUsual: number;
  };
  bounces: {
    /** seed 002: a campaign's hard-bounce rate above 1 % */
    campaignHardBounceRate: number;
    minMessages: number;
  };
  delay: {
    /** seconds: a password-reset mail must arrive within minutes */
    p95Seconds: number;
    /** deliveries an hour needs before its percentile means something */
    minMessages: number;
  };
  providerBlock: {
    /** hard bounces at one domain in one hour */
    minBounces: number;
    /** share of the domain's attempts that hour that bounced hard */
    minRate: number;
    /** and this many times the domain's usual hard-bounce rate */
    ratioToUsual: number;
    /** "delivered shortly before": a delivery to the address within this many days */
    recentDeliveryDays: number;
    /** share of the bounced addresses that had such a delivery */
    minRecentlyDeliveredShare: number;
    /** SPEC §6: such bounces do not count against the addresses, by default */
    countsAgainstAddress: boolean;
  };
}

export const DEFAULT_INCIDENT_SETTINGS: Readonly<IncidentSettings> = Object.freeze({
  throttling: {
    capTolerance: 0.01,
    maxCapShareOfUsual: 0.7,
    minCapPerHour: 5,
    minRunHours: 3,
    minHeldHours: 12,
    mergeGapHours: 18,
    drainFactor: 1.5,
    complaintLookbackHours: 48,
  },
  complaints: { warningRate: 0.001, limitRate: 0.003, minMessages: 100, minComplaints: 5 },
  deferrals: { minAttempts: 20, minDeferred: 10, minRate: 0.2, ratioToUsual: 3 },
  bounces: { campaignHardBounceRate: 0.01, minMessages: 200 },
  delay: { p95Seconds: 900, minMessages: 20 },
  providerBlock: { minBounces: 10, minRate: 0.2, ratioToUsual: 10, recentDeliveryDays: 7, minRecentlyDeliveredShare: 0.5, countsAgainstAddress: false },
}) as IncidentSettings;

/** The policy's incident settings, the defaults where it has none. */
export function incidentSettingsOf(policy: Pick<Policy, 'incidents'>): IncidentSettings {
  return policy.incidents ?? DEFAULT_INCIDENT_SETTINGS;
}

/** Seed 002's list, plus the French ISPs of seed 001 and the big webmails. */
export const MAJOR_DOMAINS: readonly string[] = [
  'gmail.com',
  'googlemail.com',
  'hotmail.*',
  'outlook.*',
  'live.*',
  'msn.com',
  'yahoo.*',
  'ymail.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'sfr.fr',
  'neuf.fr',
  'laposte.net',
  'gmx.*',
  'web.de',
  'bbox.fr',
];

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  name: 'default',
  softQuarantineDays: [7, 14, 28, 56, 112],
  longAfterSoftQuarantines: 5,
  majorDomains: [...MAJOR_DOMAINS],
  hardBouncesBeforeLongQuarantine: { major: 1, other: 2 },
  mailboxFullDeferralQuarantines: true,
  mailboxFullAs: 'soft',
  expiredCountsAsSoft: false,
  filterDisposable: true,
  deliveryEndsSoftQuarantine: true,
  engagementCountsAsDelivery: true,
  escalationResetAfterDays: null,
}) as Policy;

/** Seed 004 (Ximi): the first hard bounce anywhere blocks the address. */
export const STRICT_POLICY: Readonly<Policy> = Object.freeze({
  ...DEFAULT_POLICY,
  name: 'strict',
  majorDomains: [...MAJOR_DOMAINS],
  softQuarantineDays: [...DEFAULT_POLICY.softQuarantineDays],
  hardBouncesBeforeLongQuarantine: { major: 1, other: 1 },
}) as Policy;

export function presetPolicy(name: PolicyPresetName): Policy {
  const base = name === 'strict' ? STRICT_POLICY : DEFAULT_POLICY;
  return {
    ...base,
    softQuarantineDays: [...base.softQuarantineDays],
    majorDomains: [...base.majorDomains],
    hardBouncesBeforeLongQuarantine: { ...base.hardBouncesBeforeLongQuarantine },
  };
}

// ---------------------------------------------------------------------------------------------
// The settings file: a preset name plus any field to override, validated with plain-words errors.

const days = z.number().int().min(1).max(3650);
const count = z.number().int().min(1).max(1000);
const domainPattern = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(\.\*)?$|^[a-z0-9-]+\.\*$/, 'domain pattern');

const share = z.number().min(0).max(1);
const positive = z.number().min(0).max(1_000_000);
const incidentSettingsSchema = z
  .strictObject({
    throttling: z
      .strictObject({
        capTolerance: share,
        maxCapShareOfUsual: share,
        minCapPerHour: positive,
        minRunHours: positive,
        minHeldHours: positive,
        mergeGapHours: positive,
        drainFactor: positive,
        complaintLookbackHours: positive,
      })
      .partial(),
    complaints: z.strictObject({ warningRate: share, limitRate: share, minMessages: positive, minComplaints: positive }).partial(),
    deferrals: z.strictObject({ minAttempts: positive, minDeferred: positive, minRate: share, ratioToUsual: positive }).partial(),
    bounces: z.strictObject({ campaignHardBounceRate: share, minMessages: positive }).partial(),
    delay: z.strictObject({ p95Seconds: positive, minMessages: positive }).partial(),
    providerBlock: z
      .strictObject({
        minBounces: positive,
        minRate: share,
        ratioToUsual: positive,
        recentDeliveryDays: positive,
        minRecentlyDeliveredShare: share,
        countsAgainstAddress: z.boolean(),
      })
      .partial(),
  })
  .partial();

const policyFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    preset: z.enum(POLICY_PRESETS).optional(),
    softQuarantineDays: z.array(days).min(1).max(20).optional(),
    longAfterSoftQuarantines: z.number().int().min(0).max(20).optional(),
    majorDomains: z.array(domainPattern).max(10_000).optional(),
    hardBouncesBeforeLongQuarantine: z.strictObject({ major: count, other: count }).partial().optional(),
    mailboxFullDeferralQuarantines: z.boolean().optional(),
    mailboxFullAs: z.enum(['soft', 'hard']).optional(),
    expiredCountsAsSoft: z.boolean().optional(),
    filterDisposable: z.boolean().optional(),
    deliveryEndsSoftQuarantine: z.boolean().optional(),
    engagementCountsAsDelivery: z.boolean().optional(),
    escalationResetAfterDays: days.nullable().optional(),
    incidents: incidentSettingsSchema.optional(),
  });

export interface PolicyIssue {
  /** dotted path of the setting, e.g. `softQuarantineDays.2` ("" for the whole file) */
  field: string;
  problem: string;
}

export interface PolicyError {
  file: string | null;
  /** one readable paragraph: `settings.json: softQuarantineDays.2: must be a whole number…` */
  message: string;
  issues: PolicyIssue[];
}

export type PolicyResult = { ok: true; policy: Policy } | { ok: false; error: PolicyError };

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text "${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

const EXPECTED_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a text in quotes',
  boolean: 'true or false',
  array: 'a list in [ ]',
  object: 'an object in { }',
  null: 'null',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** zod issue → the problem in words a support agent reads without knowing zod. */
function plainProblem(issue: z.core.$ZodIssue, root: unknown): string {
  const found = valueAt(root, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      return found === undefined ? `is missing (expected ${expected})` : `must be ${expected}, not ${describeValue(found)}`;
    }
    case 'too_small': {
      if (issue.origin === 'array') return `must list at least ${String(issue.minimum)} ${Number(issue.minimum) === 1 ? 'value' : 'values'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${String(issue.minimum)}, not ${describeValue(found)}`;
    }
    case 'too_big': {
      if (issue.origin === 'array') return `must list at most ${String(issue.maximum)} values`;
      return `must be at most ${String(issue.maximum)}, not ${describeValue(found)}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => `"${String(v)}"`).join(', ')}, not ${describeValue(found)}`;
    case 'unrecognized_keys':
      return `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
    case 'invalid_format':
      return `is not a domain or a pattern like "hotmail.*": ${describeValue(found)}`;
    default:
      return issue.message;
  }
}

function fail(file: string | null, issues: PolicyIssue[]): { ok: false; error: PolicyError } {
  const where = file ? `${file}: ` : '';
  const lines = issues.map((i) => (i.field ? `${i.field}: ${i.problem}` : i.problem));
  return {
    ok: false,
    error: { file, issues, message: `${where}the policy settings are not valid — ${lines.join('; ')}.` },
  };
}

/**
 * A settings object (parsed JSON) → a full policy: the preset (`default` unless `preset` says
 * otherwise) with the file's fields on top. Never throws.
 */
export function parsePolicy(json: unknown, fileName?: string): PolicyResult {
  const file = fileName ?? null;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return fail(file, [{ field: '', problem: `the file must hold one JSON object { … }, not ${describeValue(json)}` }]);
  }
  const parsed = policyFileSchema.safeParse(json);
  if (!parsed.success) {
    return fail(
      file,
      parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), problem: plainProblem(issue, json) })),
    );
  }
  const f = parsed.data;
  const base = presetPolicy(f.preset ?? 'default');
  const policy: Policy = {
    ...base,
    softQuarantineDays: f.softQuarantineDays ?? base.softQuarantineDays,
    longAfterSoftQuarantines: f.longAfterSoftQuarantines ?? base.longAfterSoftQuarantines,
    majorDomains: f.majorDomains ?? base.majorDomains,
    hardBouncesBeforeLongQuarantine: { ...base.hardBouncesBeforeLongQuarantine, ...f.hardBouncesBeforeLongQuarantine },
    mailboxFullDeferralQuarantines: f.mailboxFullDeferralQuarantines ?? base.mailboxFullDeferralQuarantines,
    mailboxFullAs: f.mailboxFullAs ?? base.mailboxFullAs,
    expiredCountsAsSoft: f.expiredCountsAsSoft ?? base.expiredCountsAsSoft,
    filterDisposable: f.filterDisposable ?? base.filterDisposable,
    deliveryEndsSoftQuarantine: f.deliveryEndsSoftQuarantine ?? base.deliveryEndsSoftQuarantine,
    engagementCountsAsDelivery: f.engagementCountsAsDelivery ?? base.engagementCountsAsDelivery,
    escalationResetAfterDays:
      f.escalationResetAfterDays === undefined ? base.escalationResetAfterDays : f.escalationResetAfterDays,
  };
  if (f.incidents) {
    const d = DEFAULT_INCIDENT_SETTINGS;
    const i = f.incidents;
    policy.incidents = {
      throttling: { ...d.throttling, ...i.throttling },
      complaints: { ...d.complaints, ...i.complaints },
      deferrals: { ...d.deferrals, ...i.deferrals },
      bounces: { ...d.bounces, ...i.bounces },
      delay: { ...d.delay, ...i.delay },
      providerBlock: { ...d.providerBlock, ...i.providerBlock },
    };
  }
  const issues: PolicyIssue[] = [];
  if (policy.longAfterSoftQuarantines > policy.softQuarantineDays.length) {
    issues.push({
      field: 'longAfterSoftQuarantines',
      problem: `is ${policy.longAfterSoftQuarantines} but softQuarantineDays gives only ${policy.softQuarantineDays.length} durations: give one duration per temporary quarantine`,
    });
  }
  if (issues.length > 0) return fail(file, issues);
  const changed = Object.keys(f).some((k) => k !== 'preset' && k !== '$schema');
  policy.name = changed ? 'custom' : base.name;
  return { ok: true, policy };
}

/** Reads the user's policy settings file (JSON). Never throws: a missing or broken file is an error value. */
export async function loadPolicyFile(path: string): Promise<PolicyResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT' ? 'the file does not exist' : code === 'EACCES' ? 'the file cannot be read (permission denied)' : `the file cannot be read (${String(code ?? err)})`;
    return fail(path, [{ field: '', problem }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return fail(path, [{ field: '', problem: `the file is not valid JSON (${(err as Error).message})` }]);
  }
  return parsePolicy(json, path);
}

// ---------------------------------------------------------------------------------------------
// Major domains: `hotmail.*` means hotmail followed by any TLD (hotmail.fr, hotmail.co.uk).

const matcherCache = new WeakMap<readonly string[], (domain: string) => boolean>();

function compileMajorDomains(patterns: readonly string[]): (domain: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = []; // `hotmail.` for `hotmail.*`
  const suffixes: string[] = []; // `.example.com` for `*.example.com`
  for (const raw of patterns) {
    const p = raw.trim().toLowerCase();
    if (p.endsWith('.*')) prefixes.push(p.slice(0, -1));
    else if (p.startsWith('*.')) suffixes.push(p.slice(1));
    else exact.add(p);
  }
  const cache = new Map<string, boolean>();
  return (domain: string): boolean => {
    let hit = cache.get(domain);
    if (hit !== undefined) return hit;
    const d = domain.toLowerCase();
    hit =
      exact.has(d) ||
      prefixes.some((p) => d.startsWith(p) && d.length > p.length) ||
      suffixes.some((s) => d.endsWith(s) && d.length > s.length);
    if (cache.size > 100_000) cache.clear();
    cache.set(domain, hit);
    return hit;
  };
}

/** Whether the policy treats this domain's hard bounces as reliable at once (seed 002 "gros domaine"). */
export function isMajorDomain(domain: string, policy: Pick<Policy, 'majorDomains'>): boolean {
  let match = matcherCache.get(policy.majorDomains);
  if (!match) {
    match = compileMajorDomains(policy.majorDomains);
    matcherCache.set(policy.majorDomains, match);
  }
  return match(domain);
}
