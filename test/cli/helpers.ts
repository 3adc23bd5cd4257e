// Drives runCli in-process with captured stdout/stderr and an explicit environment.
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli/run.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

export async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(args, { stdout, stderr, env: { PATH: process.env.PATH, ...env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
