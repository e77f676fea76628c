// The layering rule (ARCHITECTURE.md, after VS Code's code-layering): each folder may import only
// what its runtime has. core/ is pure Node (no Electron, React, DOM); renderer/ is the browser
// (no Electron, no Node, only *types* from core/); electron/ is a thin shell that never loads the
// engine in the main process. Plus a few rules that catch bugs, not style.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs',
  'fs/promises', 'http', 'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process',
  'readline', 'stream', 'stream/promises', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

const UI_PACKAGES = [
  'react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'recharts', 'react-dropzone',
  '@tanstack/react-virtual', 'i18next', 'react-i18next',
];

const restrict = (paths, patterns) => ['error', { paths, patterns }];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'release/**', 'node_modules/**', 'test-results/**', '**/*.d.ts'] },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      // a few sane rules: bugs and security, not style
      'no-debugger': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-var': 'error',
      'no-dupe-keys': 'error',
      'no-dupe-else-if': 'error',
      'no-duplicate-case': 'error',
      'no-self-assign': 'error',
      'no-unsafe-finally': 'error',
      'no-unreachable': 'error',
      'no-sparse-arrays': 'error',
      'use-isnan': 'error',
      'valid-typeof': 'error',
      'no-restricted-syntax': [
        'error',
        {
          // React escapes text; HTML from bounce texts (written by strangers) must never be injected
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Never inject HTML: bounce texts are written by strangers. Render text, React escapes it.',
        },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          { name: 'electron', message: 'core/ is pure TypeScript: no Electron (ARCHITECTURE.md).' },
          ...UI_PACKAGES.map((name) => ({ name, message: 'core/ is pure TypeScript: no React or UI packages.' })),
        ],
        [
          { group: ['electron/*', 'react-dom/*', 'recharts/*'], message: 'core/ may not import UI or Electron code.' },
          { group: ['**/renderer/**', '**/electron/**', '../renderer', '../electron'], message: 'core/ is below the shells: it may not import them.' },
        ],
      ),
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'localStorage', 'sessionStorage', 'HTMLElement', 'XMLHttpRequest'].map((name) => ({
          name,
          message: 'core/ runs in Node, the CLI and a utility process: no DOM.',
        })),
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to Electron only through window.rebond (the preload).' },
            ...NODE_BUILTINS.map((name) => ({ name, message: 'The renderer is a browser page: no Node modules.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer is a browser page: no Node modules.' },
            { group: ['electron/*', '**/electron/**'], message: 'The renderer may not import Electron code.' },
            {
              group: ['**/core/**', '../core', '../../core'],
              allowTypeImports: true,
              message: 'The renderer imports the Engine contract with `import type` only (never engine code).',
            },
          ],
        },
      ],
    },
  },
  {
    // the main process and the preload never load the engine: it lives in the utility process
    files: ['electron/**/*.ts'],
    ignores: ['electron/engine-process.ts', 'electron/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...UI_PACKAGES.map((name) => ({ name, message: 'electron/ is a thin shell: UI code lives in renderer/.' })),
            { name: '@duckdb/node-api', message: 'DuckDB runs only in the engine utility process (electron/engine-process.ts).' },
          ],
          patterns: [
            { group: ['**/core/engine', '**/core/store/**', '**/core/formats/**'], message: 'The engine runs in the utility process only.' },
            { group: ['**/renderer/**'], allowTypeImports: true, message: 'electron/ may import renderer types only.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "Property[key.name=/^(nodeIntegration|nodeIntegrationInWorker|webviewTag|allowRunningInsecureContent)$/][value.value=true]",
          message: 'Electron baseline: this web preference stays off (ARCHITECTURE.md).',
        },
        {
          selector: "Property[key.name=/^(contextIsolation|sandbox|webSecurity)$/][value.value=false]",
          message: 'Electron baseline: this web preference stays on (ARCHITECTURE.md).',
        },
      ],
    },
  },
);
