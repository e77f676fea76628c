/**
 * The renderer's only way to the Engine (after Tad's Transport): the screens never know whether
 * they run in Electron or in a browser tab served by `rebond serve`.
 */
import type {
  EngineMethod,
  EngineRequest,
  EngineResponse,
  FormatChoice,
  ImportProgress,
  ImportSummary,
  Lang,
} from '../../core/contract';
import type { Problem } from '../../core/model/problems';

/** A file the user dropped, made reachable by the engine: a path (Electron) or an upload (browser). */
export interface StagedFile {
  name: string;
  size: number;
  /** the path the engine reads and reports progress under */
  key: string;
  /** browser host only: the id of the uploaded temporary copy */
  uploadId?: string;
}

export interface ImportOptions {
  format?: FormatChoice;
  timeZone?: string;
  year?: number;
  /** the language of the import's errors */
  lang?: Lang;
}

export interface Transport {
  readonly kind: 'electron' | 'http';
  call<K extends EngineMethod>(method: K, request: EngineRequest<K>): Promise<EngineResponse<K>>;
  onImportProgress(listener: (progress: ImportProgress) => void): () => void;
  /** make dropped files reachable by the engine; reports upload progress per file (browser) */
  stage(files: File[], onProgress: (index: number, sent: number, total: number) => void): Promise<StagedFile[]>;
  importStaged(files: StagedFile[], options: ImportOptions): Promise<ImportSummary>;
  /** File › Import… (Electron menu): paths chosen in a native dialog */
  onMenuImport(listener: (paths: string[]) => void): () => void;
  onMenuLanguage(listener: (lang: Lang) => void): () => void;
}

/** A failure the screens can show as is: the engine's message, in plain words. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    /** the problem as a code: the screens word it in the app's language */
    readonly problem?: Problem,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
