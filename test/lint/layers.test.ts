/**
 * The layer rules (.dependency-cruiser.cjs) refuse each forbidden import: every probe below is a
 * small tree of files that breaks one rule, cruised with the project's own rules. A rule that
 * stops matching fails here, so the table cannot rot. The probes are written to a temporary
 * folder (never into the project), laid out like the project.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cruise, type ICruiseOptions, type IReporterOutput } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../../.dependency-cruiser.cjs') as { forbidden: ICruiseOptions['ruleSet'] extends infer R ? R extends { forbidden?: infer F } ? F : never : never; options: ICruiseOptions };

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** The rule names that refuse `files` (path → source), cruised from `entry`. */
async function refusals(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'rebond-layers-'));
  roots.push(root);
  // stand-ins for packages, so that imports of them resolve as they do in the project
  const all: Record<string, string> = {
    'node_modules/@duckdb/node-api/package.json': '{"name":"@duckdb/node-api","main":"index.js"}',
    'node_modules/@duckdb/node-api/index.js': 'module.exports = {};',
    'node_modules/electron/package.json': '{"name":"electron","main":"index.js"}',
    'node_modules/electron/index.js': 'module.exports = {};',
    'tsconfig.json': '{"compilerOptions":{"module":"ESNext","moduleResolution":"Bundler"}}',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const previous = process.cwd();
  process.chdir(root);
  try {
    const result = (await cruise(Object.keys(files).filter((f) => /\.tsx?$/.test(f) && !f.startsWith('node_modules/')), {
      ...config.options,
      tsConfig: { fileName: 'tsconfig.json' },
      ruleSet: { forbidden: config.forbidden },
      validate: true,
    })) as IReporterOutput;
    const output = result.output as { summary: { violations: Array<{ rule: { name: string } }> } };
    return [...new Set(output.summary.violations.map((v) => v.rule.name))].sort();
  } finally {
    process.chdir(previous);
  }
}

const STORE = { 'core/store/database.ts': 'export const db = 1;\n' };

const PROBES: Array<[rule: string, files: Record<string, string>]> = [
  ['model-imports-nothing', { ...STORE, 'core/model/event.ts': "import { db } from '../store/database';\nexport const e = db;\n" }],
  ['classify-imports-model-only', { 'core/classify/rule.ts': "import { p } from '../policy/settings';\nexport const r = p;\n", 'core/policy/settings.ts': 'export const p = 1;\n' }],
  ['policy-imports-model-only', { ...STORE, 'core/policy/replay.ts': "import type { db } from '../store/database';\nexport type R = typeof db;\n" }],
  ['only-store-imports-duckdb', { 'core/policy/settings.ts': "import { DuckDBInstance } from '@duckdb/node-api';\nexport const d = DuckDBInstance;\n" }],
  ['formats-not-store', { ...STORE, 'core/formats/mailjet.ts': "import { db } from '../store/database';\nexport const f = db;\n" }],
  ['store-not-formats', { 'core/store/staging.ts': "import { f } from '../formats/mailjet';\nexport const s = f;\n", 'core/formats/mailjet.ts': 'export const f = 1;\n' }],
  ['store-no-contract', { 'core/store/overview.ts': "import type { Overview } from '../contract';\nexport type O = Overview;\n", 'core/contract.ts': 'export interface Overview { n: number }\n' }],
  ['core-no-electron', { 'core/engine.ts': "export async function open() { return import('electron'); }\n" }],
  ['core-no-ui', { 'core/report/html.ts': "import { App } from '../../renderer/App';\nexport const a = App;\n", 'renderer/App.tsx': 'export const App = 1;\n' }],
  ['core-no-tsx', { 'core/report/Page.tsx': 'export const Page = 1;\n' }],
  ['renderer-types-from-contract', { ...STORE, 'renderer/screens/Address.tsx': "import type { db } from '../../core/store/database';\nexport type D = typeof db;\n" }],
  ['renderer-no-engine-code', { 'renderer/screens/Address.tsx': "import { ENGINE_METHODS } from '../../core/contract';\nexport const m = ENGINE_METHODS;\n", 'core/contract.ts': 'export const ENGINE_METHODS = [];\n' }],
  ['electron-main-no-engine', { 'electron/main.ts': "export async function start() { return import('../core/engine'); }\n", 'core/engine.ts': 'export const engine = 1;\n' }],
];

describe('the layer rules', () => {
  it.each(PROBES)('refuse a file that breaks “%s”', async (rule, files) => {
    expect(await refusals(files)).toContain(rule);
  });

  it('let the allowed imports through', async () => {
    expect(
      await refusals({
        'core/model/event.ts': 'export type EventType = string;\n',
        'core/policy/replay.ts': "import type { EventType } from '../model/event';\nexport type T = EventType;\n",
        'core/store/events.ts': "import type { EventType } from '../model/event';\nimport { DuckDBInstance } from '@duckdb/node-api';\nexport const d: [EventType?, unknown?] = [undefined, DuckDBInstance];\n",
        'renderer/screens/Address.tsx': "import type { EventType } from '../../core/model/event';\nexport type T = EventType;\n",
      }),
    ).toEqual([]);
  });
});
