/**
 * The `rebond` command refusing what it cannot answer: a mistyped `--db`, option values that are
 * not what they must be (exit 2, naming the flag), and exit codes that belong to one invocation.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../core/cli';
import { rebond, tempDir, type CliResult } from '../helpers';

const dir = tempDir();
const db = join(dir.path, 'w.duckdb');
const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const QUOTA = '"452 4.2.2 The email account that you tried to reach is over quota. - gsmtp"';

beforeAll(async () => {
  const csv = join(dir.path, 'events.csv');
  writeFileSync(
    csv,
    [
      'event,time,MessageID,email,hard_bounce,error_related_to,error,comment',
      // unsubscribed, nothing else
      `unsub,${unix('2021-01-08T10:00:00Z')},1,seule@gmail.com,,,,`,
      // unsubscribed, then a mailbox-full soft bounce: quarantined *and* unsubscribed
      `unsub,${unix('2021-01-08T10:00:00Z')},2,aussi@gmail.com,,,,`,
      `bounce,${unix('2021-01-09T10:00:00Z')},3,aussi@gmail.com,false,recipient,quota exceeded,${QUOTA}`,
      // quarantined only
      `bounce,${unix('2021-01-09T10:00:00Z')},4,quarantaine@gmail.com,false,recipient,quota exceeded,${QUOTA}`,
      `sent,${unix('2021-01-08T10:00:00Z')},5,rien@gmail.com,,,,`,
    ].join('\n') + '\n',
  );
  const imported = await rebond(['import', '--db', db, '--json', csv]);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
});

afterAll(() => dir.remove());

function expectUsageError(result: CliResult, flag: string, detail?: RegExp | string): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(`rebond: ${flag}: `);
  if (detail) expect(result.stderr).toMatch(detail);
}

describe('a --db that does not exist', () => {
  const commands: [string, string[]][] = [
    ['address', ['address', 'a@b.fr']],
    ['addresses', ['addresses', '--status', 'long_quarantine']],
    ['imports', ['imports']],
    ['imports --remove', ['imports', '--remove', '1']],
    ['unknowns', ['unknowns']],
    ['release --dry-run', ['release', '--dry-run', 'a@b.fr']],
    ['release', ['release', '--reason', 'the person asked', 'a@b.fr']],
    ['reclassify', ['reclassify']],
  ];
  it.each(commands)('%s: exits 1 saying there is no workspace, and creates nothing', async (_name, args) => {
    const typo = tempDir();
    try {
      const path = join(typo.path, 'typo.duckdb');
      const [command, ...rest] = args;
      const result = await rebond([command, '--db', path, ...rest]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`rebond: no workspace at ${path} (import files first with \`rebond import --db ${path} FILE…\`).\n`);
      expect(readdirSync(typo.path)).toEqual([]);
    } finally {
      typo.remove();
    }
  });

  it('is created by import', async () => {
    const fresh = tempDir();
    try {
      const path = join(fresh.path, 'new.duckdb');
      const empty = join(fresh.path, 'empty.csv');
      writeFileSync(empty, '');
      // the file fails, the workspace is there for the next one
      expect((await rebond(['import', '--db', path, empty])).code).toBe(1);
      expect(existsSync(path)).toBe(true);
      const imports = await rebond(['imports', '--db', path, '--json']);
      expect(imports.code).toBe(0);
      expect(JSON.parse(imports.stdout)).toEqual({ imports: [] });
    } finally {
      fresh.remove();
    }
  });
});

describe('rebond addresses --status unsubscribed', () => {
  it('lists every unsubscribed address, the quarantined ones too, each with its own status', async () => {
    const result = await rebond(['addresses', '--db', db, '--json', '--status', 'unsubscribed', '--at', '2021-01-10T00:00:00Z']);
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout);
    expect(list).toMatchObject({ status: 'unsubscribed', count: 2 });
    const byAddress = Object.fromEntries(list.addresses.map((a: { address: string; status: string }) => [a.address, a.status]));
    expect(byAddress).toEqual({ 'seule@gmail.com': 'unsubscribed', 'aussi@gmail.com': 'soft_quarantine' });

    // the quarantine list is unchanged: both quarantined addresses, unsubscribed or not
    const quarantined = JSON.parse((await rebond(['addresses', '--db', db, '--json', '--status', 'soft_quarantine', '--at', '2021-01-10T00:00:00Z'])).stdout);
    expect(quarantined.addresses.map((a: { address: string }) => a.address).sort()).toEqual(['aussi@gmail.com', 'quarantaine@gmail.com']);

    // as text, an address whose status is not the one asked shows it
    const text = await rebond(['addresses', '--db', db, '--status', 'unsubscribed', '--at', '2021-01-10T00:00:00Z']);
    expect(text.stdout.split('\n').find((l) => l.startsWith('aussi@gmail.com'))).toMatch(/\tsoft_quarantine$/);
    expect(text.stderr).toBe('2 addresses in unsubscribed\n');
  });
});

describe('option values (exit 2, naming the flag)', () => {
  // a missing workspace: the value is refused before the disk is touched
  const missing = join(dir.path, 'missing.duckdb');

  it('--limit is a whole number above 0', async () => {
    for (const value of ['abc', '0', '-3', '1.5', '1e2']) {
      expectUsageError(await rebond(['addresses', '--db', db, '--status', 'ok', '--limit', value]), '--limit', 'must be a whole number above 0');
    }
    for (const value of ['abc', '-3']) {
      expectUsageError(await rebond(['unknowns', '--db', db, '--limit', value]), '--limit', 'must be a whole number above 0');
    }
    expectUsageError(await rebond(['addresses', '--db', missing, '--status', 'ok', '--limit', 'x']), '--limit');
    expect(existsSync(missing)).toBe(false);
    const one = await rebond(['addresses', '--db', db, '--json', '--status', 'soft_quarantine', '--at', '2021-01-10T00:00:00Z', '--limit', '1']);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).count).toBe(1);
    expect((await rebond(['unknowns', '--db', db, '--limit', '5'])).code).toBe(0);
  });

  it('--at is an ISO-8601 instant', async () => {
    for (const value of ['Feb 1 2021', '2021-02-30', '2021-02-01T25:00', '2021-02-01T10:00+25:00', '01/02/2021']) {
      expectUsageError(await rebond(['address', '--db', db, '--at', value, 'a@b.fr']), '--at', /is not an ISO-8601 instant .*read as UTC/);
    }
    expectUsageError(await rebond(['addresses', '--db', missing, '--status', 'ok', '--at', '2021-02-30']), '--at');
    expect(existsSync(missing)).toBe(false);
  });

  it('--at without a zone is UTC whatever the machine zone, and --help says so', async () => {
    const at = async (value: string) => {
      const result = await rebond(['addresses', '--db', db, '--json', '--status', 'ok', '--at', value], { timeZone: 'Europe/Paris' });
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout).at;
    };
    expect(await at('2021-02-01T10:00')).toBe('2021-02-01T10:00:00.000Z');
    expect(await at('2021-02-01 10:00:30.5')).toBe('2021-02-01T10:00:30.500Z');
    expect(await at('2021-02-01')).toBe('2021-02-01T00:00:00.000Z');
    expect(await at('2021-02-01T10:00:00Z')).toBe('2021-02-01T10:00:00.000Z');
    expect(await at('2021-02-01T11:00+01:00')).toBe('2021-02-01T10:00:00.000Z');
    expect(await at('2021-02-01T05:30:00-0430')).toBe('2021-02-01T10:00:00.000Z');

    const help = await rebond(['addresses', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/no zone: UTC/);
  });

  it('--status is one of the statuses, listed in the message', async () => {
    for (const value of ['unknown', 'quarantine', 'OK']) {
      expectUsageError(
        await rebond(['addresses', '--db', db, '--status', value]),
        '--status',
        '(ok | soft_quarantine | long_quarantine | blacklisted | filtered | unsubscribed)',
      );
    }
  });

  it('--lang is fr or en', async () => {
    expectUsageError(await rebond(['address', '--db', db, '--lang', 'de', 'a@b.fr']), '--lang', '(fr | en)');
    expectUsageError(await rebond(['classify', '--lang', 'de', '--explain', '550 5.1.1 user unknown']), '--lang', '(fr | en)');
    expect((await rebond(['address', '--db', db, '--lang', 'fr', 'seule@gmail.com'])).code).toBe(0);
  });

  it('--remove and --campaign-size are whole numbers above 0', async () => {
    expectUsageError(await rebond(['imports', '--db', db, '--remove', 'x']), '--remove');
    expectUsageError(await rebond(['release', '--db', db, '--dry-run', '--campaign-size', '0', 'a@b.fr']), '--campaign-size');
  });
});

describe('exit codes', () => {
  it('0 done, 1 the work failed (each reason on its own `rebond:` line), 2 wrong usage', async () => {
    expect((await rebond(['imports', '--db', db])).code).toBe(0);
    const bad = tempDir();
    try {
      const a = join(bad.path, 'a.csv');
      const b = join(bad.path, 'b.csv');
      writeFileSync(a, '');
      writeFileSync(b, '');
      const failed = await rebond(['import', '--db', join(bad.path, 'w.duckdb'), a, b]);
      expect(failed.code).toBe(1);
      const lines = failed.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(new RegExp(`^rebond: ${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} .*empty`));
      expect(lines[1]).toMatch(/^rebond: .*b\.csv .*empty/);
    } finally {
      bad.remove();
    }
    const none = await rebond([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Usage: rebond/);
    expect((await rebond(['addresses', '--db', db])).code).toBe(2); // --status missing
  });

  it('belong to one invocation: a failed run leaves nothing behind for the next one in the process', async () => {
    const work = tempDir();
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const before = process.exitCode;
    try {
      const workspace = join(work.path, 'w.duckdb');
      const empty = join(work.path, 'empty.csv');
      writeFileSync(empty, '');
      expect(await main(['import', '--db', workspace, empty])).toBe(1);
      expect(process.exitCode).toBe(before);
      expect(await main(['imports', '--db', workspace, '--json'])).toBe(0);
      expect(await main(['addresses', '--db', workspace, '--status', 'nope'])).toBe(2);
      expect(await main(['address', '--db', join(work.path, 'typo.duckdb'), 'a@b.fr'])).toBe(1);
      expect(await main(['unknowns', '--db', workspace])).toBe(0);
      expect(process.exitCode).toBe(before);
    } finally {
      process.exitCode = before;
      out.mockRestore();
      err.mockRestore();
      work.remove();
    }
  });
});
