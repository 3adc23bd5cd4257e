// docker-compose.yml, Dockerfile and .dockerignore, checked as files: no Docker engine runs here, so this proves
// they parse and say what the deployment needs, not that the containers start (graph/README.md says so).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (file: string): string => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

interface Compose {
  services: Record<string, Record<string, unknown> & { environment?: Record<string, string>; healthcheck?: { test: string[] } }>;
  volumes: Record<string, unknown>;
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { strict: true, uniqueKeys: true }) as Compose;
  const { neo4j, app } = compose.services;

  it('runs Neo4j 5 Community without APOC, on a named data volume, with a healthcheck and auth from the environment', () => {
    expect(neo4j!.image).toBe('neo4j:5-community');
    expect(JSON.stringify(neo4j)).not.toMatch(/apoc|NEO4J_PLUGINS/i);
    expect(neo4j!.volumes).toEqual(['neo4j-data:/data']);
    expect(Object.keys(compose.volumes)).toEqual(['neo4j-data']);
    expect(neo4j!.environment!.NEO4J_AUTH).toBe('neo4j/${NEO4J_PASSWORD:-chokepoint-local}');
    expect(neo4j!.healthcheck!.test[0]).toBe('CMD-SHELL');
    expect(neo4j!.healthcheck!.test[1]).toContain("cypher-shell -u neo4j -p \"$${NEO4J_AUTH#neo4j/}\" 'RETURN 1'");
  });

  it('builds the app from the repo, starts it after Neo4j is healthy, pointed at it, on port 8080', () => {
    expect(app!.build).toBe('.');
    expect(app!.depends_on).toEqual({ neo4j: { condition: 'service_healthy' } });
    expect(app!.environment).toMatchObject({
      NEO4J_URI: 'bolt://neo4j:7687',
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: '${NEO4J_PASSWORD:-chokepoint-local}',
      HOST: '0.0.0.0',
      PORT: '8080',
    });
    expect(app!.ports).toEqual(['8080:8080']);
  });
});

describe('Dockerfile and .dockerignore', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile
    .split('\n')
    .filter((l) => /^[A-Z]+\s/.test(l))
    .map((l) => l.split(/\s/)[0]);

  it('is node:20-slim, installs from the lockfile with npm ci and runs npm start', () => {
    expect(dockerfile).toMatch(/^FROM node:20-slim$/m);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^CMD \["npm", "start"\]$/m);
    expect(dockerfile).toMatch(/^EXPOSE 8080$/m);
    // The lockfile is copied and installed before the sources, for layer caching.
    expect(instructions.slice(0, 5)).toEqual(['FROM', 'WORKDIR', 'COPY', 'RUN', 'COPY']);
  });

  it('keeps node_modules and local databases out of the build context but ships the sources and graph/', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.git', '.chokepoint']));
    for (const needed of ['src', 'graph', 'graph/data', 'graph/queries', 'web', 'package.json', 'package-lock.json']) {
      expect(ignored.some((pattern) => needed === pattern || needed.startsWith(`${pattern}/`)), needed).toBe(false);
    }
  });
});
