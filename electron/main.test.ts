import { describe, expect, it, vi } from 'vitest';
import { ENGINE_METHODS } from '../core/contract';
import { APP_URL, CONTENT_SECURITY_POLICY } from './security';

// Everything the main process touches, recorded: the test reads what main.ts asked Electron to do.
const h = vi.hoisted(() => {
  const record = {
    windows: [] as { options: { webPreferences: Record<string, unknown> }; loaded: string[] }[],
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
    headersListener: undefined as undefined | ((details: unknown, cb: (r: unknown) => void) => void),
    forked: [] as { modulePath: string; args: string[]; posted: unknown[] }[],
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
    menus: [] as unknown[],
    appListeners: new Map<string, (...args: unknown[]) => void>(),
    sandboxed: false,
  };
  return record;
});

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { send: vi.fn(), isDestroyed: () => false };
    loaded: string[] = [];
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      h.windows.push(this);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
    isDestroyed() {
      return false;
    }
  }
  return {
    app: {
      whenReady: () => Promise.resolve(),
      getPath: () => '/tmp/rebond-main-test-userdata',
      getLocale: () => 'fr-FR',
      requestSingleInstanceLock: () => true,
      enableSandbox: () => (h.sandboxed = true),
      on: (name: string, listener: (...args: unknown[]) => void) => h.appListeners.set(name, listener),
      quit: vi.fn(),
    },
    BrowserWindow,
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => h.menus.push(m) },
    dialog: { showOpenDialog: vi.fn(), showErrorBox: vi.fn() },
    ipcMain: { handle: (channel: string, l: (event: unknown, ...args: unknown[]) => Promise<unknown>) => h.handlers.set(channel, l) },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => h.schemes.push(...s),
      handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => h.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (l: typeof h.headersListener) => (h.headersListener = l) },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    shell: { openExternal: vi.fn() },
    utilityProcess: {
      fork: (modulePath: string, args: string[]) => {
        const child = { modulePath, args, posted: [] as unknown[], postMessage: (m: unknown) => child.posted.push(m), on: () => child, kill: () => true };
        h.forked.push(child);
        return child;
      },
    },
  };
});

async function started() {
  await import('./main');
  await vi.waitFor(() => expect(h.windows[0]?.loaded.length).toBe(1));
}

describe('the main process', () => {
  it('opens one sandboxed, isolated window on the app URL', async () => {
    await started();
    expect(h.sandboxed).toBe(true);
    const prefs = h.windows[0].options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(h.windows[0].loaded).toEqual([APP_URL]);
    expect(h.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('puts the engine in a utility process with the workspace in the user data folder', async () => {
    await started();
    expect(h.forked[0].modulePath).toMatch(/engine-process\.cjs$/);
    expect(h.forked[0].args).toEqual(['--db', '/tmp/rebond-main-test-userdata/workspace.duckdb']);
  });

  it('sets the strict CSP on every response', async () => {
    await started();
    let answer: { responseHeaders?: Record<string, unknown> } = {};
    h.headersListener!({ url: APP_URL, responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (r) => (answer = r as typeof answer));
    expect(answer.responseHeaders).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('answers the named Engine channels, and refuses a foreign sender', async () => {
    await started();
    expect([...h.handlers.keys()].filter((c) => c.startsWith('engine:')).sort()).toEqual(ENGINE_METHODS.map((m) => `engine:${m}`).sort());
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(h.handlers.get('engine:address')!(foreign, { address: 'a@b.fr' })).rejects.toThrow(/Refused/);
    const ours = { senderFrame: { url: APP_URL, parent: null } };
    void h.handlers.get('engine:address')!(ours, { address: 'a@b.fr' });
    expect(h.forked[0].posted.at(-1)).toMatchObject({ method: 'address', request: { address: 'a@b.fr' } });
    // a request of the wrong shape, even from our page, is refused before the engine process
    const posted = h.forked[0].posted.length;
    await expect(h.handlers.get('engine:address')!(ours, { address: ['a@b.fr'] })).rejects.toThrow(/“address” must be a text/);
    expect(h.forked[0].posted).toHaveLength(posted);
    expect([...h.handlers.keys()].filter((c) => !c.startsWith('engine:'))).toEqual([]);
  });

  it('guards every web contents and serves only the renderer folder', async () => {
    await started();
    expect(h.appListeners.has('web-contents-created')).toBe(true);
    const answer = await h.protocolHandlers.get('app')!({ url: 'app://rebond/../../etc/passwd' });
    expect(answer.status).toBe(404);
  });

  it('has a File › Import… item and a language menu in the system language', async () => {
    await started();
    const menu = h.menus[0] as { label?: string; submenu?: { label?: string; checked?: boolean }[] }[];
    const file = menu.find((m) => m.label === 'Fichier')!;
    expect(file.submenu!.map((i) => i.label)).toContain('Importer…');
    const language = menu.find((m) => m.label === 'Langue')!;
    expect(language.submenu!.find((i) => i.checked)?.label).toBe('Français');
  });
});
