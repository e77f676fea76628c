import type { RebondBridge } from './bridge';
import { electronTransport } from './electron';
import { httpTransport } from './http';
import type { Transport } from './transport';

declare global {
  interface Window {
    /** set by the Electron preload; absent in a browser tab */
    rebond?: RebondBridge;
  }
}

export function detectTransport(): Transport {
  return window.rebond ? electronTransport(window.rebond) : httpTransport();
}

export type { Transport, StagedFile, ImportOptions } from './transport';
export { EngineError } from './transport';
