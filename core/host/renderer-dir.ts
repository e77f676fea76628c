/** Finds the built renderer whether we run from dist/cli.mjs (bundled) or from the sources. */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function findRendererDir(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  const tried: string[] = [];
  for (let i = 0; i < 6; i++) {
    // only a *built* renderer: renderer/index.html in the sources is Vite's entry, not the app
    const candidates = basename(dir) === 'dist' ? [join(dir, 'renderer')] : [join(dir, 'dist', 'renderer')];
    for (const candidate of candidates) {
      tried.push(candidate);
      if (existsSync(join(candidate, 'index.html'))) return candidate;
    }
    const parent = resolve(dir, '..');
    if (parent === dir) break;
    dir = parent;
  }
  // not built: the host answers with a message saying to run `npm run build`
  return tried[0];
}
