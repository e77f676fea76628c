/**
 * An address's story for the shells: its events from the store, its periods and status from
 * the policy (a pure function), the typo and disposable checks from the classifier, and the
 * explanation in the agent's language.
 */
import { stat } from 'node:fs/promises';
import type {
  AddressSuggestion,
  AddressListEntry,
  AddressListRequest,
  AddressReport,
  Lang,
  ReleaseRequest,
  ReleaseResult,
  ReleaseRiskRequest,
  ReleaseRiskResult,
  Settings,
  StatusAsOf,
} from '../contract';
import { checkAddress } from '../classify';
import { ticketAnswer } from './';
import { domainOf, normalizeAddress } from '../model/event';
import type { Release } from '../model/status';
import {
  estimateReleaseRisk,
  explainHistory,
  loadPolicyFile,
  presetPolicy,
  reconstructAddress,
  validateRelease,
  type ImportedListEntry,
  type Policy,
} from '../policy';
import type { Database } from '../store/database';
import { findProviderBlocks, providerBlockWindows } from '../incidents';
import { incidentSettingsOf } from '../policy/settings';
import type { ProviderBlockWindow } from '../policy/history';
import { medianCampaignSize } from '../store/overview';
import { eventsOfAddress } from '../store/events';
import { setwiseCounts, setwiseStatuses, type SetwiseOptions, type StatusCounts } from '../statuses';
import { allReleases, importedListOf, recordRelease, releasesOf, type ImportedListRow } from '../store/releases';
import { problem } from '../model/problems';
import { wordProblem } from '../model/problem-words';
import { lastEventTime as workspaceDataEnd } from '../store/events';

/** The policy the settings name: a preset, or the user's file (read again when it changes). */
const policyFiles = new Map<string, { mtimeMs: number; policy: Policy }>();
export async function activePolicy(settings: Settings): Promise<Policy> {
  if (!settings.policyFile) return presetPolicy(settings.policyPreset);
  const path = settings.policyFile;
  const mtimeMs = (await stat(path).catch(() => null))?.mtimeMs ?? -1;
  const cached = policyFiles.get(path);
  if (cached && cached.mtimeMs === mtimeMs) return cached.policy;
  const loaded = await loadPolicyFile(path);
  if (!loaded.ok) throw new Error(loaded.error.message);
  policyFiles.set(path, { mtimeMs, policy: loaded.policy });
  return loaded.policy;
}

function toImportedEntry(row: ImportedListRow): ImportedListEntry {
  return {
    address: row.address,
    status: row.status as ImportedListEntry['status'],
    since: row.since,
    source: { importId: row.importId, file: row.file, line: row.line },
  };
}

/** The provider blocks (core/incidents) the policy hears of: a hard bounce inside one is not the address's. */
async function providerBlocksOf(db: Database, policy: Policy, settings: Settings, domain: string | null): Promise<ProviderBlockWindow[]> {
  const all = providerBlockWindows(await findProviderBlocks(db, incidentSettingsOf(policy), settings.timeZone));
  return domain === null ? all : all.filter((b) => b.domain === domain);
}

/** What the policy replays for one address, read once: its status at any instant follows from it. */
async function inputsOf(db: Database, address: string, settings: Settings) {
  // one after another: the queries share the workspace's single connection
  const events = await eventsOfAddress(db, address);
  const releases = await releasesOf(db, address);
  const imported = (await importedListOf(db, address)).map(toImportedEntry);
  const policy = await activePolicy(settings);
  const checks = checkAddress(address, { bounced: events.some((e) => e.type === 'hard_bounce') });
  const providerBlocks = events.some((e) => e.type === 'hard_bounce') ? await providerBlocksOf(db, policy, settings, domainOf(address)) : [];
  return { address, events, releases, imported, disposable: checks.disposable, policy, providerBlocks, checks };
}

type AddressInputs = Awaited<ReturnType<typeof inputsOf>>;

function replay(inputs: AddressInputs, at?: string) {
  const { checks: _checks, ...input } = inputs;
  return reconstructAddress({ ...input, at });
}

async function historyOf(db: Database, address: string, settings: Settings, at?: string) {
  const inputs = await inputsOf(db, address, settings);
  return { events: inputs.events, history: replay(inputs, at), checks: inputs.checks };
}

export async function addressReport(
  db: Database,
  address: string,
  options: { at?: string; lang: Lang; timeZone: string; settings: Settings },
): Promise<AddressReport> {
  const inputs = await inputsOf(db, address, options.settings);
  const { events, checks } = inputs;
  const history = replay(inputs, options.at);
  const visible = options.at ? events.filter((e) => e.time <= new Date(options.at!).toISOString()) : events;
  // the ticket's question first: what happened to each message, and what to do (issue 16)
  const answer = ticketAnswer(
    {
      events: visible,
      periods: history.periods,
      excusedBounceTimes: history.excusedBounces.map((b) => b.time),
      address,
      domain: domainOf(address),
      status: history.status,
      until: history.until,
      unsubscribed: history.unsubscribed,
      typoSuggestion: checks.typoSuggestion,
      disposable: checks.disposable,
    },
    options.lang,
    options.timeZone,
  );
  // asked for today while the data ends before: the status at its end, when it is not today's
  const dataEnd = await workspaceDataEnd(db);
  let atDataEnd: StatusAsOf | null = null;
  // (not after a release since: the agent ended that status on purpose, and today's is the one to show)
  const releasedSince = dataEnd !== null && history.periods.some((p) => p.release && p.release.time > dataEnd);
  if (!options.at && dataEnd !== null && !releasedSince && Date.parse(dataEnd) < Date.now() && events.length > 0) {
    // the same events replayed to another instant: nothing to read again
    const then = replay(inputs, dataEnd);
    if (then.status !== history.status || then.until !== history.until) {
      atDataEnd = { at: dataEnd, status: then.status, until: then.until, explanation: explainHistory(then, options.lang, options.timeZone) };
    }
  }
  return {
    address,
    domain: domainOf(address),
    status: history.status,
    until: history.until,
    unsubscribed: history.unsubscribed,
    periods: history.periods,
    dataEnd,
    atDataEnd,
    explanation: explainHistory(history, options.lang, options.timeZone),
    typoSuggestion: checks.typoSuggestion,
    disposable: checks.disposable,
    events: visible,
    ...answer,
  };
}

/** Each suggested address's status (a handful: one history each), for the search box (issue 17). */
export async function withStatuses(db: Database, suggestions: AddressSuggestion[], settings: Settings): Promise<AddressSuggestion[]> {
  const out: AddressSuggestion[] = [];
  for (const s of suggestions) {
    const { history } = await historyOf(db, s.address, settings);
    out.push({ ...s, status: history.status, until: history.until });
  }
  return out;
}

/** What the set-wise pass needs besides the events: the policy and the small tables, read once. */
export async function setwiseOptions(db: Database, settings: Settings, at: string | undefined, withSettled: boolean): Promise<SetwiseOptions> {
  const policy = await activePolicy(settings);
  const releases = await allReleases(db);
  const imported = (await importedListOf(db, null)).map(toImportedEntry);
  const providerBlocks = await providerBlocksOf(db, policy, settings, null);
  return { policy, releases, imported, providerBlocks, isDisposable: (domain) => checkAddress(`x@${domain}`).disposable, at, withSettled };
}

/** Every address in a status, computed set-wise (core/statuses): DuckDB settles most, the policy replays the rest. */
export async function addressesInStatus(
  db: Database,
  request: AddressListRequest,
  settings: Settings,
): Promise<AddressListEntry[]> {
  const limit = request.limit ?? Number.POSITIVE_INFINITY;
  const out: AddressListEntry[] = [];
  // an address that nothing moved is `ok` (or `filtered`, by its domain): those two need them all
  const withSettled = request.status === 'ok' || request.status === 'filtered';
  const rows = await setwiseStatuses(db, await setwiseOptions(db, settings, request.at, withSettled));
  for (const row of rows) {
    // unsubscribed sits beside the status: an address can be quarantined *and* unsubscribed
    const listed = request.status === 'unsubscribed' ? row.unsubscribed : row.status === request.status;
    if (!listed) continue;
    out.push({ address: row.address, status: row.status, until: row.until, since: row.since, unsubscribed: row.unsubscribed });
    if (out.length >= limit) break;
  }
  return out;
}

/** How many addresses in each status and for which cause (the reconciliation's totals). */
export async function addressCounts(db: Database, request: { at?: string }, settings: Settings): Promise<StatusCounts> {
  return setwiseCounts(db, await setwiseOptions(db, settings, request.at, true));
}

const RELEASABLE = ['long_quarantine', 'blacklisted', 'soft_quarantine'] as const;

export async function releaseAddress(db: Database, request: ReleaseRequest, settings: Settings): Promise<ReleaseResult> {
  const address = normalizeAddress(request.address);
  const { history } = await historyOf(db, address, settings);
  const status = history.status;
  if (!(RELEASABLE as readonly string[]).includes(status)) {
    const nothing = problem('release.nothingToRelease', { address, status });
    return { ok: false, error: wordProblem(nothing, settings.lang), problem: nothing };
  }
  const by = request.by?.trim() || 'agent';
  const verdict = validateRelease({ history, status: status as Release['status'], reason: request.reason, by }, settings.lang);
  if (!verdict.ok) return { ok: false, error: verdict.error.message };
  const release: Release = {
    address,
    time: new Date().toISOString(),
    by,
    reason: request.reason.trim(),
    status: status as Release['status'],
  };
  if (!request.dryRun) await recordRelease(db, release);
  return { ok: true, release };
}

/** seed 002: what releasing these addresses into one campaign would do to its hard-bounce rate */
export async function releaseRisk(db: Database, request: ReleaseRiskRequest, settings: Settings): Promise<ReleaseRiskResult> {
  const histories = [];
  for (const raw of request.addresses) histories.push((await historyOf(db, normalizeAddress(raw), settings)).history);
  const campaignSize = request.campaignSize ?? (await medianCampaignSize(db)) ?? 1000;
  const risk = estimateReleaseRisk({ addresses: histories, campaignSize });
  return { ...risk, message: risk.message[settings.lang] };
}
