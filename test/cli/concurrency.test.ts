// Many clients on one embedded store: with a real server process holding the store, real CLI processes read it
// read-only beside the server and print exactly what they print without it; writes are refused naming the server.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'src/cli/bin.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'test/cli/fixtures/serve.mjs')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((ready, fail) => {
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      const match = /listening (\S+)/.exec(c.toString());
      if (match) ready({ child, url: match[1]! });
    });
    child.on('exit', (code) => fail(new Error(`server exited early (${code}): ${stderr}`)));
  });
}

const stop = (child: ChildProcess): Promise<unknown> =>
  new Promise((done) => {
    if (child.exitCode !== null) return done(child.exitCode);
    child.once('exit', done);
    child.kill('SIGTERM');
  });

/** The read commands of the README, with their output compared with and without a server. */
const READS: string[][] = [
  ['stats', '--json'],
  ['chokepoints', '--mineral', 'niobium', '--limit', '3'],
  ['impact', '--remove', 'country:BRA', '--mineral', 'niobium', '--json'],
  ['cypher', 'top-producers', '--param', 'mineral=niobium', '--param', 'stage=mine', '--param', 'year=2025', '--param', 'limit=5'],
];

let dir: string;
let env: NodeJS.ProcessEnv;
const alone = new Map<string, Run>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chokepoint-clients-'));
  env = { CHOKEPOINT_DB: join(dir, 'db'), CHOKEPOINT_STORE: '', NEO4J_URI: '' };
  // First run loads the shipped dataset; then every read without a server, for the comparison.
  expect((await run(['minerals', '--json'], env)).code).toBe(0);
  for (const args of READS) alone.set(args.join(' '), await run(args, env));
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CLI beside a running server (embedded store)', () => {
  it('every read command prints exactly what it prints without the server, several at once; writes name the server', async () => {
    const before = alone.get('stats --json')!;
    expect(before.code, before.stderr).toBe(0);
    const server = await startServer(env);
    try {
      const holder = join(dir, 'db.server.json');
      expect(existsSync(holder)).toBe(true);
      // All the reads at once: several read-only processes beside the server's read-write one.
      const beside = await Promise.all(READS.map((args) => run(args, env)));
      READS.forEach((args, i) => {
        const expected = alone.get(args.join(' '))!;
        expect(expected.code, `${args.join(' ')} without a server: ${expected.stderr}`).toBe(0);
        expect(beside[i]!.code, `${args.join(' ')} beside the server: ${beside[i]!.stderr}`).toBe(0);
        expect(beside[i]!.stdout, args.join(' ')).toBe(expected.stdout);
        expect(beside[i]!.stderr, args.join(' ')).toBe(expected.stderr);
      });
      // The server still answers, and agrees.
      const health = (await (await fetch(`${server.url}/api/health`)).json()) as { counts: unknown };
      expect(health.counts).toEqual(JSON.parse(before.stdout));

      // An import needs the store to itself: exit 3, naming the server's pid and URL, and nothing changes.
      const file = join(dir, 'node.json');
      await writeFile(file, JSON.stringify({ nodes: [{ id: 'mine:my-mine', kind: 'mine', name: 'My mine', country: 'BRA', minerals: ['niobium'], source: 'Company report 2025', year: 2025 }] }));
      const refused = await run(['import', file], env);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(`pid ${server.child.pid}, ${server.url}`);
      expect(refused.stderr).toMatch(/stop the server .* run the command again/);
      expect((await run(['stats', '--json'], env)).stdout).toBe(before.stdout);

      // A second server on the same store is refused with the first one's address.
      const second = await startServer(env).then(
        (s) => stop(s.child).then(() => 'started'),
        (error: Error) => error.message,
      );
      expect(second).toContain(`already served by the Chokepoint server (pid ${server.child.pid}, ${server.url})`);
    } finally {
      await stop(server.child);
    }
    // Once the server is gone its holder file is too, and the import goes through.
    expect(existsSync(join(dir, 'db.server.json'))).toBe(false);
    const imported = await run(['import', join(dir, 'node.json')], env);
    expect(imported.code, imported.stderr).toBe(0);
  }, 240_000);

  it('a command run while the server is still loading a fresh store waits for it, then prints what it prints alone', async () => {
    const fresh = { ...env, CHOKEPOINT_DB: join(dir, 'fresh', 'db') };
    const serverReady = startServer(fresh);
    try {
      // The server names itself "starting" before its ~10 s first load; the wait is for that window.
      const holderFile = join(dir, 'fresh', 'db.server.json');
      let holder: { pid?: number; starting?: boolean } = {};
      for (let i = 0; i < 600 && !holder.starting; i++) {
        holder = existsSync(holderFile) ? (JSON.parse(await readFile(holderFile, 'utf8').catch(() => '{}')) as typeof holder) : {};
        if (!holder.starting) await new Promise((r) => setTimeout(r, 50));
      }
      expect(holder.starting, 'the server never wrote its "starting" holder file').toBe(true);
      const waited = await run(['stats', '--json'], fresh);
      expect(waited.code, waited.stderr).toBe(0);
      expect(waited.stderr).toContain(`Waiting for the Chokepoint server (pid ${holder.pid}, starting: loading the store) to finish loading`);
      expect(waited.stdout).toBe(alone.get('stats --json')!.stdout);
    } finally {
      await stop((await serverReady).child);
    }
    expect(existsSync(join(dir, 'fresh', 'db.server.json'))).toBe(false);
  }, 240_000);
});
