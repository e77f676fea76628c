/**
 * The Engine: the one typed API (core/contract.ts) that the CLI, the HTTP host and Electron
 * carry. It owns the workspace database and ties the rooms together:
 * file → format → classifier → store → policy / overview → shell.
 */
import type {
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
import { normalizeAddress } from './model/event';
import { classify } from './classify';
import { importFile } from './formats/import-file';
import { Database } from './store/database';
import { listImports, removeImport } from './store/imports';
import { computeOverview } from './store/overview';
import { readSettings, writeSettings } from './store/settings';
import { searchAddresses } from './store/events';
import { reclassifyStore, unknownTexts } from './store/reclassify';
import { activePolicy, addressReport, addressesInStatus, releaseAddress, releaseRisk } from './address-history';

export interface EngineOptions {
  dbPath: string;
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

  private constructor(readonly db: Database) {}

  static async open(options: EngineOptions): Promise<Engine> {
    return new Engine(await Database.open(options.dbPath));
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
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): Promise<void> {
    return this.exclusive(() => this.db.close());
  }

  // ------------------------------------------------------------------ imports

  importFiles(request: ImportRequest): Promise<ImportSummary> {
    return this.exclusive(async () => {
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
            onProgress: (p) => this.emitProgress(p),
          }),
        );
      }
      return { files };
    });
  }

  listImports(_request: Record<string, never> = {}): Promise<ImportRecord[]> {
    return this.exclusive(() => listImports(this.db));
  }

  removeImport(request: { id: number }): Promise<{ removedEvents: number }> {
    return this.exclusive(async () => {
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
    return this.exclusive(() => searchAddresses(this.db, request.query, Math.min(Math.max(request.limit ?? 10, 1), 100)));
  }

  addresses(request: AddressListRequest): Promise<AddressListEntry[]> {
    return this.exclusive(async () => addressesInStatus(this.db, request, await this.currentSettings()));
  }

  release(request: ReleaseRequest): Promise<ReleaseResult> {
    return this.exclusive(async () => releaseAddress(this.db, request, await this.currentSettings()));
  }

  releaseRisk(request: ReleaseRiskRequest): Promise<ReleaseRiskResult> {
    return this.exclusive(async () => releaseRisk(this.db, request, await this.currentSettings()));
  }

  // ------------------------------------------------------------------ overview

  overview(request: OverviewRequest): Promise<Overview> {
    return this.exclusive(async () => computeOverview(this.db, request, (await this.currentSettings()).timeZone));
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
    return this.exclusive(() => reclassifyStore(this.db, classify));
  }

  // ------------------------------------------------------------------ settings

  getSettings(_request: Record<string, never> = {}): Promise<Settings> {
    return this.exclusive(() => this.currentSettings());
  }

  /** For use inside a call that already holds the queue. */
  private async currentSettings(): Promise<Settings> {
    this.settings ??= await readSettings(this.db, defaultSettings());
    return { ...this.settings };
  }

  setSettings(changes: Partial<Settings>): Promise<Settings> {
    return this.exclusive(async () => {
      const allowed: Partial<Settings> = {};
      if (changes.lang !== undefined) {
        if (changes.lang !== 'fr' && changes.lang !== 'en') throw new Error(`Unknown language "${changes.lang}" (fr or en).`);
        allowed.lang = changes.lang;
      }
      if (changes.timeZone !== undefined) {
        try {
          new Intl.DateTimeFormat('en', { timeZone: changes.timeZone });
        } catch {
          throw new Error(`Unknown time zone "${changes.timeZone}" (for example Europe/Paris).`);
        }
        allowed.timeZone = changes.timeZone;
      }
      if (changes.policyPreset !== undefined) {
        if (changes.policyPreset !== 'default' && changes.policyPreset !== 'strict') {
          throw new Error(`Unknown policy preset "${changes.policyPreset}" (default or strict).`);
        }
        allowed.policyPreset = changes.policyPreset;
      }
      if (changes.policyFile !== undefined) {
        if (changes.policyFile !== null && typeof changes.policyFile !== 'string') {
          throw new Error('The policy file must be a path, or nothing to use the preset.');
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

export function createEngine(options: EngineOptions): Promise<Engine> {
  return Engine.open(options);
}
