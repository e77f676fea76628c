/**
 * The `rebond` command: a thin shell over the Engine. Each command lives in core/commands/.
 * Exit codes: 0 done, 1 the work failed (a file could not be imported…), 2 wrong usage.
 */
import { Command, CommanderError } from 'commander';
import { register as registerAddress } from './commands/address';
import { register as registerAddresses } from './commands/addresses';
import { register as registerClassify } from './commands/classify';
import { register as registerDemo } from './commands/demo';
import { register as registerImport } from './commands/import';
import { register as registerImports } from './commands/imports';
import { register as registerReclassify } from './commands/reclassify';
import { register as registerRelease } from './commands/release';
import { register as registerServe } from './commands/serve';
import { register as registerUnknowns } from './commands/unknowns';
import { CliFailure } from './commands/shared';

const COMMANDS = [
  registerImport,
  registerImports,
  registerAddress,
  registerAddresses,
  registerRelease,
  registerClassify,
  registerUnknowns,
  registerReclassify,
  registerDemo,
  registerServe,
];

export function buildProgram(): Command {
  const program = new Command('rebond')
    .description('Why did this person not get our e-mail? Import delivery exports and logs, then investigate.')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });
  for (const register of COMMANDS) register(program);
  for (const command of program.commands) command.exitOverride().showHelpAfterError();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length === 0) {
    program.outputHelp();
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') return 0;
      return 2;
    }
    if (error instanceof CliFailure) {
      process.stderr.write(`rebond: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`rebond: ${(error as Error).message}\n`);
    return 1;
  }
}
