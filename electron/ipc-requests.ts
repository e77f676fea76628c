/**
 * IPC requests checked before the engine sees them, by the very rules the browser host applies
 * (core/host/requests.ts): the engine trusts its shells' types, and a renderer that was tricked
 * into sending `{ address: 5 }` must be told what is wrong, not make the engine fail deep inside.
 *
 * importFiles is the one method the browser host has no shape for (a web page may not name files
 * on this machine; it uploads them). In the desktop app the renderer does name them — the paths
 * of the files dropped or chosen, from webUtils.getPathForFile — so the paths are checked here and
 * the import options by the host's own rules for its upload imports.
 */
import type { EngineMethod, EngineRequest, ImportRequest } from '../core/contract';
import { HttpError } from '../core/host/public-errors';
import { engineRequest, importUploadsRequest, isBrowserMethod } from '../core/host/requests';

/** A request the engine will not be given: its message says which field is wrong and why. */
export class InvalidRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

function importRequest(body: unknown): ImportRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidRequestError('The request to “importFiles” is not valid: the request must be an object.');
  }
  const { paths, format, timeZone, year } = body as Record<string, unknown>;
  if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string' && p !== '')) {
    throw new InvalidRequestError('The request to “importFiles” is not valid: “paths” must be a list of file paths.');
  }
  const options = importUploadsRequest({ uploads: [], format, timeZone, year });
  return {
    paths: [...paths] as string[],
    ...(options.format !== undefined ? { format: options.format } : {}),
    ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
    ...(options.year !== undefined ? { year: options.year } : {}),
  };
}

/**
 * The request, as the engine may receive it (unknown fields dropped), or InvalidRequestError.
 * The host's errors carry an HTTP status; over IPC only their words matter.
 */
export function checkedRequest<K extends EngineMethod>(method: K, body: unknown): EngineRequest<K> {
  try {
    if (method === 'importFiles') return importRequest(body) as EngineRequest<K>;
    if (isBrowserMethod(method)) return engineRequest(method, body) as EngineRequest<K>;
  } catch (error) {
    if (error instanceof HttpError) throw new InvalidRequestError(error.message);
    throw error;
  }
  // a method the contract gained that the host's rules do not check yet: refused, not passed unchecked
  throw new InvalidRequestError(`The request to “${method}” cannot be checked, so Rebond refuses it.`);
}
