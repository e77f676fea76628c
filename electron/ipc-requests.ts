/**
 * IPC requests checked before the engine sees them, by the Engine's method table
 * (core/engine-methods.ts) — the very rules the browser host and the CLI apply: the engine trusts
 * its shells' types, and a renderer that was tricked into sending `{ address: 5 }` must be told
 * what is wrong, not make the engine fail deep inside.
 *
 * In the desktop app the renderer names the files to import — the paths of the files dropped or
 * chosen, from webUtils.getPathForFile — which the browser host never lets a page do.
 */
import { checkRequest, type EngineMethod, type EngineRequest } from '../core/engine-methods';

export { InvalidRequestError } from '../core/engine-methods';

/** The request, as the engine may receive it (unknown fields dropped), or InvalidRequestError. */
export function checkedRequest<K extends EngineMethod>(method: K, body: unknown): EngineRequest<K> {
  return checkRequest(method, body);
}
