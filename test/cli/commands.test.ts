/** The `rebond` command as a user types it: usage, exit codes, and the JSON contracts. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, rebond, tempDir } from '../helpers';

const CSV = join(FIXTURES, 'mailjet', 'events.csv');

describe('rebond command line', () => {
  it('prints help, and exits 2 with usage on an unknown command or flag', async () => {
    const help = await rebond(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: rebond/);
    expect(help.stdout).toMatch(/import/);
    const importHelp = await rebond(['import', '--help']);
    expect(importHelp.code).toBe(0);
    expect(importHelp.stdout).toMatch(/--format <format>/);
    const unknown = await rebond(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command/);
    const badFlag = await rebond(['address', '--db', 'x.duckdb', '--colour', 'a@b.fr']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/unknown option '--colour'/);
  });

  it('imports with --json, re-imports as duplicates, and shows an address as JSON', async () => {
    const dir = tempDir();
    try {
      const db = join(dir.path, 'w.duckdb');
      const first = await rebond(['import', '--db', db, '--json', CSV]);
      expect(first.code).toBe(0);
      const summary = JSON.parse(first.stdout);
      expect(summary).toEqual({
        files: [
          expect.objectContaining({ path: CSV, format: 'mailjet', stored: 11, duplicates: 0, rejected: 0, errors: [] }),
        ],
      });
      const second = JSON.parse((await rebond(['import', '--db', db, '--json', CSV])).stdout);
      expect(second.files[0]).toMatchObject({ stored: 0, duplicates: 11 });

      const address = await rebond(['address', '--db', db, '--json', ' Lea.Martin@Gmail.com']);
      expect(address.code).toBe(0);
      const story = JSON.parse(address.stdout);
      expect(story.address).toBe('lea.martin@gmail.com');
      expect(story.events).toEqual([
        expect.objectContaining({ time: '2021-01-17T10:05:02.000Z', type: 'delivered', category: null, smtpCode: 250, enhancedCode: '2.0.0', source: { file: CSV, line: 5 } }),
        expect.objectContaining({
          time: '2021-01-20T10:15:00.000Z',
          type: 'hard_bounce',
          category: 'user_unknown',
          smtpCode: 550,
          enhancedCode: '5.1.1',
          diagnostic: expect.stringContaining('does not exist'),
          source: { file: CSV, line: 6 },
        }),
      ]);
    } finally {
      dir.remove();
    }
  });

  it('exits 1 naming the file and the reason when a file cannot be imported, storing nothing', async () => {
    const dir = tempDir();
    try {
      const db = join(dir.path, 'w.duckdb');
      const empty = join(dir.path, 'empty.csv');
      writeFileSync(empty, '');
      const result = await rebond(['import', '--db', db, '--json', CSV, empty]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${empty} is empty`);
      const summary = JSON.parse(result.stdout);
      expect(summary.files[0]).toMatchObject({ stored: 11 });
      expect(summary.files[1]).toMatchObject({ path: empty, stored: 0, error: expect.stringContaining('is empty') });
      const imports = JSON.parse((await rebond(['imports', '--db', db, '--json'])).stdout);
      expect(imports.imports).toHaveLength(1);
    } finally {
      dir.remove();
    }
  });
});
