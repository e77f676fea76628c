/**
 * `rebond` as the shell starts it (bin/rebond.mjs over the built dist/cli.mjs, `npm run build`
 * first): the exit code the shell sees, real standard streams, and an early-closed pipe. Every
 * other command-line test calls main() in its own process (test/helpers.ts `rebond`), which is
 * the same code without the second a new process costs.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers';

const dir = tempDir();
afterAll(() => dir.remove());

describe('the rebond process', () => {
  it('exits 0 with the help on stdout, and 2 with the usage on stderr for an unknown command', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: rebond /);
    expect(help.stderr).toBe('');
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
    expect(unknown.stderr).toMatch(/Usage: rebond/);
  });

  it('exits 1 naming the file a failed import could not read, and reads standard input to its end', async () => {
    const empty = join(dir.path, 'empty.csv');
    writeFileSync(empty, '');
    const failed = await runCli(['import', '--db', join(dir.path, 'w.duckdb'), empty]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(`rebond: ${empty} is empty: there is nothing to import.\n`);

    const classified = await runCli(['classify'], { input: '550 5.1.1 user unknown\n452 4.2.2 mailbox full\n' });
    expect(classified.code).toBe(0);
    expect(classified.stdout.trim().split('\n').map((line) => JSON.parse(line).category)).toEqual(['user_unknown', 'mailbox_full']);
  });

  it('exits 0 when the reader of its output goes away early (`rebond … | head`)', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'rebond.mjs'), 'classify'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // `head -1`: the first line read, then the pipe closed while the command still writes
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.on('error', () => undefined); // our own writes fail too once the command has exited: expected
    child.stdin.end('550 5.1.1 user unknown\n'.repeat(200_000));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
