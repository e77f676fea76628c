#!/usr/bin/env node
// `npm start`: find Electron, build what is missing, launch the desktop app.
// Electron's npm package downloads its binary at install time; where that failed (offline,
// a locked-down network) we say so and point to the browser version instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

export const NOT_INSTALLED =
  'Electron is not installed (its binary could not be downloaded) — run `npm run serve` to use Rebond in your browser.';

/** The Electron executable, or null. Never triggers a download by itself (electron/index.js would). */
export function findElectron() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json', { paths: [root] }));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    // the package is there but its binary is not: give its installer one more chance
    const retry = spawnSync(process.execPath, [join(packageDir, 'install.js')], { stdio: 'inherit', timeout: 180_000 });
    if (retry.status !== 0 || !existsSync(pathFile)) return null;
  }
  const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

function built() {
  return ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/electron/engine-process.cjs', 'dist/renderer/index.html'].every(
    (file) => existsSync(join(root, file)),
  );
}

async function main() {
  const electron = findElectron();
  if (!electron) {
    process.stderr.write(`${NOT_INSTALLED}\n`);
    return 1;
  }
  if (!built() || process.argv.includes('--build')) {
    const build = spawnSync(process.execPath, [join(root, 'build', 'build.mjs')], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) {
      process.stderr.write('Rebond could not be built: see the errors above.\n');
      return 1;
    }
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn Electron into plain Node
  const child = spawn(electron, [root], { cwd: root, stdio: 'inherit', env, windowsHide: false });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 0)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main();
}
