/** `rebond reconcile` (SPEC §11.3), called in this process: the side-by-side counts and the one-side addresses. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, rebond, tempDir } from '../helpers';

const CAMPAIGN = join(FIXTURES, 'assoconnect', 'campagne-utf8-bom.csv');
const INVALID_LIST = join(FIXTURES, 'assoconnect', 'emails-invalides.csv');

async function workspace(paths: string[]) {
  const dir = tempDir();
  const db = join(dir.path, 'w.duckdb');
  const imported = await rebond(['import', '--db', db, '--tz', 'Europe/Paris', ...paths]);
  expect(imported.code, imported.stderr).toBe(0);
  return { dir, db };
}

describe('rebond reconcile', () => {
  it('prints one JSON object with both sides and the one-side addresses', async () => {
    const w = await workspace([CAMPAIGN, INVALID_LIST]);
    try {
      const run = await rebond(['reconcile', '--db', w.db, '--at', '2021-02-04', '--json']);
      expect(run.code, run.stderr).toBe(0);
      const r = JSON.parse(run.stdout);
      expect(r).toMatchObject({ at: '2021-02-04T00:00:00.000Z', ours: 2, theirs: 2, both: 0 });
      expect(r.byStatus.find((s: { status: string }) => s.status === 'long_quarantine')).toEqual({ status: 'long_quarantine', ours: 1, theirs: 2 });
      expect(r.oursOnly.rows.map((o: { address: string }) => o.address)).toEqual(['berenice.mauvais@gmail.com', 'aesa.oeuvrard@sfr.fr']);
      expect(r.theirsOnly.rows.map((t: { address: string; ours: string }) => [t.address, t.ours])).toEqual([
        ['jean@email.com', 'ok'],
        ['ancien.membre@wanadoo.fr', 'unknown'],
      ]);
    } finally {
      w.dir.remove();
    }
  });

  it('says it in French with --lang fr, rows tab-separated', async () => {
    const w = await workspace([CAMPAIGN, INVALID_LIST]);
    try {
      const run = await rebond(['reconcile', '--db', w.db, '--at', '2021-02-04', '--lang', 'fr']);
      expect(run.code, run.stderr).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines[0]).toMatch(/^Rapprochement au 2021-02-04T00:00:00\.000Z avec .*emails-invalides\.csv \(2 adresses\)$/);
      expect(lines).toContain('long_quarantine\t1\t2');
      expect(lines).toContain('Adresses écartées : 2 chez nous, 2 dans la liste, 0 des deux côtés.');
      expect(lines).toContain('Seulement dans la liste (2) :');
      expect(lines.find((l) => l.startsWith('  ancien.membre@wanadoo.fr'))).toMatch(/\tchez nous : unknown$/);
    } finally {
      w.dir.remove();
    }
  });

  it('says there is nothing to reconcile with when no list was imported', async () => {
    const w = await workspace([CAMPAIGN]);
    try {
      const run = await rebond(['reconcile', '--db', w.db, '--lang', 'en']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^No imported list to reconcile with/);
    } finally {
      w.dir.remove();
    }
  });

  it('refuses a workspace that does not exist', async () => {
    const run = await rebond(['reconcile', '--db', '/nonexistent/w.duckdb']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no workspace at/);
  });
});
