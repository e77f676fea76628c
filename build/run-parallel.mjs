// Runs each argument as a shell command, all at once, and fails if any fails: the type-checks and
// the lint do not depend on the tests, and one after the other they left a core idle (`npm test`:
// the test files wait on Chromium and on `rebond serve` for a good part of their time). Each
// command's output is printed whole when it ends, so that two never mix — except the one given
// after `--live`, printed as it comes (the tests' progress), whose exit status is the runner's
// own when the others pass.
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const liveAt = args.indexOf('--live');
const live = liveAt >= 0 ? args[liveAt + 1] : undefined;
const commands = liveAt >= 0 ? args.filter((_, i) => i !== liveAt && i !== liveAt + 1) : args;
if ((live === undefined && liveAt >= 0) || commands.length + (live ? 1 : 0) === 0) {
  process.stderr.write('usage: node build/run-parallel.mjs [--live "COMMAND"] "COMMAND"…\n');
  process.exit(2);
}

function run(command, streamed) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, { shell: true, stdio: streamed ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const status = code === 0 ? 'done' : `failed (${signal ?? `exit ${code}`})`;
      process.stdout.write(`> ${command}: ${status} in ${seconds} s\n${Buffer.concat(output).toString()}`);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all([...(live ? [run(live, true)] : []), ...commands.map((command) => run(command, false))]);
process.exitCode = results.every(Boolean) ? 0 : 1;
