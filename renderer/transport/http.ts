/**
 * The browser transport, for `rebond serve`: POST /api/<method> with JSON, a stream of import
 * progress (one JSON object a line), and uploads of dropped files (the engine imports the
 * temporary copies).
 *
 * The per-run token comes in the printed address's #fragment. It is read once, kept in this
 * tab's sessionStorage (a reload keeps working; no other origin — no other port — can read it),
 * removed from the address bar, and sent in the X-Rebond-Token header of every request. Never
 * a cookie: browsers send a 127.0.0.1 cookie to every port of 127.0.0.1.
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

const TOKEN_HEADER = 'X-Rebond-Token';
const TOKEN_KEY = 'rebond.token';
/** how long the progress stream waits before it reconnects after a drop (EventSource's own default is 3 s) */
const RECONNECT_MS = 1_000;

/** The token from `#token=…` (then taken out of the address bar), or the one this tab kept. */
function takePageToken(): string {
  const fromAddress = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromAddress) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromAddress);
    } catch {
      // storage refused (private mode): the token then lives in memory, until the tab reloads
    }
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return fromAddress;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

async function readError(response: Response): Promise<EngineError> {
  try {
    const body = (await response.json()) as EngineErrorBody;
    return new EngineError(body.message, body.file, body.line, body.problem);
  } catch {
    if (response.status === 401 || response.status === 403) {
      return new EngineError('This page is no longer connected to Rebond. Open the address printed by `rebond serve` again.', undefined, undefined, {
        code: 'host.disconnected',
        params: {},
      });
    }
    return new EngineError(`Rebond did not answer (HTTP ${response.status}).`, undefined, undefined, { code: 'host.noAnswer', params: { status: response.status } });
  }
}

async function post<T>(token: string, path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      credentials: 'omit',
      body: JSON.stringify(body),
    });
  } catch {
    throw new EngineError('Rebond is not running any more. Start it again (`rebond serve`), then reload this page.', undefined, undefined, { code: 'host.stopped', params: {} });
  }
  if (!response.ok) throw await readError(response);
  return (await response.json()) as T;
}

function upload(token: string, file: File, onProgress: (sent: number, total: number) => void): Promise<StagedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', 'host/upload');
    xhr.setRequestHeader(TOKEN_HEADER, token);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new EngineError(`“${file.name}” could not be sent to Rebond (connection lost).`, undefined, undefined, { code: 'upload.interrupted', params: { file: file.name } }));
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as { id: string; path: string } & Partial<EngineErrorBody>;
        if (xhr.status !== 200) {
          return reject(new EngineError(body.message ?? `“${file.name}” could not be sent to Rebond.`, undefined, undefined, body.problem ?? { code: 'upload.interrupted', params: { file: file.name } }));
        }
        resolve({ name: file.name, size: file.size, key: body.path, uploadId: body.id });
      } catch {
        reject(new EngineError(`“${file.name}” could not be sent to Rebond (HTTP ${xhr.status}).`, undefined, undefined, { code: 'upload.interrupted', params: { file: file.name } }));
      }
    };
    xhr.send(file);
  });
}

/**
 * Import progress as the host streams it, one JSON object a line (empty lines keep it alive).
 * fetch rather than EventSource, which cannot send the token header. Reconnects after a drop,
 * as EventSource would; stops when the host no longer knows the token.
 */
function followProgress(token: string, onProgress: (p: ImportProgress) => void): void {
  const connect = async (): Promise<void> => {
    try {
      const response = await fetch('host/events', { headers: { [TOKEN_HEADER]: token }, credentials: 'omit', cache: 'no-store' });
      if (response.status === 401 || response.status === 403) return;
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let pending = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        pending += value;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) onProgress(JSON.parse(line) as ImportProgress);
      }
    } catch {
      // the host restarted or the connection dropped: try again below
    }
    window.setTimeout(() => void connect(), RECONNECT_MS);
  };
  void connect();
}

export function httpTransport(): Transport {
  const token = takePageToken();
  const progressListeners = new Set<(p: ImportProgress) => void>();
  let following = false;
  const ensureEvents = () => {
    if (following) return;
    following = true;
    followProgress(token, (progress) => {
      for (const listener of progressListeners) listener(progress);
    });
  };
  return {
    kind: 'http',
    call<K extends EngineMethod>(method: K, request: EngineRequest<K>): Promise<EngineResponse<K>> {
      return post<EngineResponse<K>>(token, `api/${method}`, request);
    },
    onImportProgress(listener) {
      ensureEvents();
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    async stage(files, onProgress) {
      ensureEvents();
      const staged: StagedFile[] = [];
      try {
        // one at a time: a laptop disk, not a CDN
        for (const [index, file] of files.entries()) {
          staged.push(await upload(token, file, (sent, total) => onProgress(index, sent, total)));
        }
      } catch (error) {
        // the drop failed as a whole: the files already sent would only wait on the host's disk
        if (staged.length) await post(token, 'host/discard', { uploads: staged.map((f) => f.uploadId) }).catch(() => undefined);
        throw error;
      }
      return staged;
    },
    importStaged(files, options: ImportOptions) {
      return post<ImportSummary>(token, 'host/import', { uploads: files.map((f) => f.uploadId), ...options });
    },
    onMenuImport: () => () => undefined,
    onMenuLanguage: () => () => undefined,
  };
}
