/**
 * What the Electron preload puts on `window.rebond`: one named function per Engine method, plus
 * the few things only the shell can do. Types only, so electron/preload.ts can check itself
 * against it (`satisfies RebondBridge`) and the renderer can call it, without either importing
 * the other's code.
 */
import type { EngineApi, ImportProgress, Lang } from '../../core/contract';

export interface RebondBridge extends EngineApi {
  onImportProgress(listener: (progress: ImportProgress) => void): () => void;
  /** the path of a dropped or picked file (webUtils.getPathForFile); '' when it has none */
  getPathForFile(file: File): string;
  /** File › Import… in the menu: the paths chosen in the native dialog */
  onMenuImport(listener: (paths: string[]) => void): () => void;
  /** the language chosen in the menu */
  onMenuLanguage(listener: (lang: Lang) => void): () => void;
}
