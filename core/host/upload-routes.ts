/**
 * The dropped files' three routes: `POST /host/upload` streams one file to a temporary copy,
 * `POST /host/import` imports copies under their original names (then deletes them),
 * `POST /host/discard` deletes copies the page gave up on (a later file was refused).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineApi, ImportRequest } from '../contract';
import { idleUntilAnswered } from './connection-limits';
import { HttpError } from './public-errors';
import { publicImportSummary, withDisplayNames } from './public-summary';
import { importUploadsRequest, readJsonObject } from './requests';
import { sendJson } from './respond';
import { uploadName, type UploadArea } from './uploads';

export async function receiveUpload(uploads: UploadArea, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
  const upload = await uploads.receive(uploadName(req.headers['x-file-name']), req, declared);
  idleUntilAnswered(req);
  sendJson(res, 200, { id: upload.id, path: upload.path, bytes: upload.bytes });
}

export async function importUploads(
  engine: EngineApi,
  uploads: UploadArea,
  log: (line: string) => void,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = importUploadsRequest(await readJsonObject(req));
  idleUntilAnswered(req);
  if (!body.uploads.length) throw new HttpError(400, 'No file to import.');
  const taken = uploads.take(body.uploads);
  let summary;
  try {
    const request: ImportRequest = {
      paths: taken.map((u) => u.path),
      displayNames: taken.map((u) => u.name),
    };
    if (body.lang !== undefined) request.lang = body.lang;
    if (body.format !== undefined) request.format = body.format;
    if (body.timeZone !== undefined) request.timeZone = body.timeZone;
    if (body.year !== undefined) request.year = body.year;
    summary = await engine.importFiles(request);
  } catch (error) {
    // a failure of the whole import may name a temporary copy too
    if (error instanceof Error) error.message = withDisplayNames(error.message, taken);
    throw error;
  } finally {
    await uploads.finished(taken);
  }
  sendJson(res, 200, publicImportSummary(summary, taken, log));
}

export async function discardUploads(uploads: UploadArea, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = importUploadsRequest(await readJsonObject(req));
  idleUntilAnswered(req);
  sendJson(res, 200, { discarded: await uploads.release(body.uploads) });
}
