// runCli(args, deps): the injectable CLI core that tests drive; commands live in ./commands.
import { Command, CommanderError } from 'commander';
import { ChokepointError } from '../domain/errors.ts';

export interface CliDeps {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  const program = new Command('chokepoint')
    .description('Where can critical-mineral supply chains break? Graph analysis of mines, refiners and flows.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => deps.stdout.write(s), writeErr: (s) => deps.stderr.write(s) });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ChokepointError) {
      deps.stderr.write(`chokepoint: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
