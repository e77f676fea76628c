/**
 * The Electron main process: one window on app://rebond, the engine in a utility process, the
 * preload's named calls answered here. Thin on purpose — every decision lives in a small module
 * (security, ipc, menu, app-protocol, engine-client) that the tests exercise without Electron.
 */
import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, utilityProcess } from 'electron';
import type { Lang } from '../core/contract';
import { answerAppRequest } from './app-protocol';
import { MENU_IMPORT_CHANNEL, MENU_LANGUAGE_CHANNEL, PROGRESS_CHANNEL } from './channels';
import { EngineClient } from './engine-client';
import { registerIpcHandlers } from './ipc';
import { menuTemplate, systemLang } from './menu';
import { builtPaths, workspacePath } from './paths';
import { APP_SCHEME, APP_URL, denyAllPermissions, guardNavigation, secureWebPreferences, withContentSecurityPolicy } from './security';

const paths = builtPaths(__dirname);
let mainWindow: BrowserWindow | null = null;
let engine: EngineClient | null = null;
let lang: Lang = 'en';

// must happen before `ready`: app:// behaves like https (an origin, fetch, secure context)
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // every web contents, present and future, gets the same guards
  app.on('web-contents-created', (_event: unknown, contents: Parameters<typeof guardNavigation>[0]) => guardNavigation(contents, shell));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event: { preventDefault(): void }) => {
    if (!engine) return;
    event.preventDefault();
    const stopping = engine;
    engine = null;
    void stopping.stop().finally(() => app.quit());
  });
  void app.whenReady().then(start);
}

function send(channel: string, payload: unknown): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
}

function installMenu(): void {
  const template = menuTemplate(lang, {
    importFiles: () => void chooseFilesToImport(),
    setLanguage: (next) => {
      lang = next;
      installMenu();
      send(MENU_LANGUAGE_CHANNEL, next);
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template as Parameters<typeof Menu.buildFromTemplate>[0]));
}

async function chooseFilesToImport(): Promise<void> {
  if (!mainWindow) return;
  const result = await dialog.showOpenDialog(mainWindow, {
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Exports and logs', extensions: ['csv', 'json', 'jsonl', 'ndjson', 'log', 'txt', 'acct'] },
      { name: '*', extensions: ['*'] },
    ],
  });
  if (!result.canceled && result.filePaths.length) send(MENU_IMPORT_CHANNEL, result.filePaths);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  mkdirSync(userData, { recursive: true });
  lang = systemLang(app.getLocale());

  const child = utilityProcess.fork(paths.engineProcess, ['--db', workspacePath(userData)], {
    serviceName: 'Rebond engine',
    stdio: 'inherit',
  });
  engine = new EngineClient(
    child,
    (progress) => send(PROGRESS_CHANNEL, progress),
    (message) => dialog.showErrorBox('Rebond', `The workspace could not be opened: ${message}`),
  );
  const client = engine;

  protocol.handle(APP_SCHEME, (request: Request) => answerAppRequest(paths.renderer, request.url, (file) => readFile(file)));
  const ses = session.defaultSession;
  denyAllPermissions(ses);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
  registerIpcHandlers(ipcMain, client);
  installMenu();

  mainWindow = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Rebond',
    backgroundColor: '#f4f6fa',
    webPreferences: secureWebPreferences(paths.preload),
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  await mainWindow.loadURL(APP_URL);
}
