// `rebond` run from the TypeScript sources (through tsx), for REBOND_E2E_SOURCES=1: the end-to-end
// tests can then run before or without `npm run build` of the CLI.
import { main } from '../../core/cli';

process.exitCode = await main(process.argv.slice(2));
