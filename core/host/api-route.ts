/**
 * `POST /api/<method>`: one Engine method, its request checked by the method table
 * (requests.ts). Not importFiles: a page never names files on this machine.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineApi, Settings } from '../contract';
import { policyFileCode, policyFileProblem } from './policy-file';
import { HttpError } from './public-errors';
import { engineRequest, isBrowserMethod, readJsonObject } from './requests';
import { idleUntilAnswered } from './connection-limits';
import { sendJson } from './respond';

const IMPORT_BY_PATH_REFUSED =
  'In the browser, Rebond imports only the files dropped or chosen on the Import screen: it does not open paths sent by a page.';

/**
 * The engine checks a new policy file too, but its message may quote the file: here the page is
 * told what is wrong in words that never repeat what the file holds (policy-file.ts).
 */
async function refuseUnloadablePolicyFile(changes: Partial<Settings>): Promise<void> {
  if (!changes.policyFile) return;
  const problem = await policyFileProblem(changes.policyFile);
  if (problem) throw new HttpError(400, problem, (await policyFileCode(changes.policyFile)) ?? undefined);
}

/** An unknown import is the page's mistake (404), not a failure of the workspace. */
async function refuseUnknownImport(engine: EngineApi, id: number): Promise<void> {
  const imports = await engine.listImports({});
  if (!imports.some((record) => record.id === id)) throw new HttpError(404, `There is no import number ${id}.`);
}

export async function callEngineMethod(engine: EngineApi, name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (name === 'importFiles') throw new HttpError(403, IMPORT_BY_PATH_REFUSED);
  if (!isBrowserMethod(name)) throw new HttpError(404, `Rebond has no method “${name}”.`);
  if (req.method !== 'POST') throw new HttpError(405, `“${name}” is called with POST.`);
  const request = engineRequest(name, await readJsonObject(req));
  idleUntilAnswered(req);
  if (name === 'removeImport') await refuseUnknownImport(engine, (request as { id: number }).id);
  if (name === 'setSettings') await refuseUnloadablePolicyFile(request as Partial<Settings>);
  const call = engine[name] as (req: unknown) => Promise<unknown>;
  sendJson(res, 200, await call.call(engine, request));
}
