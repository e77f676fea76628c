/**
 * The app opened once for a describe block's tests and closed after them: every end-to-end file
 * had the same beforeAll / afterAll. Read `session.page`, `session.app` inside the tests.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { RebondPage } from './app-page';
import { openApp, screenshot, type OpenApp } from './harness';

export interface AppSession {
  readonly opened: OpenApp;
  readonly page: Page;
  readonly app: RebondPage;
}

/** `prepare` makes the workspace before the host opens it (see harness `serve`). */
export function appSession(prepare?: (workspace: string) => Promise<void>): AppSession {
  let opened: OpenApp | undefined;
  let app: RebondPage | undefined;
  beforeAll(async () => {
    opened = await openApp(prepare);
    app = new RebondPage(opened.page);
  }, 60_000);
  afterAll(async () => {
    await opened?.close();
  });
  // the page as the test failed, for the person who reads the failure
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      if (opened) await screenshot(opened.page, `failed-${task.name.replace(/[^\w-]+/g, '-').slice(0, 80)}`, true).catch(() => {});
    });
  });
  const started = () => {
    if (!opened || !app) throw new Error('the app session is used before its beforeAll ran');
    return { opened, app };
  };
  return {
    get opened() {
      return started().opened;
    },
    get page() {
      return started().opened.page;
    },
    get app() {
      return started().app;
    },
  };
}
