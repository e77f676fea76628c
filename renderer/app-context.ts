import { createContext, useContext } from 'react';
import type { AddressesBehindRequest, Lang, Settings } from '../core/contract';
import { EngineError, type Transport } from './transport';
import { sayOr } from './problem-words';

export type Screen = 'import' | 'overview' | 'address' | 'lists' | 'settings';

export interface AppContext {
  transport: Transport;
  lang: Lang;
  settings: Settings | null;
  /** the time zone dates are shown in */
  timeZone: string | undefined;
  setLang(lang: Lang): void;
  updateSettings(next: Settings): void;
  /** `behind`: the Lists screen opens on the addresses behind that Overview figure */
  go(screen: Screen, address?: string, behind?: AddressesBehindRequest): void;
  /** bumps after every import or removal, so screens reload their data */
  dataVersion: number;
  dataChanged(): void;
}

export const AppContextValue = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const context = useContext(AppContextValue);
  if (!context) throw new Error('useApp outside the app');
  return context;
}

/** A failure in the app's language: the engine's problem code when it sent one, else its words. */
export function errorMessage(error: unknown): string {
  if (error instanceof EngineError) return sayOr(error.problem, error.message);
  return error instanceof Error ? error.message : String(error);
}
