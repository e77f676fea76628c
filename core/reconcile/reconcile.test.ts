/**
 * SPEC §11.3: our suppressed addresses (from the events alone) beside an imported ESP list's, by
 * status and cause, and the addresses on one side only. The AssoConnect fixtures: a campaign with
 * a hard bounce (Æsa), an unsubscription (Bérénice) and an "Email invalide" the policy does not
 * quarantine on its own (Jean), and the "Emails identifiés comme invalides" list (Jean, and a
 * former member no event names).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, withEngine } from '../../test/helpers';

const CAMPAIGN = join(FIXTURES, 'assoconnect', 'campagne-utf8-bom.csv');
const INVALID_LIST = join(FIXTURES, 'assoconnect', 'emails-invalides.csv');
const AT = '2021-02-04T00:00:00Z';

describe('the reconciliation with an imported list', () => {
  it('counts both sides by status and lists the addresses on one side only', async () => {
    await withEngine(async (engine) => {
      await engine.importFiles({ paths: [CAMPAIGN, INVALID_LIST], displayNames: ['campagne.csv', 'emails-invalides.csv'], timeZone: 'Europe/Paris' });
      const r = await engine.reconcile({ at: AT });
      expect(r.lists).toEqual([{ importId: expect.any(Number), file: 'emails-invalides.csv', addresses: 2 }]);
      expect({ ours: r.ours, theirs: r.theirs, both: r.both }).toEqual({ ours: 2, theirs: 2, both: 0 });
      const row = (status: string) => r.byStatus.find((s) => s.status === status);
      // "invalid" on the list is a long quarantine, as the policy reads it
      expect(row('long_quarantine')).toEqual({ status: 'long_quarantine', ours: 1, theirs: 2 });
      expect(row('unsubscribed')).toEqual({ status: 'unsubscribed', ours: 1, theirs: 0 });
      expect(row('blacklisted')).toEqual({ status: 'blacklisted', ours: 0, theirs: 0 });
      expect(r.oursByCause).toEqual([
        { status: 'long_quarantine', cause: 'hard_bounce', count: 1 },
        { status: 'unsubscribed', cause: 'unsubscribe', count: 1 },
      ]);
      expect(r.oursOnly.rows.map((o) => [o.address, o.status, o.cause])).toEqual([
        ['berenice.mauvais@gmail.com', 'unsubscribed', 'unsubscribe'],
        ['aesa.oeuvrard@sfr.fr', 'long_quarantine', 'hard_bounce'],
      ]);
      // the list's side: what our events say of each (jean bounced once, the former member never appears)
      expect(r.theirsOnly.rows.map((t) => [t.address, t.listed, t.ours, t.file])).toEqual([
        ['jean@email.com', 'invalid', 'ok', 'emails-invalides.csv'],
        ['ancien.membre@wanadoo.fr', 'invalid', 'unknown', 'emails-invalides.csv'],
      ]);
    });
  });

  it('counts an address on both sides once, in neither one-side list', async () => {
    await withEngine(async (engine, dir) => {
      const list = join(dir, 'quarantaine.csv');
      writeFileSync(list, 'Emails identifiés comme invalides\nE-mail;Date\naesa.oeuvrard@sfr.fr;01/02/2021 10:00\n');
      await engine.importFiles({ paths: [CAMPAIGN, list], timeZone: 'Europe/Paris' });
      const r = await engine.reconcile({ at: AT });
      expect({ ours: r.ours, theirs: r.theirs, both: r.both }).toEqual({ ours: 2, theirs: 1, both: 1 });
      expect(r.oursOnly.rows.map((o) => o.address)).toEqual(['berenice.mauvais@gmail.com']);
      expect(r.theirsOnly).toEqual({ total: 0, rows: [] });
    });
  });

  it('has nothing to compare with when no list was imported, and removing the list removes its side', async () => {
    await withEngine(async (engine) => {
      const { files } = await engine.importFiles({ paths: [CAMPAIGN, INVALID_LIST], timeZone: 'Europe/Paris' });
      await engine.removeImport({ id: files[1].importId! });
      const r = await engine.reconcile({ at: AT });
      expect(r.lists).toEqual([]);
      expect(r.theirs).toBe(0);
      expect(r.ours).toBe(2);
      expect(r.oursOnly.total).toBe(2);
    });
  });

  it('keeps each one-side list to the limit asked, with the full count', async () => {
    await withEngine(async (engine) => {
      await engine.importFiles({ paths: [CAMPAIGN, INVALID_LIST], timeZone: 'Europe/Paris' });
      const r = await engine.reconcile({ at: AT, limit: 1 });
      expect(r.oursOnly.total).toBe(2);
      expect(r.oursOnly.rows).toHaveLength(1);
      expect(r.theirsOnly.rows).toHaveLength(1);
    });
  });
});
