/**
 * `rebond serve [--db FILE] [--port N]`: the app in a browser. Prints exactly one line on
 * stdout, the address to open (with this run's token), and serves until Ctrl-C.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { createEngine } from '../engine';
import { defaultWorkspacePath } from '../host/data-dir';
import { createHost } from '../host/server';
import { findRendererDir } from '../host/renderer-dir';
import { CliFailure, DATASET_OPTION, print } from './shared';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliFailure(`--port: "${value}" is not a port number (0 to 65535; 0 picks a free one).`, 2);
  return port;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('open Rebond in your browser: serves the app on 127.0.0.1 and prints the address to open')
    .option('--db <file>', 'the workspace database (default: workspace.duckdb in your user data folder)')
    .option(...DATASET_OPTION)
    .option('--port <n>', 'the port to listen on (default: any free port)', parsePort)
    .action(async (options: { db?: string; dataset?: string; port?: number }) => {
      if (options.db !== undefined && options.dataset !== undefined) throw new CliFailure('give --db FILE or --dataset FOLDER, not both.', 2);
      const dbPath = options.db ?? defaultWorkspacePath();
      if (options.dataset === undefined) mkdirSync(dirname(dbPath), { recursive: true });
      const engine = await createEngine({ dbPath, dataset: options.dataset }).catch((error: Error) => {
        throw new CliFailure(error.message);
      });
      let host;
      try {
        host = await createHost({ engine, rendererDir: findRendererDir(), port: options.port ?? 0 });
      } catch (error) {
        await engine.close();
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new CliFailure(`port ${options.port} is already in use: choose another with --port, or omit it.`);
        throw error;
      }
      print(host.url);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await host.close();
      await engine.close();
    });
}
