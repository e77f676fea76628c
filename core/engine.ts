/**
 * The Engine: the one typed API (core/contract.ts) that the CLI, the HTTP host and Electron
 * carry. It owns the workspace database and ties the rooms together:
 * file → format → classifier → store → policy / overview → shell.
 */
import type {
  WorkspaceRepair,
  AddressListEntry,
  AddressListRequest,
  AddressReport,
  AddressRequest,
  AddressSuggestion,
  ClassifyRequest,
  EngineApi,
  EngineEvents,
  ImportProgress,
  ImportRecord,
  ImportRequest,
  ImportSummary,
  Overview,
  OverviewRequest,
  ReleaseRequest,
  ReleaseResult,
  ReleaseRiskRequest,
  ReleaseRiskResult,
  Settings,
  UnknownText,
} from './contract';
import type { Classification } from './model/category';
import type { Lang } from './contract';
import { problem, ProblemError, type Problem } from './model/problems';
import { wordProblem } from './model/problem-words';
import { normalizeAddress } from './model/event';
import { classify } from './classify';
import { importFile } from './import/import-file';
import { Database } from './store/database';
import { openDataset } from './dataset/open';
import { listImports, removeImport } from './store/imports';
import { computeOverview } from './overview/overview';
import { readSettings, writeSettings } from './store/settings';
import { searchAddresses } from './store/events';
import { reclassifyStore, unknownTexts } from './store/reclassify';
import { activePolicy, addressCounts, addressReport, addressesInStatus, releaseAddress, releaseRisk, withStatuses } from './address/story';
import type { ReportFile, ReportRequest } from './contract';
import type { AddressesBehind, AddressesBehindRequest, AddressListView, AddressListViewRequest } from './contract';
import { addressListView } from './address/lists';
import { reconcile } from './reconcile/reconcile';
import type { Reconciliation, ReconcileRequest } from './model/reconcile';
import { addressesBehind } from './store/lists';
import type { AddressIncident, AddressIncidentsRequest, DomainFailures, DomainFailuresRequest, Incident, IncidentsRequest, IncidentTouched, IncidentTouchedRequest } from './contract';
import { domainFailures, failingDomains } from './store/hourly';
import { computeIncidents, forgetIncidents, incidentsOfAddress, incidentTouched, selectIncidents, toPublic } from './incidents';
import { incidentSettingsOf } from './policy/settings';
import { eventsOfAddress } from './store/events';
import type { StatusCounts } from './statuses';
import { buildReport, renderReport, reportFileName, REPORT_FORMATS } from './report';

export interface EngineOptions {
  dbPath: string;
  /** read a shared Parquet dataset (folder, s3://…, md:…) instead, read-only (core/dataset) */
  dataset?: string;
}

type Listener<K extends keyof EngineEvents> = (payload: EngineEvents[K]) => void;

export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function defaultSettings(): Settings {
  const locale = Intl.DateTimeFormat().resolvedOptions().locale || process.env.LANG || 'en';
  return {
    lang: /^fr/i.test(locale) || /^fr/i.test(process.env.LANG ?? '') ? 'fr' : 'en',
    timeZone: machineTimeZone(),
    policyPreset: 'default',
    policyFile: null,
  };
}

export class Engine implements EngineApi {
  private readonly listeners = new Set<Listener<'importProgress'>>();
  /** settings are read on every call: keep them until they change */
  private settings: Settings | null = null;
  /**
   * Calls run one after another. A shell may send the next request before the last one is
   * answered (the app searches while an import runs), and a DuckDB connection's temporary
   * tables, prepared statements and open transaction belong to one operation at a time.
   */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly db: Database,
    /** the dataset's place when this Engine reads a shared dataset: every write is refused */
    readonly dataset: string | null = null,
  ) {}

  static async open(options: EngineOptions): Promise<Engine> {
    if (options.dataset !== undefined) return new Engine((await openDataset(options.dataset)).db, options.dataset);
    return new Engine(await Database.open(options.dbPath));
  }

  /** A shared dataset is read-only: imports, releases, reclassifying and settings belong to its workspace. */
  private refuseWrites(): void {
    if (this.dataset !== null) {
      throw new Error(`This dataset is read-only (${this.dataset}): import, release, reclassify and change settings in the workspace it was exported from, then export it again.`);
    }
  }

  on(event: 'importProgress', listener: Listener<'importProgress'>): () => void {
    void event;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emitProgress(progress: ImportProgress): void {
    for (const listener of this.listeners) listener(progress);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const guarded = async () => {
      // an earlier call left DuckDB invalidated (a FATAL error): reopen before serving this one
      if (this.db.broken && (await this.db.recover())) this.settings = null;
      try {
        return await work();
      } catch (error) {
        // a FATAL DuckDB error (internal, disk full) leaves the database refusing everything:
        // reopen it so that the next call is served
        if (await this.db.recover()) this.settings = null;
        throw error;
      }
    };
    const run = this.queue.then(guarded, guarded);
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): Promise<void> {
    return this.exclusive(() => this.db.close());
  }

  // ------------------------------------------------------------------ imports

  importFiles(request: ImportRequest): Promise<ImportSummary> {
    return this.exclusive(async () => {
      this.refuseWrites();
      const settings = await this.currentSettings();
      const files = [];
      for (const [index, path] of request.paths.entries()) {
        files.push(
          await importFile(this.db, {
            path,
            displayName: request.displayNames?.[index],
            format: request.format ?? 'auto',
            options: { timeZone: request.timeZone ?? settings.timeZone, year: request.year },
            classify,
            lang: request.lang ?? settings.lang,
            onProgress: (p) => this.emitProgress(p),
          }),
        );
        // the file was refused; if DuckDB was left invalidated, the next file needs it reopened
        if (!files[files.length - 1].ok && (await this.db.recover())) this.settings = null;
      }
      return { files };
    });
  }

  listImports(_request: Record<string, never> = {}): Promise<ImportRecord[]> {
    return this.exclusive(() => listImports(this.db));
  }

  /** What opening the workspace (or reopening it after a FATAL error) repaired. */
  workspaceRepairs(_request: Record<string, never> = {}): Promise<WorkspaceRepair[]> {
    return this.exclusive(async () => this.db.repairs.map((r) => ({ ...r })));
  }

  removeImport(request: { id: number }): Promise<{ removedEvents: number }> {
    return this.exclusive(async () => {
      this.refuseWrites();
      const removed = await removeImport(this.db, request.id);
      if (!removed) throw new Error(`There is no import number ${request.id}.`);
      return removed;
    });
  }

  // ------------------------------------------------------------------ addresses

  address(request: AddressRequest): Promise<AddressReport> {
    return this.exclusive(async () => {
      const settings = await this.currentSettings();
      return addressReport(this.db, normalizeAddress(request.address), {
        at: request.at,
        lang: request.lang ?? settings.lang,
        timeZone: settings.timeZone,
        settings,
      });
    });
  }

  searchAddresses(request: { query: string; limit?: number }): Promise<AddressSuggestion[]> {
    return this.exclusive(async () => withStatuses(this.db, await searchAddresses(this.db, request.query, Math.min(Math.max(request.limit ?? 10, 1), 100)), await this.currentSettings()));
  }

  addresses(request: AddressListRequest): Promise<AddressListEntry[]> {
    return this.exclusive(async () => addressesInStatus(this.db, request, await this.currentSettings()));
  }

  addressList(request: AddressListViewRequest): Promise<AddressListView> {
    return this.exclusive(async () => addressListView(this.db, request, await addressesInStatus(this.db, { status: request.status, at: request.at }, await this.currentSettings())));
  }

  addressesBehind(request: AddressesBehindRequest): Promise<AddressesBehind> {
    return this.exclusive(() => addressesBehind(this.db, request, Math.min(Math.max(request.limit ?? 1000, 1), 100_000)));
  }

  /** SPEC §11.3: our suppressed addresses beside the imported ESP lists', and those on one side only. */
  reconcile(request: ReconcileRequest): Promise<Reconciliation> {
    return this.exclusive(async () => reconcile(this.db, request, await this.currentSettings()));
  }

  /** How many addresses in each status and for which cause, set-wise (issue 18): the reconciliation's totals. */
  addressCounts(request: { at?: string } = {}): Promise<StatusCounts> {
    return this.exclusive(async () => addressCounts(this.db, request, await this.currentSettings()));
  }

  release(request: ReleaseRequest): Promise<ReleaseResult> {
    return this.exclusive(async () => {
      if (!request.dryRun) this.refuseWrites(); // a dry run only checks the reason: it may read a dataset
      return releaseAddress(this.db, request, await this.spokenSettings(request.lang));
    });
  }

  releaseRisk(request: ReleaseRiskRequest): Promise<ReleaseRiskResult> {
    return this.exclusive(async () => releaseRisk(this.db, request, await this.spokenSettings(request.lang)));
  }

  // ------------------------------------------------------------------ overview

  overview(request: OverviewRequest): Promise<Overview> {
    return this.exclusive(async () => {
      const settings = await this.currentSettings();
      return computeOverview(this.db, request, settings.timeZone, incidentSettingsOf(await activePolicy(settings)));
    });
  }

  // ------------------------------------------------------------------ incidents (SPEC §6)

  private async allIncidents() {
    const settings = await this.currentSettings();
    const policy = await activePolicy(settings);
    return { settings, all: await computeIncidents(this.db, incidentSettingsOf(policy), settings.timeZone) };
  }

  incidents(request: IncidentsRequest): Promise<Incident[]> {
    return this.exclusive(async () => {
      const { settings, all } = await this.allIncidents();
      return selectIncidents(all, request).map((d) => toPublic(d, request.lang ?? settings.lang));
    });
  }

  incidentTouched(request: IncidentTouchedRequest): Promise<IncidentTouched> {
    return this.exclusive(async () => {
      const { all } = await this.allIncidents();
      const incident = all.find((d) => d.id === request.id);
      if (!incident) throw new Error(`There is no incident "${request.id}" in this workspace (it may have changed since).`);
      return incidentTouched(this.db, incident, Math.min(Math.max(request.limit ?? 50, 1), 1000));
    });
  }

  domainFailures(request: DomainFailuresRequest): Promise<DomainFailures> {
    return this.exclusive(async () => {
      const domains = await failingDomains(this.db, { from: request.from, to: request.to, limit: 30 });
      const domain = request.domain?.trim().toLowerCase() || domains[0]?.domain || null;
      if (!domain) return { domains, domain: null, rows: [] };
      const rows = await domainFailures(this.db, { from: request.from, to: request.to, domain, limit: 5000 });
      return { domains, domain, rows: rows.map((r) => ({ hour: new Date(r.hour * 3_600_000).toISOString(), category: r.category, type: r.type, count: r.count })) };
    });
  }

  addressIncidents(request: AddressIncidentsRequest): Promise<AddressIncident[]> {
    return this.exclusive(async () => {
      const { settings, all } = await this.allIncidents();
      if (all.length === 0) return [];
      const events = await eventsOfAddress(this.db, normalizeAddress(request.address));
      return incidentsOfAddress(all, events, request.lang ?? settings.lang, settings.timeZone);
    });
  }

  // ------------------------------------------------------------------ classifier

  async classify(request: ClassifyRequest): Promise<Classification> {
    return classify({
      diagnostic: request.text ?? null,
      smtpCode: request.code ?? null,
      enhancedCode: request.enhanced ?? null,
      domain: request.email ?? null,
      hint: request.hint ?? null,
    });
  }

  unknowns(request: { limit?: number }): Promise<UnknownText[]> {
    return this.exclusive(() => unknownTexts(this.db, request.limit ?? 50));
  }

  reclassify(_request: Record<string, never> = {}): Promise<{ events: number; changed: number; seconds: number }> {
    return this.exclusive(async () => {
      this.refuseWrites();
      const result = await reclassifyStore(this.db, classify);
      forgetIncidents(this.db); // categories moved: deferral surges and blocks may have too
      return result;
    });
  }

  // ------------------------------------------------------------------ remediation report

  /**
   * The remediation report for one or more addresses (SPEC §8). The addresses are looked up in
   * the queue; the file is rendered after it, so a PDF does not hold other calls back.
   */
  async report(request: ReportRequest): Promise<ReportFile> {
    if (!(REPORT_FORMATS as readonly string[]).includes(request.format)) {
      throw new Error(`Unknown report format "${String(request.format)}" (${REPORT_FORMATS.join(', ')}).`);
    }
    const addresses = [...new Set((request.addresses ?? []).map(normalizeAddress).filter((a) => a !== ''))];
    if (addresses.length === 0) throw new Error('Name at least one address for the report.');
    const generatedAt = new Date().toISOString();
    const { reports, incidents, lang, timeZone } = await this.exclusive(async () => {
      const settings = await this.currentSettings();
      const lang = request.lang ?? settings.lang;
      const timeZone = request.timeZone ?? settings.timeZone;
      try {
        new Intl.DateTimeFormat('en', { timeZone });
      } catch {
        throw new Error(`Unknown time zone "${timeZone}" (for example Europe/Paris).`);
      }
      const reports = [];
      for (const address of addresses) reports.push(await addressReport(this.db, address, { at: request.at, lang, timeZone, settings }));
      // the platform incidents that touched these messages (SPEC §6), from the events just read
      const { all } = await this.allIncidents();
      const incidents = reports.map((r) => (all.length && r.events.length ? incidentsOfAddress(all, r.events, lang, timeZone).map((i) => i.sentence) : []));
      return { reports, incidents, lang, timeZone };
    });
    const model = buildReport(reports, { lang, timeZone, generatedAt });
    model.addresses.forEach((section, i) => (section.incidents = incidents[i]));
    return renderReport(model, request.format, reportFileName(addresses, request.format, generatedAt));
  }

  // ------------------------------------------------------------------ settings

  getSettings(_request: Record<string, never> = {}): Promise<Settings> {
    return this.exclusive(() => this.currentSettings());
  }

  /** The settings, in the language the request asks for (the app's, which may not be the workspace's). */
  private async spokenSettings(lang: Lang | undefined): Promise<Settings> {
    const settings = await this.currentSettings();
    return lang ? { ...settings, lang } : settings;
  }

  /** For use inside a call that already holds the queue. */
  private async currentSettings(): Promise<Settings> {
    this.settings ??= await readSettings(this.db, defaultSettings());
    return { ...this.settings };
  }

  setSettings(changes: Partial<Settings>): Promise<Settings> {
    return this.exclusive(async () => {
      this.refuseWrites();
      const allowed: Partial<Settings> = {};
      if (changes.lang !== undefined) {
        if (changes.lang !== 'fr' && changes.lang !== 'en') throw refusal(problem('settings.lang', { value: String(changes.lang) }));
        allowed.lang = changes.lang;
      }
      if (changes.timeZone !== undefined) {
        try {
          new Intl.DateTimeFormat('en', { timeZone: changes.timeZone });
        } catch {
          throw refusal(problem('settings.timeZone', { value: String(changes.timeZone) }));
        }
        allowed.timeZone = changes.timeZone;
      }
      if (changes.policyPreset !== undefined) {
        if (changes.policyPreset !== 'default' && changes.policyPreset !== 'strict') {
          throw refusal(problem('settings.preset', { value: String(changes.policyPreset) }));
        }
        allowed.policyPreset = changes.policyPreset;
      }
      if (changes.policyFile !== undefined) {
        if (changes.policyFile !== null && typeof changes.policyFile !== 'string') {
          throw refusal(problem('settings.policyFileType', {}));
        }
        // a policy file that does not load is refused now, not at the next address shown
        if (changes.policyFile !== null) await activePolicy({ ...(await this.currentSettings()), policyFile: changes.policyFile });
        allowed.policyFile = changes.policyFile;
      }
      await writeSettings(this.db, allowed);
      this.settings = null;
      return this.currentSettings();
    });
  }
}

/** A refusal in English words that carries its code, for the shells that word it themselves. */
function refusal(p: Problem): ProblemError {
  return new ProblemError(p, wordProblem(p, 'en'));
}

export function createEngine(options: EngineOptions): Promise<Engine> {
  return Engine.open(options);
}
