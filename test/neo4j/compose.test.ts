// docker-compose.yml, Dockerfile and .dockerignore, checked as files for the properties the deployment relies on
// (no Docker engine runs here, so this proves what they say, not that the containers start; graph/README.md says so).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (file: string): string => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  ports?: Array<string | { host_ip?: string; target: number; published?: string | number }>;
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test: string[] | string };
  init?: boolean;
}

interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/** A published port as {hostIp, hostPort, containerPort}; the short syntax is [ip:][host:]container. */
function published(port: NonNullable<Service['ports']>[number]): { hostIp: string | undefined; containerPort: number } {
  if (typeof port === 'object') return { hostIp: port.host_ip, containerPort: port.target };
  const parts = port.split(':');
  return { hostIp: parts.length === 3 ? parts[0] : undefined, containerPort: Number(parts.at(-1)!.split('/')[0]) };
}

/** `${VAR:-default}` as compose resolves it when VAR is unset. */
const unsetValue = (value: string): string => value.replace(/\$\{(\w+):-([^}]*)\}/g, '$2');

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { strict: true, uniqueKeys: true }) as Compose;
  const services = Object.entries(compose.services);
  const [dbName, db] = services.find(([, s]) => s.image?.startsWith('neo4j:'))!;
  const [, app] = services.find(([, s]) => s.build !== undefined)!;

  it('runs a Neo4j 5 server and the app built from this repository', () => {
    expect(db.image).toMatch(/^neo4j:5(\.|-|$)/);
    expect(app.build).toBe('.');
  });

  it('publishes every port on 127.0.0.1 only', () => {
    for (const [name, service] of services) {
      for (const port of service.ports ?? []) expect(published(port).hostIp, `${name} ${JSON.stringify(port)}`).toBe('127.0.0.1');
    }
    expect(db.ports?.map((p) => published(p).containerPort).sort()).toEqual([7474, 7687]);
  });

  it('health-checks Neo4j with a Bolt query and starts the app only once it is healthy', () => {
    const test = db.healthcheck?.test;
    const command = Array.isArray(test) ? test.slice(1).join(' ') : String(test);
    expect(command).toMatch(/cypher-shell .*RETURN 1/);
    // The check authenticates with the password set by NEO4J_AUTH (compose turns $$ into $ for the shell).
    expect(command).toContain('$${NEO4J_AUTH#neo4j/}');
    expect(Array.isArray(app.depends_on)).toBe(false);
    expect((app.depends_on as Record<string, { condition?: string }>)[dbName]?.condition).toBe('service_healthy');
  });

  it('points the app at the Neo4j service over Bolt, with the password the server is given', () => {
    const env = app.environment!;
    const uri = new URL(env.NEO4J_URI!);
    expect(uri.protocol).toBe('bolt:');
    expect(uri.hostname).toBe(dbName);
    expect(Number(uri.port)).toBe(7687);
    const auth = unsetValue(db.environment!.NEO4J_AUTH!);
    expect(auth).toBe(`${env.NEO4J_USER}/${unsetValue(env.NEO4J_PASSWORD!)}`);
    expect(unsetValue(env.NEO4J_PASSWORD!).length).toBeGreaterThanOrEqual(8); // Neo4j's minimum
  });

  it('makes the app listen on every interface inside its container, on the port it publishes', () => {
    const env = app.environment!;
    expect(env.HOST).toBe('0.0.0.0');
    expect(app.ports?.map((p) => published(p).containerPort)).toEqual([Number(env.PORT)]);
    expect(app.init).toBe(true);
  });

  it('keeps Neo4j data in a named volume and bounds each transaction', () => {
    const volumes = (db as { volumes?: string[] }).volumes ?? [];
    const data = volumes.find((v) => v.endsWith(':/data'));
    expect(data && Object.keys(compose.volumes ?? {})).toContain(data!.split(':')[0]);
    expect(db.environment!.NEO4J_db_memory_transaction_max).toMatch(/^\d+[mg]$/);
  });
});

/** Dockerfile instructions per stage, continuation lines joined, comments dropped. */
function dockerStages(text: string): Array<{ from: string; name?: string; steps: Array<{ op: string; args: string }> }> {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages: Array<{ from: string; name?: string; steps: Array<{ op: string; args: string }> }> = [];
  for (const line of lines) {
    const [op, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op!.toUpperCase() === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args)!;
      stages.push({ from: m[1]!, ...(m[2] ? { name: m[2] } : {}), steps: [] });
    } else stages.at(-1)!.steps.push({ op: op!.toUpperCase(), args });
  }
  return stages;
}

describe('Dockerfile', () => {
  const stages = dockerStages(read('Dockerfile'));
  const build = stages.find((s) => s.name && stages.at(-1)!.steps.some((x) => x.op === 'COPY' && x.args.includes(`--from=${s.name}`)))!;
  const runtime = stages.at(-1)!;
  const runs = (stage: typeof runtime): string[] => stage.steps.filter((s) => s.op === 'RUN').map((s) => s.args);

  it('is a multi-stage build on Node 20: the build stage installs everything and builds the web view', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:20(-|$)/);
    expect(build).toBeDefined();
    expect(runs(build).some((r) => /^npm ci\b/.test(r) && !r.includes('--omit=dev'))).toBe(true);
    expect(runs(build).some((r) => r.includes('npm run build:web'))).toBe(true);
  });

  it('runs with production dependencies only and the built web view, fresh for web/ensure-built.mjs', () => {
    expect(runs(runtime).some((r) => /^npm ci\b.*--omit=dev/.test(r))).toBe(true);
    expect(runs(runtime).some((r) => r.includes('build:web') || r.includes('vite'))).toBe(false);
    const steps = runtime.steps;
    const distCopy = steps.findIndex((s) => s.op === 'COPY' && s.args.includes(`--from=${build.name}`) && s.args.includes('web/dist'));
    expect(distCopy).toBeGreaterThan(-1);
    // ensure-built.mjs rebuilds when web/dist/index.html is older than a web source: after the last COPY, the
    // image stamps index.html, so `start` never tries to build (it has no vite).
    const lastCopy = steps.map((s) => s.op).lastIndexOf('COPY');
    const stamp = steps.findIndex((s, i) => i > lastCopy && s.op === 'RUN' && /\btouch\b[^&]*web\/dist\/index\.html/.test(s.args));
    expect(stamp).toBeGreaterThan(lastCopy);
  });

  it('runs node itself (exec form, no npm or shell in between) as a non-root user, on the port it exposes', () => {
    const cmd = runtime.steps.filter((s) => s.op === 'CMD').at(-1)!;
    const argv = JSON.parse(cmd.args) as string[];
    expect(argv[0]).toBe('node');
    expect(argv.slice(1)).toEqual(['src/cli/bin.mjs', 'start']);
    const users = runtime.steps.filter((s) => s.op === 'USER').map((s) => s.args);
    expect(users.at(-1)).toBeDefined();
    expect(users.at(-1)).not.toMatch(/^(root|0)$/);
    const env = runtime.steps.filter((s) => s.op === 'ENV').map((s) => s.args).join(' ');
    expect(env).toMatch(/HOST=0\.0\.0\.0/);
    const port = /PORT=(\d+)/.exec(env)?.[1];
    expect(runtime.steps.find((s) => s.op === 'EXPOSE')?.args).toBe(port);
    expect(runtime.steps.some((s) => s.op === 'HEALTHCHECK' && s.args.includes('/api/health'))).toBe(true);
  });
});

describe('.dockerignore', () => {
  it('keeps node_modules, local databases and the host build out, but ships what the image builds and runs', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.git', '.chokepoint', 'web/dist']));
    const needed = ['src', 'src/store/cypher-sandbox-child.mjs', 'graph', 'graph/data', 'graph/queries', 'graph/scenarios', 'web', 'web/src', 'package.json', 'package-lock.json'];
    for (const path of needed) {
      expect(ignored.some((pattern) => path === pattern || path.startsWith(`${pattern}/`)), path).toBe(false);
    }
  });
});
