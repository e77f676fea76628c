/** Where the desktop app keeps things: the workspace in the user's app-data folder. */
import { join } from 'node:path';

export function workspacePath(userData: string): string {
  return join(userData, 'workspace.duckdb');
}

/** dist/electron/ holds main, preload and engine; the renderer sits beside it in dist/renderer/. */
export function builtPaths(mainDir: string) {
  return {
    preload: join(mainDir, 'preload.cjs'),
    engineProcess: join(mainDir, 'engine-process.cjs'),
    renderer: join(mainDir, '..', 'renderer'),
  };
}
