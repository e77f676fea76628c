/**
 * The preload: the renderer's only door to Electron. Named functions, one per Engine method plus
 * the shell's few, exposed through contextBridge — never ipcRenderer itself nor a generic
 * invoke(channel). Checked against the renderer's RebondBridge with `satisfies`. Nothing opens
 * links: the renderer has none, and a door it does not use is one a compromised page could.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { EngineMethod, EngineRequest, EngineResponse, ImportProgress, Lang } from '../core/contract';
import type { RebondBridge } from '../renderer/transport/bridge';
import { engineChannel, MENU_IMPORT_CHANNEL, MENU_LANGUAGE_CHANNEL, PROGRESS_CHANNEL } from './channels';

function method<K extends EngineMethod>(name: K) {
  return (request: EngineRequest<K>): Promise<EngineResponse<K>> => ipcRenderer.invoke(engineChannel(name), request);
}

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const handler = (_event: unknown, payload: T) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

export const rebondBridge = {
  importFiles: method('importFiles'),
  listImports: method('listImports'),
  workspaceRepairs: method('workspaceRepairs'),
  removeImport: method('removeImport'),
  address: method('address'),
  searchAddresses: method('searchAddresses'),
  addresses: method('addresses'),
  addressList: method('addressList'),
  addressesBehind: method('addressesBehind'),
  release: method('release'),
  releaseRisk: method('releaseRisk'),
  overview: method('overview'),
  incidents: method('incidents'),
  incidentTouched: method('incidentTouched'),
  addressIncidents: method('addressIncidents'),
  domainFailures: method('domainFailures'),
  classify: method('classify'),
  unknowns: method('unknowns'),
  reclassify: method('reclassify'),
  report: method('report'),
  getSettings: method('getSettings'),
  setSettings: method('setSettings'),
  onImportProgress: (listener: (progress: ImportProgress) => void) => subscribe(PROGRESS_CHANNEL, listener),
  getPathForFile: (file: File) => webUtils.getPathForFile(file),
  onMenuImport: (listener: (paths: string[]) => void) => subscribe(MENU_IMPORT_CHANNEL, listener),
  onMenuLanguage: (listener: (lang: Lang) => void) => subscribe(MENU_LANGUAGE_CHANNEL, listener),
} satisfies RebondBridge;

contextBridge.exposeInMainWorld('rebond', rebondBridge);
