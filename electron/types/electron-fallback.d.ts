/**
 * The slice of Electron's API that electron/ uses, for type-checking where the `electron` package
 * could not be installed (its postinstall downloads a binary; CI and offline machines cannot).
 * tsconfig.electron.json maps `electron` to node_modules/electron first, to this file only when
 * that is absent; signatures are copied from electron.d.ts 45 so code checked here checks there.
 */
type Listener = (...args: any[]) => void;

export interface Event<Params = object> {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}
export type WillNavigateEvent = Event & { url: string; isMainFrame: boolean };

export interface WebFrameMain {
  readonly url: string;
  readonly origin: string;
  readonly top: WebFrameMain | null;
  readonly parent: WebFrameMain | null;
}

export interface WebPreferences {
  preload?: string;
  sandbox?: boolean;
  contextIsolation?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInWorker?: boolean;
  nodeIntegrationInSubFrames?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  webviewTag?: boolean;
  spellcheck?: boolean;
  navigateOnDragDrop?: boolean;
  safeDialogs?: boolean;
  experimentalFeatures?: boolean;
  devTools?: boolean;
}

export interface HandlerDetails {
  url: string;
  frameName: string;
  disposition: string;
}
export interface WindowOpenHandlerResponse {
  action: 'allow' | 'deny';
}

export interface WebContents {
  readonly id: number;
  send(channel: string, ...args: any[]): void;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: WillNavigateEvent) => void): this;
  on(event: 'will-attach-webview', listener: (event: Event, webPreferences: WebPreferences, params: Record<string, string>) => void): this;
  on(event: string, listener: Listener): this;
  isDestroyed(): boolean;
}

export interface BrowserWindowConstructorOptions {
  width?: number;
  height?: number;
  minWidth?: number;
  minHeight?: number;
  show?: boolean;
  title?: string;
  backgroundColor?: string;
  icon?: string;
  webPreferences?: WebPreferences;
}
export declare class BrowserWindow {
  constructor(options?: BrowserWindowConstructorOptions);
  readonly webContents: WebContents;
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  once(event: 'ready-to-show', listener: () => void): this;
  on(event: 'closed', listener: () => void): this;
  static getAllWindows(): BrowserWindow[];
}

export interface MenuItemConstructorOptions {
  label?: string;
  role?: string;
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio';
  accelerator?: string;
  checked?: boolean;
  enabled?: boolean;
  click?: (...args: any[]) => void;
  submenu?: MenuItemConstructorOptions[];
}
export declare class Menu {
  static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu;
  static setApplicationMenu(menu: Menu | null): void;
}

export interface IpcMainInvokeEvent extends Event {
  readonly senderFrame: WebFrameMain | null;
  sender: WebContents;
}
export interface IpcMain {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: any[]) => Promise<any> | any): void;
  removeHandler(channel: string): void;
}
export declare const ipcMain: IpcMain;

export interface IpcRendererEvent extends Event {
  sender: IpcRenderer;
}
export interface IpcRenderer {
  invoke(channel: string, ...args: any[]): Promise<any>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: any[]) => void): this;
  removeListener(channel: string, listener: (...args: any[]) => void): this;
}
export declare const ipcRenderer: IpcRenderer;

export interface ContextBridge {
  exposeInMainWorld(apiKey: string, api: any): void;
}
export declare const contextBridge: ContextBridge;

export interface WebUtils {
  getPathForFile(file: File): string;
}
export declare const webUtils: WebUtils;

export interface Shell {
  openExternal(url: string, options?: { activate?: boolean }): Promise<void>;
}
export declare const shell: Shell;

export interface OpenDialogOptions {
  title?: string;
  properties?: Array<'openFile' | 'openDirectory' | 'multiSelections' | 'showHiddenFiles'>;
  filters?: { name: string; extensions: string[] }[];
}
export interface OpenDialogReturnValue {
  canceled: boolean;
  filePaths: string[];
}
export interface Dialog {
  showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showErrorBox(title: string, content: string): void;
}
export declare const dialog: Dialog;

export interface OnHeadersReceivedListenerDetails {
  url: string;
  resourceType: string;
  responseHeaders?: Record<string, string[]>;
}
export interface HeadersReceivedResponse {
  cancel?: boolean;
  responseHeaders?: Record<string, string | string[]>;
}
export interface WebRequest {
  onHeadersReceived(
    listener: ((details: OnHeadersReceivedListenerDetails, callback: (response: HeadersReceivedResponse) => void) => void) | null,
  ): void;
}
export interface Session {
  readonly webRequest: WebRequest;
  setPermissionRequestHandler(handler: ((webContents: WebContents, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((webContents: WebContents | null, permission: string) => boolean) | null): void;
}
export declare const session: { readonly defaultSession: Session };

export interface CustomScheme {
  scheme: string;
  privileges?: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; corsEnabled?: boolean; stream?: boolean };
}
export interface Protocol {
  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}
export declare const protocol: Protocol;

export interface Net {
  fetch(input: string | Request, init?: RequestInit & { bypassCustomProtocolHandlers?: boolean }): Promise<Response>;
}
export declare const net: Net;

export interface App {
  whenReady(): Promise<void>;
  getPath(name: 'userData' | 'home' | 'temp' | 'documents'): string;
  getLocale(): string;
  getAppPath(): string;
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  enableSandbox(): void;
  quit(): void;
  exit(exitCode?: number): void;
  on(event: string, listener: Listener): this;
}
export declare const app: App;

export interface ForkOptions {
  env?: Record<string, string | undefined>;
  execArgv?: string[];
  cwd?: string;
  stdio?: 'pipe' | 'ignore' | 'inherit' | Array<'pipe' | 'ignore' | 'inherit'>;
  serviceName?: string;
}
export declare class UtilityProcess {
  static fork(modulePath: string, args?: string[], options?: ForkOptions): UtilityProcess;
  readonly pid: number | undefined;
  postMessage(message: any): void;
  kill(): boolean;
  on(event: 'message', listener: (message: any) => void): this;
  on(event: 'exit', listener: (code: number) => void): this;
  on(event: 'spawn', listener: () => void): this;
}
export declare const utilityProcess: typeof UtilityProcess;
