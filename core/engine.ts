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
import { addressReport, addressesInStatus, releaseAddress, releaseRisk } from './address-history';

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

  async close(): Promise<void> {
    await this.db.close();
  }

  // ------------------------------------------------------------------ imports

  async importFiles(request: ImportRequest): Promise<ImportSummary> {
    const settings = await this.getSettings({});
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
  }

  listImports(_request: Record<string, never> = {}): Promise<ImportRecord[]> {
    return listImports(this.db);
  }

  async removeImport(request: { id: number }): Promise<{ removedEvents: number }> {
    const removed = await removeImport(this.db, request.id);
    if (!removed) throw new Error(`There is no import number ${request.id}.`);
    return removed;
  }

  // ------------------------------------------------------------------ addresses

  async address(request: AddressRequest): Promise<AddressReport> {
    const settings = await this.getSettings({});
    return addressReport(this.db, normalizeAddress(request.address), {
      at: request.at,
      lang: request.lang ?? settings.lang,
      timeZone: settings.timeZone,
      settings,
    });
  }

  searchAddresses(request: { query: string; limit?: number }): Promise<AddressSuggestion[]> {
    return searchAddresses(this.db, request.query, Math.min(Math.max(request.limit ?? 10, 1), 100));
  }

  async addresses(request: AddressListRequest): Promise<AddressListEntry[]> {
    return addressesInStatus(this.db, request, await this.getSettings({}));
  }

  async release(request: ReleaseRequest): Promise<ReleaseResult> {
    return releaseAddress(this.db, request, await this.getSettings({}));
  }

  async releaseRisk(request: ReleaseRiskRequest): Promise<ReleaseRiskResult> {
    return releaseRisk(this.db, request, await this.getSettings({}));
  }

  // ------------------------------------------------------------------ overview

  overview(request: OverviewRequest): Promise<Overview> {
    return computeOverview(this.db, request);
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
    return unknownTexts(this.db, request.limit ?? 50);
  }

  reclassify(_request: Record<string, never> = {}): Promise<{ events: number; changed: number; seconds: number }> {
    return reclassifyStore(this.db, classify);
  }

  // ------------------------------------------------------------------ settings

  async getSettings(_request: Record<string, never> = {}): Promise<Settings> {
    this.settings ??= await readSettings(this.db, defaultSettings());
    return { ...this.settings };
  }

  async setSettings(changes: Partial<Settings>): Promise<Settings> {
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
    if (changes.policyFile !== undefined) allowed.policyFile = changes.policyFile;
    await writeSettings(this.db, allowed);
    this.settings = null;
    return this.getSettings({});
  }
}

export function createEngine(options: EngineOptions): Promise<Engine> {
  return Engine.open(options);
}
