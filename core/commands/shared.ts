/** What every command shares: opening the workspace, printing JSON, failing clearly. */
import { createEngine, type Engine } from '../engine';

export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export async function withEngine<T>(dbPath: string, work: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await createEngine({ dbPath });
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

export function print(line = ''): void {
  process.stdout.write(line + '\n');
}

export function parseInstant(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new CliFailure(`${option}: "${value}" is not a date (use ISO-8601, e.g. 2021-01-18T10:00:00Z).`, 2);
  return time.toISOString();
}

export function parseLang(value: string | undefined): 'fr' | 'en' | undefined {
  if (value === undefined) return undefined;
  if (value !== 'fr' && value !== 'en') throw new CliFailure(`--lang: "${value}" is not a language Rebond speaks (fr or en).`, 2);
  return value;
}

export const DB_OPTION = ['--db <file>', 'the workspace database (a DuckDB file, created if missing)'] as const;
