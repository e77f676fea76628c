/**
 * Issue 18 item 4: a workspace exported with `rebond export --parquet` and opened by another
 * process with `--dataset` gives the same answers (address, incidents, report, lists) as the
 * workspace itself; writes are refused; exporting again writes only the new import's files.
 * Needs `npm run build` first (the real command, as a user runs it).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../core/demo/generate';
import { createEngine } from '../../core/engine';
import { rebond, runCli, tempDir } from '../helpers';

const dir = tempDir('rebond-dataset-');
const db = join(dir.path, 'w.duckdb');
const shared = join(dir.path, 'shared');
let addresses: string[] = [];

/** `rebond …` as its own process: the workspace is made and exported by other processes than the one reading it */
async function ok(args: string[]): Promise<string> {
  return succeeded(args, await runCli(args));
}

/** `rebond …` in this process (its `main()`): the many reads compared, without a process start each */
async function read(args: string[]): Promise<string> {
  return succeeded(args, await rebond(args));
}

function succeeded(args: string[], r: { code: number; stdout: string; stderr: string }): string {
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code, args.join(' ')).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  const demo = await generateDemo({ out: dir.path, events: 20_000, seed: 3, calm: false });
  await ok(['import', '--db', db, '--json', demo.files[0]]);
  // a release, so that the releases table travels too
  const lq = JSON.parse(await read(['addresses', '--db', db, '--status', 'long_quarantine', '--json']));
  await ok(['release', '--db', db, lq.addresses[0].address, '--reason', 'the member called: the mailbox works again', '--json']);
  const exported = JSON.parse(await ok(['export', '--db', db, '--parquet', shared, '--json']));
  expect(exported.written).toEqual([1]);
  // addresses in several statuses: quarantined, released, blacklisted, plain ok
  const pick = async (status: string, n: number) => JSON.parse(await read(['addresses', '--db', db, '--status', status, '--limit', String(n), '--json'])).addresses.map((a: { address: string }) => a.address);
  addresses = [lq.addresses[0].address, ...(await pick('long_quarantine', 3)), ...(await pick('blacklisted', 2)), ...(await pick('soft_quarantine', 2)), ...(await pick('ok', 2))];
}, 240_000);

afterAll(() => dir.remove());

describe('rebond … --dataset answers as the workspace does', () => {
  it('writes a month-partitioned dataset with its manifest', () => {
    const manifest = JSON.parse(readFileSync(join(shared, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'rebond-parquet-dataset', datasetVersion: 1, schemaVersion: expect.any(Number), classifierRules: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(manifest.imports).toHaveLength(1);
    expect(manifest.imports[0].files.every((f: string) => /^events\/month=\d{4}-\d{2}\/import-1\.parquet$/.test(f))).toBe(true);
    expect(manifest.imports[0].months.length).toBeGreaterThan(0);
  });

  it('gives the same address answers', async () => {
    expect(addresses.length).toBeGreaterThanOrEqual(6);
    for (const a of addresses) {
      expect(await read(['address', '--dataset', shared, '--json', a]), a).toBe(await read(['address', '--db', db, '--json', a]));
    }
  }, 240_000);

  it('gives the same incidents, lists and reports', async () => {
    const incidents = await read(['incidents', '--dataset', shared, '--json']);
    expect(JSON.parse(incidents).length).toBeGreaterThan(0);
    expect(incidents).toBe(await read(['incidents', '--db', db, '--json']));
    for (const status of ['long_quarantine', 'blacklisted', 'ok']) {
      expect(await read(['addresses', '--dataset', shared, '--status', status, '--json']), status).toBe(await read(['addresses', '--db', db, '--status', status, '--json']));
    }
    // the report carries its generation time: compare without it
    const strip = (md: string) => md.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z|\d{1,2} \w+ \d{4}(,)? \d{1,2}:\d{2}(:\d{2})?( UTC)?/g, '<time>');
    const some = addresses.slice(0, 4);
    expect(strip(await read(['report', '--dataset', shared, '--format', 'md', ...some]))).toBe(strip(await read(['report', '--db', db, '--format', 'md', ...some])));
  }, 240_000);

  it('refuses writes in plain words', async () => {
    const engine = await createEngine({ dbPath: ':memory:', dataset: shared });
    try {
      await expect(engine.release({ address: addresses[1], reason: 'the member called: the mailbox works again' })).rejects.toThrow(/This dataset is read-only/);
      await expect(engine.setSettings({ lang: 'fr' })).rejects.toThrow(/This dataset is read-only/);
      await expect(engine.reclassify({})).rejects.toThrow(/This dataset is read-only/);
      await expect(engine.importFiles({ paths: [join(dir.path, 'x.csv')] })).rejects.toThrow(/This dataset is read-only/);
      // reading goes on after a refusal
      expect((await engine.address({ address: addresses[1] })).status).toBe('long_quarantine');
    } finally {
      await engine.close();
    }
  });

  it('names the missing extension for s3:// and md:, and a folder without a dataset', async () => {
    const s3 = await runCli(['address', '--dataset', 's3://rebond-test-bucket/shared', 'a@b.fr']);
    // offline, DuckDB cannot download httpfs; online, the bucket does not exist: either way a plain failure
    expect(s3.code).toBe(1);
    expect(s3.stderr).toMatch(/httpfs|s3:\/\/rebond-test-bucket/);
    const md = await runCli(['incidents', '--dataset', 'md:rebond_shared']);
    expect(md.code).toBe(1);
    expect(md.stderr).toMatch(/motherduck/);
    const none = await runCli(['address', '--dataset', dir.path, 'a@b.fr']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/holds no Rebond dataset/);
    const both = await runCli(['address', '--db', db, '--dataset', shared, 'a@b.fr']);
    expect(both.code).toBe(2);
  });

  it('exports again only the new import, leaving the old files as they were', async () => {
    const before = JSON.parse(readFileSync(join(shared, 'manifest.json'), 'utf8'));
    const oldFiles = before.imports[0].files.map((f: string) => join(shared, f));
    const stamps = oldFiles.map((f: string) => statSync(f).mtimeMs);
    // a second file, one month later
    const later = join(dir.path, 'later.csv');
    const t = Date.parse('2021-03-10T10:00:00Z') / 1000;
    writeFileSync(later, `event,time,MessageID,email,hard_bounce,error_related_to,error,comment\nsent,${t},1,late.member@free.fr,,,,\nbounce,${t + 60},2,late.member@free.fr,true,recipient,user unknown,"550 5.1.1 user unknown"\n`);
    await read(['import', '--db', db, '--json', later]);
    const again = JSON.parse(await read(['export', '--db', db, '--parquet', shared, '--json']));
    expect(again).toMatchObject({ written: [2], kept: [1], removed: [], rewroteAll: false, events: 2 });
    expect(oldFiles.map((f: string) => statSync(f).mtimeMs)).toEqual(stamps);
    const after = JSON.parse(readFileSync(join(shared, 'manifest.json'), 'utf8'));
    expect(after.imports[1]).toMatchObject({ id: 2, months: ['2021-03'], files: ['events/month=2021-03/import-2.parquet'] });
    expect(await read(['address', '--dataset', shared, '--json', 'late.member@free.fr'])).toBe(await read(['address', '--db', db, '--json', 'late.member@free.fr']));
    // removing an import from the workspace removes its files from the dataset
    await read(['imports', '--db', db, '--remove', '2']);
    const third = JSON.parse(await read(['export', '--db', db, '--parquet', shared, '--json']));
    expect(third).toMatchObject({ written: [], kept: [1], removed: [2] });
    expect(() => statSync(join(shared, 'events/month=2021-03/import-2.parquet'))).toThrow();
  }, 240_000);
});
