/**
 * The `rebond` command: a thin shell over the Engine. Each command lives in core/commands/.
 * Exit codes: 0 done, 1 the work failed (a file could not be imported, no workspace at --db…),
 * 2 wrong usage (an unknown command or option, an option value that is not what it must be).
 */
import { Command, CommanderError } from 'commander';
import { register as registerAddress } from './commands/address';
import { register as registerAddresses } from './commands/addresses';
import { register as registerClassify } from './commands/classify';
import { register as registerDemo } from './commands/demo';
import { register as registerExport } from './commands/export';
import { register as registerImport } from './commands/import';
import { register as registerImports } from './commands/imports';
import { register as registerIncidents } from './commands/incidents';
import { register as registerReclassify } from './commands/reclassify';
import { register as registerReconcile } from './commands/reconcile';
import { register as registerRelease } from './commands/release';
import { register as registerReport } from './commands/report';
import { register as registerServe } from './commands/serve';
import { register as registerUnknowns } from './commands/unknowns';
import { CliFailure, onTerminal, processTerminal, terminal, type Terminal } from './commands/shared';
import { terminalBlock, terminalText } from './commands/terminal-text';

const COMMANDS = [
  registerImport,
  registerImports,
  registerAddress,
  registerAddresses,
  registerReconcile,
  registerRelease,
  registerReport,
  registerClassify,
  registerUnknowns,
  registerIncidents,
  registerReclassify,
  registerDemo,
  registerExport,
  registerServe,
];

export function buildProgram(): Command {
  const program = new Command('rebond')
    .description('Why did this person not get our e-mail? Import delivery exports and logs, then investigate.')
    .showHelpAfterError()
    .exitOverride()
    // help and usage errors echo what was typed (an address pasted from a file…): controls escaped, layout kept
    .configureOutput({ writeOut: (s) => terminal().stdout(terminalBlock(s)), writeErr: (s) => terminal().stderr(terminalBlock(s)) });
  for (const register of COMMANDS) register(program);
  for (const command of program.commands) command.exitOverride().showHelpAfterError();
  return program;
}

/**
 * Runs one command line and answers its exit code: 0 done, 1 the work failed, 2 wrong usage.
 * The code is this invocation's own: nothing is read from (or left in) `process.exitCode`, so a
 * failed run cannot make the next one in the same process look failed. Commands fail by throwing
 * (CliFailure says which code), after printing what they did manage. `io` is the process's
 * streams unless a caller (a test running commands in its own process) gives others.
 */
export function main(argv: string[], io: Terminal = processTerminal): Promise<number> {
  return onTerminal(io, () => run(argv));
}

async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help, `rebond help`: commander already printed; anything else is wrong usage, reported by commander
      return error.exitCode === 0 ? 0 : 2;
    }
    const message = (error as Error)?.message ?? String(error);
    // each line escaped: an error may quote a file's text (commands escape each part of a several-line message first)
    for (const line of message.split('\n')) terminal().stderr(`rebond: ${terminalText(line)}\n`);
    return error instanceof CliFailure ? error.exitCode : 1;
  }
}
