import { describe, expect, it } from 'vitest';
import { defaultWorkspacePath } from './data-dir';

describe('the default workspace of `rebond serve`', () => {
  it('lives in the user data folder of each platform', () => {
    expect(defaultWorkspacePath('linux', {}, '/home/ana')).toBe('/home/ana/.local/share/rebond/workspace.duckdb');
    expect(defaultWorkspacePath('linux', { XDG_DATA_HOME: '/data' }, '/home/ana')).toBe('/data/rebond/workspace.duckdb');
    expect(defaultWorkspacePath('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Rebond/workspace.duckdb');
    expect(defaultWorkspacePath('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toMatch(/Roaming[\\/]Rebond[\\/]workspace\.duckdb$/);
  });
});
