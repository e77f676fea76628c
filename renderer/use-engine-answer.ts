import { useEffect, useState } from 'react';
import type { EngineMethod, EngineRequest, EngineResponse } from '../core/contract';
import { errorMessage, useApp } from './app-context';

/**
 * The engine's answer to one request, asked again when the request or `refresh` changes; an
 * answer that arrives after the component has moved on is dropped. The last answer stays shown
 * while the next one is on its way.
 */
export function useEngineAnswer<K extends EngineMethod>(
  method: K,
  request: EngineRequest<K>,
  refresh?: unknown,
): { value: EngineResponse<K> | null; error: string | null } {
  const { transport, lang } = useApp();
  const [value, setValue] = useState<EngineResponse<K> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = JSON.stringify(request);
  useEffect(() => {
    let live = true;
    transport.call(method, JSON.parse(asked) as EngineRequest<K>).then(
      (answer) => live && setValue(answer),
      (e) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
    // lang: the answer's sentences are in the app's language, asked again when it changes
  }, [transport, method, asked, refresh, lang]);
  return { value, error };
}
