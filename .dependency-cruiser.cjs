// The house's layers (ARCHITECTURE.md), one rule per line of the table: which room may import
// which. ESLint checks runtimes (no DOM in core/, no Node in the renderer); this checks rooms.
// Dynamic imports and re-exports count; `import type` counts unless a rule says otherwise.
// test/lint/layers.test.ts runs these rules on small violating files so that none can rot.

const ENGINE_ROOMS = '^core/(engine|store|formats|import|files|classify|policy|incidents|report|address|overview|commands|host|demo)([./]|$)';
const DUCKDB = '(^|/)node_modules/@duckdb/|^@duckdb/';
const TSX = '^core/.+\\.tsx$';
const ELECTRON = '(^|/)node_modules/electron/|^electron$';

/** [name, why, from, to] */
const LAYERS = [
  ['model-imports-nothing', 'core/model/ is the vocabulary every room shares: it imports nothing.',
    { path: '^core/model/', pathNot: '\\.test\\.ts$' }, { pathNot: '^core/model/' }],
  ['classify-imports-model-only', 'The classifier is pure rules: it imports only core/model/.',
    { path: '^core/classify/' }, { path: '^core/', pathNot: '^core/(classify|model)/' }],
  ['policy-imports-model-only', 'The policy is a pure replay of events: it imports only core/model/.',
    { path: '^core/policy/' }, { path: '^core/', pathNot: '^core/(policy|model)/' }],
  ['only-store-imports-duckdb', 'Only core/store/ speaks SQL to DuckDB.',
    { pathNot: '^core/store/' }, { path: DUCKDB }],
  ['formats-not-store', 'Formats parse and map columns; they never drive the store.',
    { path: '^core/formats/' }, { path: '^core/store/' }],
  ['store-not-formats', 'The store keeps rows; it never imports a format.',
    { path: '^core/store/' }, { path: '^core/formats/' }],
  ['store-no-contract', 'The store returns rows: no contract type (the read-model rooms build the answers).',
    { path: '^core/store/' }, { path: '^core/(contract|engine-methods)\\.ts$' }],
  ['core-no-electron', 'core/ is pure TypeScript: no Electron.',
    { path: '^core/' }, { path: ELECTRON }],
  ['core-no-ui', 'core/ is below the shells: it imports neither the renderer nor Electron code.',
    { path: '^core/' }, { path: '^(renderer|electron)/' }],
  ['renderer-types-from-contract', 'The renderer imports types only, and only from the contract and core/model/.',
    { path: '^renderer/' }, { path: '^core/', pathNot: '^core/(contract|engine-methods)\\.ts$|^core/model/' }],
  ['renderer-no-engine-code', 'The renderer imports the contract with `import type` only (never engine code).',
    { path: '^renderer/' }, { path: '^core/', dependencyTypesNot: ['type-only'] }],
  ['electron-main-no-engine', 'Electron\'s main process and preload never load an engine room: the engine runs in the utility process.',
    { path: '^electron/', pathNot: '^electron/engine-process\\.ts$|\\.test\\.ts$' }, { path: `${ENGINE_ROOMS}|${DUCKDB}` }],
];

module.exports = {
  forbidden: [
    ...LAYERS.map(([name, comment, from, to]) => ({ name, comment, severity: 'error', from, to })),
    // a rule about the file itself: a core/*.tsx file that imports, is imported, or stands alone
    ...[{ from: { path: TSX }, to: {} }, { from: {}, to: { path: TSX } }, { from: { path: TSX, orphan: true }, to: {} }].map((edge) => ({
      name: 'core-no-tsx',
      comment: 'core/ holds no UI: a .tsx file belongs in renderer/.',
      severity: 'error',
      ...edge,
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules stays in the graph (not followed): an import of DuckDB or Electron is an edge to it
    exclude: { path: '^(dist|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
