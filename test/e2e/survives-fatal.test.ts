/**
 * One malformed file no longer takes the app down: after the file that made DuckDB raise a
 * FATAL error (and answer 500 to every request after it), the same running host imports the
 * next file and answers lookups, and the failure is told with the file's own name.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Database } from '../../core/store/database';
import { createEngine } from '../../core/engine';
import { appSession } from './app-session';
import { canRun, ROOT, screenshot } from './harness';

const skip = canRun();
const INTEGRITY = join(ROOT, 'test', 'fixtures', 'integrity');

describe.skipIf(skip !== null)('After a file that crashed the database', () => {
  const session = appSession();

  it('the same host imports the next file and answers lookups', async () => {
    const { page, app } = session;
    await app.open(/^Import$/);
    await app.fileInput().setInputFiles([join(INTEGRITY, 'fatal-for-duckdb.csv')]);
    const current = app.currentImport();
    await expect.poll(() => current.locator('.job.failed').count()).toBe(1);
    await expect.poll(() => current.innerText()).toMatch(/fatal-for-duckdb\.csv: no event could be read[\s\S]*line 2 — invalid characters \(not UTF-8\)/);
    const said = await current.innerText();
    expect(said).not.toMatch(/rebond-uploads|FATAL|INTERNAL|invalidated|Error:/);
    await screenshot(page, 'survives-1-fatal-file');

    await app.fileInput().setInputFiles([join(INTEGRITY, 'mixed-line-ends.csv')]);
    await expect.poll(() => app.currentImport().locator('.job.done').count(), { timeout: 30_000 }).toBe(1);
    // the job says Done before its summary arrives: wait for the figures
    await expect.poll(() => app.currentImport().locator('.job.done').innerText()).toMatch(/mixed-line-ends\.csv[\s\S]*\b4\b/);
    await app.open(/^Address$/);
    await app.lookUp('c@b', 'c@b.fr');
    await expect.poll(() => page.getByRole('main').innerText()).toMatch(/c@b\.fr/);
    await screenshot(page, 'survives-2-lookup');
  });
});

describe.skipIf(skip !== null)('After an import killed half-way', () => {
  const session = appSession(async (workspace) => {
    // what a kill around the commit of a large import left: its events, and no import listed
    const engine = await createEngine({ dbPath: workspace });
    await engine.importFiles({ paths: [join(INTEGRITY, 'mixed-line-ends.csv')] });
    await engine.close();
    const db = await Database.open(workspace);
    await db.run(`DELETE FROM imports`);
    await db.close();
  });

  it('the Import screen says what opening the workspace repaired', async () => {
    const { page, app } = session;
    await app.open(/^Import$/);
    const notice = page.getByRole('status').filter({ hasText: 'Rebond repaired the workspace' });
    await expect.poll(() => notice.innerText()).toMatch(/4 events of an import that was cut short were removed\./);
    await screenshot(page, 'survives-3-repaired');
  });
});
