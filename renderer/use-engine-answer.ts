import { useEffect, useState } from 'react';
import type { EngineMethod, EngineRequest, EngineResponse } from '../core/contract';
import { errorMessage, useApp } from './app-context';

/**
 * The one way the screens read from the engine: its answer to one request, asked again when the
 * request, `refresh` or the app's language changes. An answer that arrives after the component
 * has moved on (a newer request, or gone) is dropped, so a slow answer never overwrites a newer
 * one. The last answer stays shown while the next one is on its way; an error replaces it.
 *
 * - `request: null`: nothing to ask (no address yet, a query too short): the answer is null;
 * - `delayMs`: wait that long after the last change before asking (a box being typed in).
 */
export function useEngineAnswer<K extends EngineMethod>(
  method: K,
  request: EngineRequest<K> | null,
  refresh?: unknown,
  delayMs = 0,
): { value: EngineResponse<K> | null; error: string | null } {
  const { transport, lang } = useApp();
  const [value, setValue] = useState<EngineResponse<K> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = request === null ? null : JSON.stringify(request);
  useEffect(() => {
    if (asked === null) {
      setValue(null);
      setError(null);
      return;
    }
    let live = true;
    const ask = () =>
      transport.call(method, JSON.parse(asked) as EngineRequest<K>).then(
        (answer) => {
          if (!live) return;
          setValue(answer);
          setError(null);
        },
        (e) => {
          if (!live) return;
          setValue(null);
          setError(errorMessage(e));
        },
      );
    const timer = delayMs > 0 ? setTimeout(ask, delayMs) : (ask(), undefined);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // lang: the answer's sentences are in the app's language, asked again when it changes
  }, [transport, method, asked, refresh, lang, delayMs]);
  return { value, error };
}
