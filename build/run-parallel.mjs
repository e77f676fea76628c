// Runs each argument as a shell command, all at once, and fails if any fails: the three type-checks,
// the lint and the build do not depend on one another, and one after the other they left a core
// idle (`npm test`). Each command's output is printed whole when it ends, so that two never mix.
import { spawn } from 'node:child_process';

// --live: the first command's output is shown as it comes (the test run, whose progress a person
// watches); the others' output is printed whole when each ends, between its lines
const live = process.argv[2] === '--live';
const commands = process.argv.slice(live ? 3 : 2);
if (commands.length === 0) {
  process.stderr.write('usage: node build/run-parallel.mjs [--live] "COMMAND" "COMMAND"…\n');
  process.exit(2);
}

const results = await Promise.all(
  commands.map(
    (command, index) =>
      new Promise((resolve) => {
        const started = performance.now();
        if (live && index === 0) {
          const child = spawn(command, { shell: true, stdio: ['ignore', 'inherit', 'inherit'] });
          child.on('error', (error) => process.stderr.write(`${error.message}\n`));
          child.on('close', (code) => resolve(code === 0));
          return;
        }
        const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
        const output = [];
        child.stdout.on('data', (chunk) => output.push(chunk));
        child.stderr.on('data', (chunk) => output.push(chunk));
        child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
        child.on('close', (code, signal) => {
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          const status = code === 0 ? 'done' : `failed (${signal ?? `exit ${code}`})`;
          process.stdout.write(`> ${command}: ${status} in ${seconds} s\n${Buffer.concat(output).toString()}`);
          resolve(code === 0);
        });
      }),
  ),
);
process.exitCode = results.every(Boolean) ? 0 : 1;
