/** IPC channel names, one per Engine method plus the shell's own: the preload and main agree here. */
import type { EngineMethod } from '../core/contract';

export const engineChannel = (method: EngineMethod) => `engine:${method}` as const;
export const PROGRESS_CHANNEL = 'engine:importProgress';
export const MENU_IMPORT_CHANNEL = 'menu:import';
export const MENU_LANGUAGE_CHANNEL = 'menu:language';
