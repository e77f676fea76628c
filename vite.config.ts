// The renderer bundle: one static page under dist/renderer/, loaded by the browser host
// (`rebond serve`) over http://127.0.0.1 and by Electron over app://rebond/. Relative asset
// paths (`base: './'`) so both work; no inline scripts, so the strict CSP holds.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // a desktop app loads from disk: one chunk per vendor is enough, no warning noise
    chunkSizeWarningLimit: 2000,
    modulePreload: { polyfill: false },
  },
  server: { host: '127.0.0.1' },
});
