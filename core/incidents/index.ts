/**
 * Platform incidents (SPEC §6), a read model beside the overview: the store's aggregates
 * (core/store/hourly.ts) through the pure detectors of this folder, then the evidence — a few
 * example events with their server texts — for each incident found. Kept until the workspace
 * changes (Database.remember), so the address page and the overview share one computation.
 */
import type { AddressIncident, Incident, IncidentKind, IncidentTouched, Lang } from '../contract';
import type { DeliveryEvent } from '../model/event';
import type { Database } from '../store/database';
import type { EventType } from '../model/event';
import type { IncidentSettings } from '../policy/settings';
import type { ProviderBlockWindow } from '../policy/history';
import { campaignHardBouncesIn, campaignTotals, domainHours as domainHourRows, exampleEvents, hourlyBySource, hourlyDelays, recentlyDelivered, touchedBy, type ExampleRow, type Window } from '../store/hourly';
import { eventsState } from '../store/events';
import { detectThrottling } from './throttling';
import { dailyComplaints, detectComplaintSpikes } from './complaint-spike';
import { domainHours } from './domain-hours';
import { detectDeferralSurges } from './deferral-surge';
import { blockCandidates, candidateWindows, confirmProviderBlocks } from './provider-block';
import { detectBounceRates } from './bounce-rate';
import { detectDelays } from './delay';
import { addressSentence } from './address-sentence';
import type { Detected } from './types';

/** REBOND_PROFILE=1 prints how long each step took (on standard error). */
function profiler(): (step: string) => void {
  if (process.env.REBOND_PROFILE !== '1') return () => undefined;
  let last = performance.now();
  return (step) => {
    const now = performance.now();
    process.stderr.write(`incidents: ${step} ${(now - last).toFixed(0)} ms\n`);
    last = now;
  };
}

/** An incident found, with its id: all the policy needs of it (the provider blocks). */
export interface FoundIncident extends Detected {
  id: string;
}

/** An incident with its evidence: the example events the screens and the report show. */
export interface ComputedIncident extends FoundIncident {
  examples: ExampleRow[];
}

const ORDER: IncidentKind[] = ['throttling', 'complaint_spike', 'deferral_surge', 'bounce_rate', 'delay', 'provider_block'];

const SERIES_LABEL: Record<IncidentKind, { fr: string; en: string }> = {
  throttling: { fr: 'messages envoyés par heure (volume : le débit habituel de cette heure)', en: 'messages sent per hour (volume: the usual rate of that hour)' },
  complaint_spike: { fr: 'taux de plaintes par jour (volume : e-mails délivrés)', en: 'complaint rate per day (volume: delivered)' },
  deferral_surge: { fr: 'part des tentatives différées par heure (volume : tentatives)', en: 'share of attempts deferred per hour (volume: attempts)' },
  bounce_rate: { fr: '', en: '' },
  delay: { fr: '95ᵉ centile du délai en secondes par heure de mise en file (volume : e-mails)', en: '95th percentile delay in seconds per hour queued (volume: messages)' },
  provider_block: { fr: 'part des envois rejetés définitivement par heure (volume : envois)', en: 'share of sends hard-bounced per hour (volume: sends)' },
};

function idOf(d: Detected): string {
  return `${d.kind}:${new Date(d.start).toISOString()}:${d.scope.domain ?? d.scope.campaign ?? 'platform'}`;
}

/** The window and scope whose events are an incident's evidence. */
export function windowOf(d: Pick<Detected, 'kind' | 'start' | 'end' | 'scope' | 'metrics'>): Window {
  // delays are counted by the hour mail was queued: its deliveries come after
  const late = d.kind === 'delay' ? Number(d.metrics.maxSeconds ?? 0) * 1000 : 0;
  return { domain: d.scope.domain, campaign: d.scope.campaign, start: new Date(d.start).toISOString(), end: new Date(d.end + late).toISOString() };
}

/** The hours of each domain, as the deferral and provider-block detectors read them. */
async function domainsOf(db: Database, settings: IncidentSettings) {
  const rows = await domainHourRows(db, {
    minAttempts: settings.deferrals.minAttempts,
    minDeferred: settings.deferrals.minDeferred,
    minDeferralRate: settings.deferrals.minRate,
    minBounces: settings.providerBlock.minBounces,
    minBounceRate: settings.providerBlock.minRate,
    around: 12,
  });
  return domainHours(rows.hours, rows.days);
}

/** The provider blocks among the domains' hours: candidates confirmed by the addresses' deliveries before. */
async function providerBlocksIn(db: Database, domains: ReturnType<typeof domainHours>, settings: IncidentSettings, timeZone: string): Promise<Detected[]> {
  const candidates = blockCandidates(domains, settings.providerBlock);
  const recent = await recentlyDelivered(db, candidateWindows(candidates), settings.providerBlock.recentDeliveryDays);
  return confirmProviderBlocks(candidates, recent, settings.providerBlock, timeZone);
}

const withId = (d: Detected): FoundIncident => ({ ...d, id: idOf(d) });

async function detectAll(db: Database, settings: IncidentSettings, timeZone: string): Promise<FoundIncident[]> {
  const lap = profiler();
  // one after another: the queries share the workspace's single connection
  const sourceHours = await hourlyBySource(db);
  lap('hourlyBySource');
  if (sourceHours.length === 0) return [];
  const domains = await domainsOf(db, settings);
  lap('hourlyByDomain');
  const campaigns = await campaignTotals(db);
  lap('campaignTotals');
  const delays = await hourlyDelays(db);
  lap('hourlyDelays');

  const days = dailyComplaints(sourceHours, timeZone);
  const complaints = detectComplaintSpikes(days, campaigns, settings.complaints, timeZone);
  const rises = complaints
    .filter((c) => !c.scope.campaign)
    .map((c) => ({ start: c.start, end: c.end, rate: Number(c.metrics.rate), complaints: Number(c.metrics.complaints), delivered: Number(c.metrics.delivered) }));
  const blocks = await providerBlocksIn(db, domains, settings, timeZone);
  const inBlocks = await campaignHardBouncesIn(db, blocks.map((b) => windowOf(b)));
  lap('provider blocks');

  const found: Detected[] = [
    ...detectThrottling(sourceHours, settings.throttling, timeZone, rises),
    ...complaints,
    ...detectDeferralSurges(domains, settings.deferrals, timeZone),
    ...detectBounceRates(campaigns, inBlocks, settings.bounces),
    ...detectDelays(delays, settings.delay, timeZone),
    ...blocks,
  ];
  found.sort((a, b) => a.start - b.start || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  lap('detectors');
  return found.map(withId);
}

/**
 * Each incident's example events. Apart from the detection: at 11,000,000 events they took 1.8 s
 * of a first answer (each one a scan of the events' times), and the set-wise statuses, which only
 * need the provider blocks, never show them.
 */
async function withExamples(db: Database, found: readonly FoundIncident[]): Promise<ComputedIncident[]> {
  const lap = profiler();
  const out: ComputedIncident[] = [];
  for (const d of found) out.push({ ...d, examples: await exampleEvents(db, windowOf(d), d.exampleTypes as EventType[], 3, d.kind === 'delay') });
  lap(`examples of ${found.length}`);
  return out;
}

/**
 * Incidents are kept per workspace until its events change: the key is what the store holds (its
 * event count and imports, both read from DuckDB's metadata in a millisecond) plus the settings.
 * A release or a settings change writes to the store but does not move an incident; a reclassify
 * does, and says so with forgetIncidents(). Each part (the incidents, their examples, the provider
 * blocks alone) is computed when first asked.
 */
interface Kept {
  key: string;
  found: Promise<FoundIncident[]> | null;
  computed: Promise<ComputedIncident[]> | null;
  blocks: Promise<FoundIncident[]> | null;
}
const kept = new WeakMap<Database, Kept>();

async function keptFor(db: Database, settings: IncidentSettings, timeZone: string): Promise<Kept> {
  const key = `${await eventsState(db)}:${timeZone}:${JSON.stringify(settings)}`;
  const known = kept.get(db);
  if (known && known.key === key) return known;
  const entry: Kept = { key, found: null, computed: null, blocks: null };
  kept.set(db, entry);
  return entry;
}

/** A part computed once; forgotten if it failed, so that the next ask tries again. */
function once<K extends 'found' | 'computed' | 'blocks'>(entry: Kept, part: K, compute: () => NonNullable<Kept[K]>): NonNullable<Kept[K]> {
  const known = entry[part];
  if (known) return known as NonNullable<Kept[K]>;
  const value = compute();
  entry[part] = value;
  value.catch(() => {
    if (entry[part] === value) entry[part] = null;
  });
  return value;
}

/** Every incident of the workspace with its examples, computed once per state of the store. */
export async function computeIncidents(db: Database, settings: IncidentSettings, timeZone: string): Promise<ComputedIncident[]> {
  const entry = await keptFor(db, settings, timeZone);
  return once(entry, 'computed', () => once(entry, 'found', () => detectAll(db, settings, timeZone)).then((found) => withExamples(db, found)));
}

/**
 * The provider blocks alone, the only incidents the policy hears of: the same detector on the same
 * hours as `computeIncidents`, without the other detectors' queries (about half of the incidents' time
 * on a first set-wise answer at 11,000,000 events). Taken from the incidents when already found.
 */
export async function findProviderBlocks(db: Database, settings: IncidentSettings, timeZone: string): Promise<FoundIncident[]> {
  const entry = await keptFor(db, settings, timeZone);
  if (entry.found) return (await entry.found).filter((d) => d.kind === 'provider_block');
  return once(entry, 'blocks', async () => {
    if ((await hourlyBySource(db)).length === 0) return [];
    const blocks = await providerBlocksIn(db, await domainsOf(db, settings), settings, timeZone);
    return blocks.sort((a, b) => a.start - b.start).map(withId);
  });
}

/** The store's events changed in place (reclassify): the incidents are computed again when asked. */
export function forgetIncidents(db: Database): void {
  kept.delete(db);
}

export function toPublic(d: ComputedIncident, lang: Lang): Incident {
  return {
    id: d.id,
    kind: d.kind,
    start: new Date(d.start).toISOString(),
    end: new Date(d.end).toISOString(),
    scope: { ...d.scope },
    metrics: { ...d.metrics },
    summary: d.summary[lang],
    seriesLabel: SERIES_LABEL[d.kind][lang],
    series: d.series,
    examples: d.examples,
  };
}

export function selectIncidents(all: readonly ComputedIncident[], request: { from?: string; to?: string; kind?: IncidentKind }): ComputedIncident[] {
  const from = request.from ? Date.parse(request.from) : Number.NEGATIVE_INFINITY;
  const to = request.to ? Date.parse(request.to) : Number.POSITIVE_INFINITY;
  return all.filter((d) => d.end > from && d.start < to && (!request.kind || d.kind === request.kind));
}

/** The provider blocks, as the policy takes them. */
export function providerBlockWindows(all: readonly FoundIncident[]): ProviderBlockWindow[] {
  return all
    .filter((d) => d.kind === 'provider_block' && d.scope.domain)
    .map((d) => ({ id: d.id, domain: d.scope.domain!, start: new Date(d.start).toISOString(), end: new Date(d.end).toISOString(), addresses: Number(d.metrics.addresses ?? 0) }));
}

export async function incidentTouched(db: Database, incident: ComputedIncident, limit: number): Promise<IncidentTouched> {
  const types: EventType[] = incident.kind === 'throttling' || incident.kind === 'delay' ? ['delivered'] : incident.kind === 'bounce_rate' ? ['hard_bounce'] : (incident.exampleTypes as EventType[]);
  const touched = await touchedBy(db, windowOf(incident), types, limit);
  return {
    id: incident.id,
    addressCount: touched.addressCount,
    addresses: touched.addresses.map((a) => ({ address: a.key, events: a.events })),
    campaigns: touched.campaigns.map((c) => ({ campaign: c.key, events: c.events })),
  };
}

/** The incidents that touched one address's messages, each said in a sentence for the ticket. */
export function incidentsOfAddress(all: readonly ComputedIncident[], events: readonly DeliveryEvent[], lang: Lang, timeZone: string): AddressIncident[] {
  const out: AddressIncident[] = [];
  // each event's instant read once, not once per incident (a report asks for 20 addresses × 1,000 events)
  let times: number[] | null = null;
  for (const d of all) {
    const window = windowOf(d);
    const start = Date.parse(window.start);
    const end = Date.parse(window.end);
    const wanted = new Set<string>(d.kind === 'throttling' || d.kind === 'delay' ? ['delivered'] : d.exampleTypes);
    const mine = events.filter((e, i) => {
      if (!wanted.has(e.type)) return false;
      if (d.scope.domain && e.domain !== d.scope.domain) return false;
      if (d.scope.campaign && e.campaign !== d.scope.campaign) return false;
      times ??= events.map((x) => Date.parse(x.time));
      const t = times[i];
      if (d.kind === 'delay') {
        const queued = t - (e.delaySeconds ?? 0) * 1000;
        // only the mail that did wait: the same hour's quick deliveries were not late
        return e.delaySeconds !== null && e.delaySeconds > Number(d.metrics.limitSeconds ?? 0) && queued >= d.start && queued < d.end;
      }
      return t >= start && t < end;
    });
    if (mine.length === 0) continue;
    out.push({ incident: toPublic(d, lang), sentence: addressSentence(d, mine, lang, timeZone), events: mine.length });
  }
  return out;
}
