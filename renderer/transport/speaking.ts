/**
 * The app's language, sent with every request whose answer has words in it: the engine speaks
 * the language the agent reads, not the one the workspace (or the operating system) was set to.
 */
import type { EngineMethod, EngineRequest, Lang } from '../../core/contract';
import type { Transport } from './transport';

/** The methods whose answers carry sentences, and take `lang`. */
const WORDED = new Set<EngineMethod>(['address', 'release', 'releaseRisk', 'incidents', 'addressIncidents', 'report']);

export function speaking(transport: Transport, lang: () => Lang): Transport {
  return {
    ...transport,
    kind: transport.kind,
    call(method, request) {
      const asked = WORDED.has(method) && !(request as { lang?: Lang }).lang ? ({ ...(request as object), lang: lang() } as EngineRequest<typeof method>) : request;
      return transport.call(method, asked);
    },
    importStaged(files, options) {
      return transport.importStaged(files, { lang: lang(), ...options });
    },
  };
}
