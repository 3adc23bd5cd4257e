// runCli(args, deps): the injectable CLI core that tests drive; each command group lives in ./commands.
import { Command, CommanderError } from 'commander';
import { ChokepointError } from '../domain/errors.ts';
import { CliContext } from './context.ts';
import { registerAnalysis } from './commands/analysis.ts';
import { registerCypher } from './commands/cypher.ts';
import { registerData } from './commands/data.ts';
import { registerInspect } from './commands/inspect.ts';
import { registerStart } from './commands/start.ts';
import { registerTime } from './commands/time.ts';

export interface CliDeps {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** Exit codes: 0 ok, 1 unexpected failure, 2 bad input (usage, invalid or unknown ids), 3 store or server error. */
export const EXIT = { ok: 0, failure: 1, input: 2, store: 3 } as const;

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('chokepoint')
    .description(
      'Where can critical-mineral supply chains break? Concentration, supply risk, centrality, chokepoints and\n' +
        'node-removal impact over a graph of countries, mines, refiners and mineral flows.\n' +
        'Store: embedded on-disk LadybugDB in .chokepoint/db (CHOKEPOINT_DB), or Neo4j when NEO4J_URI is set.',
    )
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (s) => ctx.deps.stdout.write(s), writeErr: (s) => ctx.deps.stderr.write(s) });
  registerInspect(program, ctx);
  registerData(program, ctx);
  registerAnalysis(program, ctx);
  registerTime(program, ctx);
  registerCypher(program, ctx);
  registerStart(program, ctx);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  const ctx = new CliContext(deps);
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.input;
    if (error instanceof ChokepointError) {
      deps.stderr.write(`chokepoint: ${error.message}\n`);
      return error.code === 'STORE_ERROR' ? EXIT.store : EXIT.input;
    }
    deps.stderr.write(`chokepoint: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.failure;
  } finally {
    await ctx.close();
  }
}
