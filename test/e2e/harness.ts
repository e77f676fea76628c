/**
 * End-to-end harness: `rebond serve` on a temporary database (the real command, as a user runs
 * it) and headless Chromium driven by playwright-core. Both are stopped by the test that started them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
export const RESULTS = join(ROOT, 'test-results');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** REBOND_E2E_SOURCES=1 runs `rebond` from the sources instead of dist/cli.mjs. */
const FROM_SOURCES = process.env.REBOND_E2E_SOURCES === '1';

export function canRun(): string | null {
  if (!FROM_SOURCES && !existsSync(join(ROOT, 'dist', 'cli.mjs'))) return 'run `npm run build` first (dist/cli.mjs is missing)';
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) return 'run `npm run build` first (dist/renderer is missing)';
  if (!existsSync(CHROMIUM)) return `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`;
  return null;
}

export interface Served {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

/** Starts `rebond serve --db <tmp> --port 0` and reads the one line it prints: the URL to open. */
export async function serve(prepare?: (workspace: string) => Promise<void>): Promise<Served> {
  const dir = await mkdtemp(join(tmpdir(), 'rebond-e2e-'));
  // a workspace made before the host opens it (e.g. one a crash left half-done)
  await prepare?.(join(dir, 'workspace.duckdb'));
  const command = FROM_SOURCES ? ['--import', 'tsx', join(ROOT, 'test', 'e2e', 'cli-from-sources.ts')] : [join(ROOT, 'bin', 'rebond.mjs')];
  const child: ChildProcess = spawn(process.execPath, [...command, 'serve', '--db', join(dir, 'workspace.duckdb'), '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rebond serve printed nothing in 30 s. ${stderr}`)), 30_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`rebond serve exited with ${code}: ${stderr}`)));
  });
  const extra: string[] = [];
  lines.on('line', (line) => extra.push(line));
  return {
    url,
    dir,
    async stop() {
      if (extra.length) throw new Error(`rebond serve printed more than the URL: ${extra.join(' | ')}`);
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One Chromium per test worker, shared by the files it runs: each file opens its own context
 * (cookies, storage, locale, time zone, pages) and closes it, so no file sees another's. With a
 * browser per file (fifteen launches), Chromium's processes used 107 s of processor time for
 * test/e2e, 101 s shared. Playwright stops the browser when the worker exits.
 */
let shared: Promise<Browser> | undefined;

async function sharedBrowser(): Promise<Browser> {
  // a launch that failed, or a browser that went away, is launched again for the next file
  const open = await shared?.catch(() => undefined);
  if (open?.isConnected()) return open;
  shared = launchBrowser();
  return shared;
}

/** A Chromium of the caller's own (the UI benchmark's), which the caller closes. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** A browser context of its own for a test file, in the shared Chromium: close it when done. */
export async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return (await sharedBrowser()).newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Paris', ...options });
}

/**
 * Screenshots are for a person reading the screens: with REBOND_SCREENSHOTS=1 each test leaves its
 * own in test-results/, and a failed test always leaves one of the page as it failed
 * (`appSession`). They are not taken otherwise: a full page cost Chromium about 0.9 s of processor
 * time, and the suite takes forty of them.
 */
const SCREENSHOTS = process.env.REBOND_SCREENSHOTS === '1';

export async function screenshot(page: Page, name: string, always = false): Promise<void> {
  if (!SCREENSHOTS && !always) return;
  await mkdir(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
}

export interface OpenApp {
  served: Served;
  context: BrowserContext;
  page: Page;
  /** console errors and uncaught exceptions seen on the page */
  consoleErrors: string[];
  close(): Promise<void>;
}

/**
 * A fresh workspace served by `rebond serve`, opened in a headless Chromium page (English, Paris
 * time, unless `options` say otherwise).
 */
export async function openApp(prepare?: (workspace: string) => Promise<void>, options: BrowserContextOptions = {}): Promise<OpenApp> {
  const served = await serve(prepare);
  let context: BrowserContext | undefined;
  try {
    context = await newContext(options);
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(served.url);
    const opened = context;
    return {
      served,
      context: opened,
      page,
      consoleErrors,
      async close() {
        await opened.close();
        await served.stop();
      },
    };
  } catch (e) {
    await context?.close();
    await served.stop();
    throw e;
  }
}
