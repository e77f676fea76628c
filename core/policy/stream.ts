/**
 * The set-wise pass (issue 5 "Scale"): every address's status in one streaming pass over events
 * sorted by address then time, one address in memory at a time. Same replay as
 * `reconstructAddress`, so the two can never disagree.
 */
import type { DeliveryEvent } from '../model/event';
import type { AddressStatus, Release } from '../model/status';
import type { Policy } from './settings';
import { evaluationInstants, replay, sortSmallInputs, type AddressHistory, type ImportedListEntry, type ProviderBlockWindow } from './reconstruct';
import { isoKey } from './time';

export interface AddressStatusRow {
  address: string;
  status: AddressStatus;
  until: string | null;
  since: string | null;
  unsubscribed: boolean;
  softQuarantineCount: number;
  hardBounceCount: number;
  lastSeen: string | null;
  /** why the address is in its status: the rule's reason of the period that gives it (null: ok / unknown) */
  cause: string | null;
}

export interface ReconstructAllOptions {
  policy: Policy;
  /** all releases (any order, any address) */
  releases?: Iterable<Release>;
  /** all imported list entries (any order, any address) */
  imported?: Iterable<ImportedListEntry>;
  /** the classifier's disposable-domain check; asked once per domain */
  isDisposable?: (domain: string) => boolean;
  at?: string;
  /** evaluation instant when `at` is absent (default: the wall clock at the start of the pass) */
  now?: string;
  /** provider blocks (core/incidents): hard bounces inside them do not count, by default */
  providerBlocks?: readonly ProviderBlockWindow[];
}

export type EventBatchSource = AsyncIterable<DeliveryEvent | readonly DeliveryEvent[]> | Iterable<DeliveryEvent | readonly DeliveryEvent[]>;

function toRow(h: AddressHistory): AddressStatusRow {
  return {
    address: h.address,
    status: h.status,
    until: h.until,
    since: h.since,
    unsubscribed: h.unsubscribed,
    softQuarantineCount: h.softQuarantineCount,
    hardBounceCount: h.hardBounceCount,
    lastSeen: h.lastSeen,
    cause: h.statusPeriod !== null ? h.periods[h.statusPeriod].reason : null,
  };
}

function groupBy<T extends { address: string }>(items: Iterable<T> | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  if (!items) return map;
  for (const item of items) {
    const a = item.address.trim().toLowerCase();
    const list = map.get(a);
    if (list) list.push(item);
    else map.set(a, [item]);
  }
  return map;
}

/** The per-address accumulator shared by the sync and async passes. */
class Pass {
  private address: string | null = null;
  private events: DeliveryEvent[] = [];
  private keys: string[] = [];
  private unsorted = false;
  private readonly releases: Map<string, Release[]>;
  private readonly imported: Map<string, ImportedListEntry[]>;
  private readonly disposableCache = new Map<string, boolean>();
  private readonly atKey: string | null;
  private readonly evalKey: string;
  private readonly emptyKeys: string[] = [];
  /** addresses already emitted: a repeat means the input is not grouped */
  private readonly done = new Set<string>();

  constructor(private readonly options: ReconstructAllOptions) {
    this.releases = groupBy(options.releases);
    this.imported = groupBy(options.imported);
    const instants = evaluationInstants(options.at, options.now);
    this.atKey = instants.atKey;
    this.evalKey = instants.evalKey;
  }

  /** Adds one event; returns the previous address's result when this event starts a new address. */
  push(e: DeliveryEvent): AddressHistory | null {
    const key = isoKey(e.time);
    if (e.address === this.address) {
      const n = this.keys.length;
      if (n > 0 && key < this.keys[n - 1]) this.unsorted = true;
      this.events.push(e);
      this.keys.push(key);
      return null;
    }
    if (this.done.has(e.address)) {
      throw new Error(
        `reconstructAll needs events grouped by address (ORDER BY address, time): "${e.address}" came back after "${this.address ?? ''}"`,
      );
    }
    const done = this.flush();
    this.address = e.address;
    this.events = [e];
    this.keys = [key];
    this.unsorted = false;
    return done;
  }

  flush(): AddressHistory | null {
    if (this.address === null) return null;
    const address = this.address;
    this.done.add(address);
    this.address = null;
    let events = this.events;
    let keys = this.keys;
    if (this.unsorted) {
      const order = events.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : events[a].source.line - events[b].source.line));
      events = order.map((i) => this.events[i]);
      keys = order.map((i) => this.keys[i]);
    }
    return this.run(address, events, keys, events[0].domain);
  }

  /** Addresses that only appear in imported lists, in address order. */
  *importedOnly(): Generator<AddressHistory> {
    const rest = [...this.imported.keys()].sort();
    for (const a of rest) yield this.run(a, [], this.emptyKeys, a.slice(a.lastIndexOf('@') + 1));
  }

  private run(address: string, events: DeliveryEvent[], keys: string[], domain: string): AddressHistory {
    const norm = address.trim().toLowerCase();
    const rel = this.releases.get(norm);
    const imp = this.imported.get(norm);
    if (imp) this.imported.delete(norm);
    const small = rel || imp ? sortSmallInputs(rel ?? [], imp ?? []) : NO_SMALL;
    let disposable = false;
    if (this.options.isDisposable && this.options.policy.filterDisposable) {
      const d = domain.toLowerCase();
      let hit = this.disposableCache.get(d);
      if (hit === undefined) {
        hit = this.options.isDisposable(d);
        this.disposableCache.set(d, hit);
      }
      disposable = hit;
    }
    return replay(norm, { events, eventKeys: keys, ...small, providerBlocks: this.options.providerBlocks }, this.options.policy, disposable, this.atKey, this.evalKey);
  }
}

const NO_SMALL = { releases: [], releaseKeys: [], imported: [], importedKeys: [] };

function isAsync(source: EventBatchSource): source is AsyncIterable<DeliveryEvent | readonly DeliveryEvent[]> {
  return typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

async function* passAsync<T>(events: EventBatchSource, options: ReconstructAllOptions, out: (h: AddressHistory) => T): AsyncGenerator<T> {
  if (!isAsync(events)) {
    yield* passSync(events, options, out);
    return;
  }
  const pass = new Pass(options);
  for await (const item of events) {
    if (Array.isArray(item)) {
      for (const e of item as readonly DeliveryEvent[]) {
        const done = pass.push(e);
        if (done) yield out(done);
      }
    } else {
      const done = pass.push(item as DeliveryEvent);
      if (done) yield out(done);
    }
  }
  const last = pass.flush();
  if (last) yield out(last);
  for (const h of pass.importedOnly()) yield out(h);
}

function* passSync<T>(events: Iterable<DeliveryEvent | readonly DeliveryEvent[]>, options: ReconstructAllOptions, out: (h: AddressHistory) => T): Generator<T> {
  const pass = new Pass(options);
  for (const item of events) {
    if (Array.isArray(item)) {
      for (const e of item as readonly DeliveryEvent[]) {
        const done = pass.push(e);
        if (done) yield out(done);
      }
    } else {
      const done = pass.push(item as DeliveryEvent);
      if (done) yield out(done);
    }
  }
  const last = pass.flush();
  if (last) yield out(last);
  for (const h of pass.importedOnly()) yield out(h);
}

/**
 * Every address's status, one address at a time. `events` must be grouped by address and sorted
 * by time within it (the store's `ORDER BY address, time`); items may be single events or batches
 * (a DuckDB chunk). Yields in input order, then the addresses known only from imported lists, in
 * address order. An address that comes back after another one is an error (the grouping is broken).
 */
export function reconstructAll(events: EventBatchSource, options: ReconstructAllOptions): AsyncGenerator<AddressStatusRow> {
  return passAsync(events, options, toRow);
}

/** The same pass over an in-memory (or synchronous) source: no promise per row. */
export function reconstructAllSync(events: Iterable<DeliveryEvent | readonly DeliveryEvent[]>, options: ReconstructAllOptions): Generator<AddressStatusRow> {
  return passSync(events, options, toRow);
}

/** The same pass yielding full histories (periods and counts), for `addresses --json` or a cache table. */
export function reconstructAllHistories(events: EventBatchSource, options: ReconstructAllOptions): AsyncGenerator<AddressHistory> {
  return passAsync(events, options, (h) => h);
}
