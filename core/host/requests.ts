/**
 * Request bodies at the browser host's door: JSON objects, checked by the Engine's method table
 * (core/engine-methods.ts) before the engine sees them; a request that fails is a 400.
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { checkRequest, IMPORT_OPTIONS, InvalidRequestError, isEngineMethod, parseRequest, type EngineMethod, type EngineRequest } from '../engine-methods';
import { HttpError } from './public-errors';

const MAX_JSON_BYTES = 10 * 1024 * 1024;

export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  // a JSON content type cannot be sent by a plain HTML form: one more wall against cross-site posts
  if (!type.startsWith('application/json')) throw new HttpError(415, 'Requests must be JSON.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) throw new HttpError(413, 'The request is too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, 'The request is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'The request must be a JSON object { … }.');
  return value as Record<string, unknown>;
}

// ------------------------------------------------------------------ the shapes

/** importFiles opens whatever paths it is given: a page has no business naming files on this machine (see `/host/import`). */
const NOT_FROM_A_PAGE: ReadonlySet<EngineMethod> = new Set<EngineMethod>(['importFiles']);

export function isBrowserMethod(name: string): name is EngineMethod {
  return isEngineMethod(name) && !NOT_FROM_A_PAGE.has(name);
}

/** `/host/import`: the uploads to import (ids from `/host/upload`) and the import options. */
const IMPORT_UPLOADS = z.object({ uploads: z.array(z.string()), ...IMPORT_OPTIONS.shape });
export type ImportUploadsRequest = z.output<typeof IMPORT_UPLOADS>;

function asHttp<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof InvalidRequestError) throw new HttpError(400, error.message);
    throw error;
  }
}

export function engineRequest<K extends EngineMethod>(method: K, body: unknown): EngineRequest<K> {
  return asHttp(() => checkRequest(method, body));
}

export function importUploadsRequest(body: unknown): ImportUploadsRequest {
  return asHttp(() => parseRequest(IMPORT_UPLOADS, 'The import request', body));
}
