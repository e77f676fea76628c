/** Where the workspace lives when `rebond serve` is given no --db: the user's data folder. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function userDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Rebond');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Rebond');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'rebond');
}

export function defaultWorkspacePath(platform?: NodeJS.Platform, env?: NodeJS.ProcessEnv, home?: string): string {
  return join(userDataDir(platform, env, home), 'workspace.duckdb');
}
