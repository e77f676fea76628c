/**
 * The browser transport, for `rebond serve`: POST /api/<method> with JSON, server-sent events
 * for import progress, and uploads of dropped files (the engine imports the temporary copies).
 * The per-run token travels in the HttpOnly cookie the host set when the page was opened.
 */
import type {
  EngineErrorBody,
  EngineMethod,
  EngineRequest,
  EngineResponse,
  ImportProgress,
  ImportSummary,
} from '../../core/contract';
import { EngineError, type ImportOptions, type StagedFile, type Transport } from './transport';

async function readError(response: Response): Promise<EngineError> {
  try {
    const body = (await response.json()) as EngineErrorBody;
    return new EngineError(body.message, body.file, body.line);
  } catch {
    if (response.status === 401 || response.status === 403) {
      return new EngineError('This page is no longer connected to Rebond. Open the address printed by `rebond serve` again.');
    }
    return new EngineError(`Rebond did not answer (HTTP ${response.status}).`);
  }
}

async function post<T>(path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
  } catch {
    throw new EngineError('Rebond is not running any more. Start it again with `npm run serve`.');
  }
  if (!response.ok) throw await readError(response);
  return (await response.json()) as T;
}

function upload(file: File, onProgress: (sent: number, total: number) => void): Promise<StagedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', 'host/upload');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new EngineError(`“${file.name}” could not be sent to Rebond (connection lost).`));
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as { id: string; path: string } & Partial<EngineErrorBody>;
        if (xhr.status !== 200) return reject(new EngineError(body.message ?? `“${file.name}” could not be sent to Rebond.`));
        resolve({ name: file.name, size: file.size, key: body.path, uploadId: body.id });
      } catch {
        reject(new EngineError(`“${file.name}” could not be sent to Rebond (HTTP ${xhr.status}).`));
      }
    };
    xhr.send(file);
  });
}

export function httpTransport(): Transport {
  const progressListeners = new Set<(p: ImportProgress) => void>();
  let source: EventSource | null = null;
  const ensureEvents = () => {
    if (source) return;
    source = new EventSource('host/events');
    source.addEventListener('importProgress', (e) => {
      const progress = JSON.parse((e as MessageEvent<string>).data) as ImportProgress;
      for (const listener of progressListeners) listener(progress);
    });
  };
  return {
    kind: 'http',
    call<K extends EngineMethod>(method: K, request: EngineRequest<K>): Promise<EngineResponse<K>> {
      return post<EngineResponse<K>>(`api/${method}`, request);
    },
    onImportProgress(listener) {
      ensureEvents();
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    async stage(files, onProgress) {
      ensureEvents();
      const staged: StagedFile[] = [];
      // one at a time: a laptop disk, not a CDN
      for (const [index, file] of files.entries()) {
        staged.push(await upload(file, (sent, total) => onProgress(index, sent, total)));
      }
      return staged;
    },
    importStaged(files, options: ImportOptions) {
      return post<ImportSummary>('host/import', { uploads: files.map((f) => f.uploadId), ...options });
    },
    onMenuImport: () => () => undefined,
    onMenuLanguage: () => () => undefined,
  };
}
