/**
 * Every address's status, set-wise (issue 18 item 2): what DuckDB can settle is settled there
 * (core/store/status-inputs.ts), the policy (core/policy/stream.ts) replays the rest, and the
 * result is the per-address policy's (test/policy/setwise.test.ts).
 */
import type { AddressStatus } from '../model/status';
import { reconstructAll, type AddressStatusRow, type ReconstructAllOptions } from '../policy/stream';
import { evaluationInstants } from '../policy/reconstruct';
import type { Database } from '../store/database';
import { readStatusInputs } from '../store/status-inputs';

export interface SetwiseOptions extends ReconstructAllOptions {
  /** the addresses nothing moved (ok, filtered) are wanted too: one more GROUP BY */
  withSettled: boolean;
}

/** The disposable check, once per domain. */
function disposableCheck(options: ReconstructAllOptions): (domain: string) => boolean {
  const cache = new Map<string, boolean>();
  return (domain) => {
    if (!options.isDisposable || !options.policy.filterDisposable) return false;
    const d = domain.toLowerCase();
    let hit = cache.get(d);
    if (hit === undefined) cache.set(d, (hit = options.isDisposable(d)));
    return hit;
  };
}

const byAddress = (a: AddressStatusRow, b: AddressStatusRow) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);

/**
 * Every address's status row, in address order. Without `withSettled`, only the addresses
 * something could move (every status but ok and filtered is among them). `softQuarantineCount`,
 * `hardBounceCount` and `lastSeen` are not the full history's here (deliveries and ignored events
 * are left out): use status, since, until, unsubscribed and cause.
 */
export async function setwiseStatuses(db: Database, options: SetwiseOptions): Promise<AddressStatusRow[]> {
  const rows: AddressStatusRow[] = [];
  const inputs = readStatusInputs(db, options.policy, { at: options.at, settled: options.withSettled ? 'addresses' : 'none' });
  for await (const row of reconstructAll(inputs.events, options)) rows.push(row);
  if (options.withSettled) {
    const { evalKey } = evaluationInstants(options.at, options.now);
    const disposable = disposableCheck(options);
    for (const s of inputs.settledAddresses) {
      // the replay's filtered period runs from the first event; before it the address is plain ok
      const since = disposable(s.domain) ? new Date(s.firstSeen).toISOString() : null;
      const filtered = since !== null && since <= evalKey;
      rows.push({
        address: s.address,
        status: filtered ? 'filtered' : 'ok',
        until: null,
        since: filtered ? since : null,
        unsubscribed: false,
        softQuarantineCount: 0,
        hardBounceCount: 0,
        lastSeen: null,
        cause: filtered ? 'disposable_domain' : null,
      });
    }
  }
  return rows.sort(byAddress);
}

export interface StatusCounts {
  /** addresses known (seen in an event or an imported list) */
  total: number;
  byStatus: Record<AddressStatus, number>;
  /** beside the status: unsubscribed addresses, quarantined or not */
  unsubscribed: number;
  /** status and the rule's reason that gives it (soft_bounce, hard_bounce, complaint, imported_list…) */
  byCause: { status: AddressStatus; cause: string | null; count: number }[];
}

class Tally {
  readonly byStatus = { ok: 0, soft_quarantine: 0, long_quarantine: 0, blacklisted: 0, filtered: 0, unsubscribed: 0, unknown: 0 } as Record<AddressStatus, number>;
  private readonly causes = new Map<string, { status: AddressStatus; cause: string | null; count: number }>();
  total = 0;
  unsubscribed = 0;

  add(status: AddressStatus, cause: string | null, unsubscribed: boolean, count = 1): void {
    if (count === 0) return;
    this.total += count;
    this.byStatus[status] += count;
    if (unsubscribed) this.unsubscribed += count;
    const key = `${status}\u0000${cause ?? ''}`;
    const c = this.causes.get(key);
    if (c) c.count += count;
    else this.causes.set(key, { status, cause, count });
  }

  result(): StatusCounts {
    const order = (c: { status: string; cause: string | null }) => `${c.status}\u0000${c.cause ?? ''}`;
    const byCause = [...this.causes.values()].sort((a, b) => b.count - a.count || (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
    return { total: this.total, byStatus: this.byStatus, unsubscribed: this.unsubscribed, byCause };
  }
}

export function countStatuses(rows: Iterable<AddressStatusRow>): StatusCounts {
  const tally = new Tally();
  for (const row of rows) tally.add(row.status, row.cause, row.unsubscribed);
  return tally.result();
}

/** How many addresses in each status and cause: the settled ones counted by domain in DuckDB. */
export async function setwiseCounts(db: Database, options: ReconstructAllOptions): Promise<StatusCounts> {
  const tally = new Tally();
  const { evalKey } = evaluationInstants(options.at, options.now);
  const inputs = readStatusInputs(db, options.policy, { at: options.at, settled: 'domains', evalKey });
  for await (const row of reconstructAll(inputs.events, options)) tally.add(row.status, row.cause, row.unsubscribed);
  const disposable = disposableCheck(options);
  for (const d of inputs.settledDomains) {
    if (!disposable(d.domain)) tally.add('ok', null, false, d.addresses);
    else tally.add('filtered', 'disposable_domain', false, d.seenBy), tally.add('ok', null, false, d.addresses - d.seenBy);
  }
  return tally.result();
}
