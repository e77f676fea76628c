// Bundles the TypeScript sources with esbuild: the CLI (and host) for Node, the Electron
// main/preload/engine processes. The renderer is built by Vite (see the block at the end).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // DuckDB's native binding (and tools only the build uses) stay in node_modules; the rest is
  // bundled, DuckDB's JavaScript API included (loaded from node_modules, its
  // 120 CommonJS files were each read and scanned for their exports when a command started).
  // pdfmake (the report's PDF) reads its own data files beside its sources (pdfkit's, the line
  // breaker's): it stays in node_modules too. So does the disposable-domains list, required at its
  // first use (core/classify/address-checks.ts).
  external: ['@duckdb/node-bindings*', 'electron', 'vite', '@vitejs/*', 'playwright-core', 'esbuild', 'fsevents', 'pdfmake', 'pdfmake/*', 'disposable-email-domains'],
};

/** CommonJS bundles have no import.meta: its url is the bundle's own file, as in an ES module. */
const importMetaInCommonJs = {
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

await build({
  ...node,
  entryPoints: { cli: 'core/cli.ts' },
  outdir: 'dist',
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  // bundled CommonJS dependencies (commander…) call require(): give the ES module one
  banner: { js: "import { createRequire as rebondRequire } from 'node:module'; const require = rebondRequire(import.meta.url);" },
});

// ---------------------------------------------------------------------------------------------
// Desktop shell and renderer (issue 6, owned by the app engineer): Electron main, preload and
// engine utility process, then the renderer with Vite into dist/renderer/.
// The preload runs sandboxed, so it is one self-contained CommonJS file (only `electron` outside).
await build({
  ...node,
  entryPoints: { main: 'electron/main.ts', 'engine-process': 'electron/engine-process.ts' },
  outdir: 'dist/electron',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  external: node.external,
  ...importMetaInCommonJs,
});
await build({
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  entryPoints: { preload: 'electron/preload.ts' },
  outdir: 'dist/electron',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  external: ['electron'],
});
{
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
if (!existsSync('dist/renderer/index.html')) throw new Error('the renderer was not built (dist/renderer/index.html is missing)');
