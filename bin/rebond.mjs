#!/usr/bin/env node
// The `rebond` command. The TypeScript sources are bundled into dist/ by `npm run build`
// (run automatically by `npm install`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('rebond: the command is not built yet. Run `npm run build` (or `npm install`) first.\n');
  process.exit(1);
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
