/** A rule change never needs a re-import: reclassify re-applies the rules to stored events. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, withEngine } from '../helpers';

describe('reclassify', () => {
  it('restores the current verdict on events classified by older rules, and only on those', async () => {
    await withEngine(async (engine) => {
      await engine.importFiles({ paths: [join(FIXTURES, 'mailjet', 'events.csv')] });
      // as if an older rule table had called Microsoft's block list an unknown user
      await engine.db.run(
        `UPDATE events SET category = 'user_unknown', counts_against = true, rule = 'old.rule' WHERE address = 'marie.leroy@hotmail.fr'`,
      );
      const result = await engine.reclassify({});
      expect(result).toMatchObject({ events: 11, changed: 1 });
      const marie = await engine.address({ address: 'marie.leroy@hotmail.fr' });
      expect(marie.events[0]).toMatchObject({ category: 'sender_blocklisted', countsAgainstAddress: false });
      expect(marie.status).toBe('ok');
    });
  });
});
