/**
 * A large import is sorted and stored bucket by bucket of address keys (core/store/staging.ts):
 * made small here, the buckets must still store every event exactly once, with its line, in
 * address-key order, and find none again on a re-import.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../core/classify';
import { eventsOfAddress } from '../../core/store/events';
import { Stage } from '../../core/store/staging';
import { withEngine } from '../helpers';

const ADDRESSES = 120;
const ROWS = 1_500;

function stageRows(stage: Stage): void {
  for (let line = 2; line < ROWS + 2; line++) {
    // every 10th row repeats the row before it: the same event twice in one file
    const n = line % 10 === 0 ? line - 1 : line;
    stage.add({
      time: new Date(Date.UTC(2021, 0, 1) + n * 60_000),
      address: `person${n % ADDRESSES}@example.org`,
      type: n % 7 === 0 ? 'hard_bounce' : 'delivered',
      smtpCode: n % 7 === 0 ? 550 : 250,
      enhancedCode: n % 7 === 0 ? '5.1.1' : null,
      diagnostic: n % 7 === 0 ? `550 5.1.1 <person${n % ADDRESSES}@example.org>: User unknown` : '250 OK',
      messageId: `m${n}`,
      campaign: null,
      sender: null,
      relay: null,
      delaySeconds: null,
      hint: null,
      line,
    });
  }
}

describe('an import stored bucket by bucket', () => {
  it('stores each event once, with its line, in address-key order, and none again on a re-import', async () => {
    await withEngine(async (engine) => {
      const repeats = Math.floor((ROWS + 1) / 10);
      const first = new Stage(engine.db, 'big.log', undefined, 100);
      await first.begin();
      stageRows(first);
      await first.prepare(classify);
      const totals = await engine.db.transaction(() => first.commit(1));
      await first.discard();
      expect(totals).toMatchObject({ stored: ROWS - repeats, duplicates: repeats });

      const stored = await engine.db.all<{ n: bigint; events: bigint; ordered: boolean; lines: bigint }>(
        `SELECT count(*) AS n, count(DISTINCT (time, address, type, message_id)) AS events,
                bool_and(address_key >= coalesce(previous, 0)) AS ordered, count(DISTINCT line) AS lines
         FROM (SELECT *, lag(address_key) OVER (ORDER BY rowid) AS previous FROM events)`,
      );
      expect(Number(stored[0].n)).toBe(ROWS - repeats);
      expect(Number(stored[0].events)).toBe(ROWS - repeats);
      expect(stored[0].ordered).toBe(true);
      expect(Number(stored[0].lines)).toBe(ROWS - repeats);

      // a lookup finds the address's events, each from its first line
      const events = await eventsOfAddress(engine.db, 'person7@example.org');
      const expected = Array.from({ length: ROWS }, (_, i) => i + 2).filter((line) => line % 10 !== 0 && line % ADDRESSES === 7);
      expect(events.map((e) => e.source.line)).toEqual(expected);
      expect(events.every((e) => e.address === 'person7@example.org')).toBe(true);
      expect(events.filter((e) => e.type === 'hard_bounce').every((e) => e.category === 'user_unknown')).toBe(true);

      const again = new Stage(engine.db, 'big.log', undefined, 100);
      await again.begin();
      stageRows(again);
      await again.prepare(classify);
      const second = await engine.db.transaction(() => again.commit(2));
      await again.discard();
      expect(second).toMatchObject({ stored: 0, duplicates: ROWS });
    });
  });
});
