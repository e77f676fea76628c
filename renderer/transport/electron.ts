/** The Electron transport: named functions from the preload (window.rebond), nothing generic. */
import type { EngineMethod, EngineRequest, EngineResponse } from '../../core/contract';
import type { Problem } from '../../core/model/problems';
import type { RebondBridge } from './bridge';
import { EngineError, type StagedFile, type Transport } from './transport';
import { readIpcError } from './ipc-error';

export function electronTransport(bridge: RebondBridge): Transport {
  return {
    kind: 'electron',
    async call<K extends EngineMethod>(method: K, request: EngineRequest<K>): Promise<EngineResponse<K>> {
      const fn = bridge[method] as unknown as (req: EngineRequest<K>) => Promise<EngineResponse<K>>;
      try {
        return await fn(request);
      } catch (error) {
        // only the message crosses Electron's IPC: the problem's code and parameters ride in it
        const body = readIpcError(error instanceof Error ? error.message : String(error));
        throw new EngineError(body.message, body.file, body.line, body.problem);
      }
    },
    onImportProgress: (listener) => bridge.onImportProgress(listener),
    async stage(files, onProgress) {
      return files.map((file, index): StagedFile => {
        onProgress(index, file.size, file.size);
        const path = bridge.getPathForFile(file);
        if (!path) {
          // a code, so that the Import screen says it in the app's language
          const problem: Problem = { code: 'file.notOnDisk', params: { file: file.name } };
          throw new EngineError(`${file.name} cannot be read from disk: drop a file from a folder.`, file.name, undefined, problem);
        }
        return { name: file.name, size: file.size, key: path };
      });
    },
    async importStaged(files, options) {
      return this.call('importFiles', { paths: files.map((f) => f.key), ...options });
    },
    onMenuImport: (listener) => bridge.onMenuImport(listener),
    onMenuLanguage: (listener) => bridge.onMenuLanguage(listener),
  };
}
