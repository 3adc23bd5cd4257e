// CLI entry: wires the real dependencies (store from the environment, stdout/stderr) into runCli.
import { runCli } from './run.ts';

export async function main(argv: string[]): Promise<number> {
  return runCli(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env });
}
