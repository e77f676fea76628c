/**
 * The engine's utility process: DuckDB and the parsers run here, never on the main or UI thread.
 * Started by main.ts with `--db <path>`; answers named calls over the parent port.
 */
import { createEngine } from '../core/engine';
import { createDispatcher } from './engine-dispatch';
import type { EngineReply } from './engine-messages';

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: EngineReply): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  process.stderr.write('engine-process: start me with Electron utilityProcess.fork\n');
  process.exit(2);
}

const dbAt = process.argv.indexOf('--db');
const dbPath = dbAt >= 0 ? process.argv[dbAt + 1] : undefined;
const engine = dbPath ? createEngine({ dbPath }) : Promise.reject(new Error('The workspace database path is missing.'));
const dispatch = createDispatcher(engine, (reply) => parentPort.postMessage(reply));
// closing the database cleanly lets DuckDB flush its write-ahead log
const shutdown = () => {
  engine.then((e) => e.close()).finally(() => process.exit(0));
};
parentPort.on('message', (event) => {
  if ((event.data as { control?: unknown } | null)?.control === 'shutdown') shutdown();
  else void dispatch(event.data);
});
process.on('SIGTERM', shutdown);
