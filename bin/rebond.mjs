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
// `rebond … | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
