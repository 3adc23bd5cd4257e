// `chokepoint import` on the embedded store: every bad row reported as file:line: field, and nothing changes.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers.ts';

let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chokepoint-import-'));
  env = { CHOKEPOINT_DB: join(dir, 'db') };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const snapshot = async () => (await cli(['export', '--format', 'json'], env)).stdout;

describe('chokepoint import (embedded store)', () => {
  it('reports every invalid row as file:line: field: problem, exits non-zero and leaves the store as it was', async () => {
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(1000);
    const file = join(dir, 'bad.json');
    await writeFile(
      file,
      [
        '{',
        '  "nodes": [',
        '    {"id": "mine:my-mine", "kind": "mine", "name": "My mine", "country": "BRA", "minerals": ["niobium"], "source": "Company report 2025", "year": 2025},',
        '    {"id": "mine:no-source", "kind": "mine", "name": "No source", "country": "BRA", "minerals": ["niobium"], "source": "", "year": 2025}',
        '  ],',
        '  "flows": [',
        '    {"id": "f1", "from": "mine:my-mine", "to": "country:BRZ", "mineral": "niobium", "stage": "mine", "tonnes": 10, "year": 2025, "source": "Company report 2025"},',
        '    {"id": "f2", "from": "mine:my-mine", "to": "country:USA", "mineral": "niobum", "stage": "mine", "tonnes": -5, "year": 2025, "source": "Company report 2025"}',
        '  ]',
        '}',
      ].join('\n'),
    );
    const run = await cli(['import', file], env);
    expect(run.code).toBe(2);
    const lines = run.stderr.split('\n');
    expect(lines).toContain(`${file}:4: source: is required: name the publisher, document and table or URL`);
    expect(lines.some((l) => l.startsWith(`${file}:7: to: unknown node "country:BRZ"`) && l.includes('"country:BRA"'))).toBe(true);
    expect(lines).toContain(`${file}:8: tonnes: must be >= 0`);
    expect(run.stderr).toContain('nothing was imported');
    expect(await snapshot()).toBe(before);
  });

  it('imports valid CSV flows and JSON nodes, and the new records are visible', async () => {
    const nodes = join(dir, 'nodes.json');
    await writeFile(nodes, JSON.stringify({ nodes: [{ id: 'mine:my-mine', kind: 'mine', name: 'My mine', country: 'BRA', minerals: ['niobium'], source: 'Company report 2025', year: 2025 }] }, null, 1));
    expect((await cli(['import', nodes], env)).code).toBe(0);
    const flows = join(dir, 'flows.csv');
    await writeFile(flows, 'id,from,to,mineral,stage,tonnes,share,year,source,estimated,rule\nmy-flow,mine:my-mine,country:USA,niobium,mine,12.5,,2025,Company report 2025,false,\n');
    const run = await cli(['import', flows, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ flows: 1, nodes: 0 });
    const shown = JSON.parse((await cli(['show', 'mine:my-mine', '--json'], env)).stdout) as { flowsOut: Array<{ id: string; tonnes: number }> };
    expect(shown.flowsOut).toEqual([expect.objectContaining({ id: 'my-flow', tonnes: 12.5 })]);
  });

  it('checks references even on rows with schema problems, and stage and mineral against the source node', async () => {
    const file = join(dir, 'inconsistent.json');
    await writeFile(
      file,
      [
        '{"flows": [',
        '  {"id": "a", "from": "mine:bra-niobium", "to": "country:BRZ", "mineral": "niobium", "stage": "mine", "tonnes": -5, "year": 2025, "source": "Report"},',
        '  {"id": "b", "from": "country:USA", "to": "mine:bra-niobium", "mineral": "gallium", "stage": "refined", "tonnes": 1e12, "year": 2025, "source": "Report"},',
        '  {"id": "c", "from": "mine:bra-niobium", "to": "country:USA", "mineral": "gallium", "stage": "mine", "tonnes": 1, "year": 2025, "source": "Report"}',
        ']}',
      ].join('\n'),
    );
    const run = await cli(['import', file], env);
    expect(run.code).toBe(2);
    const lines = run.stderr.split('\n');
    expect(lines).toContain(`${file}:2: tonnes: must be >= 0`);
    expect(lines.some((l) => l.startsWith(`${file}:2: to: unknown node "country:BRZ"`))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${file}:3: stage: a flow leaving a country node cannot carry stage "refined"`))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${file}:4: mineral: "mine:bra-niobium" produces niobium, not gallium`))).toBe(true);
  });

  it('exported CSV imports back without changing any analysis (import shares included)', async () => {
    const deps = async () => JSON.parse((await cli(['dependencies', '--country', 'USA', '--mineral', 'chromium', '--json'], env)).stdout) as unknown;
    const before = await deps();
    const csv = join(dir, 'chromium.csv');
    expect((await cli(['export', '--format', 'csv', '--mineral', 'chromium', '-o', csv], env)).code).toBe(0);
    expect(await readFile(csv, 'utf8')).toMatch(/^id,from,to,mineral,stage,tonnes,share,importShare,valueUsd,year,source,estimated,rule\n/);
    // Its flows are the stored ones: without --replace that is refused, naming each id, file and line.
    const refused = await cli(['import', csv], env);
    expect(refused.code).toBe(2);
    const firstId = (await readFile(csv, 'utf8')).split('\n')[1]!.split(',')[0]!;
    expect(refused.stderr).toContain(`${csv}:2: id: flow "${firstId}" already exists in the store; importing it would replace the stored one: pass --replace`);
    const run = await cli(['import', csv, '--replace'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(await deps()).toEqual(before);
  });

  it('never clobbers a stored node (an earlier import): an existing id exits 2 naming id, file and line, the store unchanged; --replace replaces it', async () => {
    const before = await snapshot();
    const file = join(dir, 'brazil.json');
    await writeFile(
      file,
      [
        '{"nodes": [',
        '  {"id": "mine:another-mine", "kind": "mine", "name": "Another mine", "country": "BRA", "minerals": ["niobium"], "source": "Company report 2025", "year": 2025},',
        '  {"id": "mine:my-mine", "kind": "mine", "name": "My mine (renamed)", "country": "BRA", "minerals": ["niobium"], "source": "My notes", "year": 2025}',
        ']}',
      ].join('\n'),
    );
    const refused = await cli(['import', file], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${file}:3: id: node "mine:my-mine" already exists in the store; importing it would replace the stored one: pass --replace to replace it, or give the record a new id`);
    expect(refused.stderr).toContain('nothing was imported');
    expect(await snapshot()).toBe(before);
    const shownBefore = JSON.parse((await cli(['show', 'mine:my-mine', '--json'], env)).stdout) as { node: { name: string } };
    expect(shownBefore.node.name).toBe('My mine');
    const replaced = await cli(['import', file, '--replace'], env);
    expect(replaced.code, replaced.stderr).toBe(0);
    const shown = JSON.parse((await cli(['show', 'mine:my-mine', '--json'], env)).stdout) as { node: { name: string } };
    expect(shown.node.name).toBe('My mine (renamed)');
  });

  it('a CSV with a bad stage names line and field', async () => {
    const flows = join(dir, 'bad.csv');
    await writeFile(flows, 'id,from,to,mineral,stage,tonnes,share,year,source,estimated,rule\nx,mine:my-mine,country:USA,niobium,smelting,1,,2025,Report,false,\n');
    const run = await cli(['import', flows], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`${flows.replaceAll('/', '\\/')}:2: stage: `));
  });
});

describe('chokepoint cypher and start (embedded store)', () => {
  it('runs a read-only query from the library and refuses a write, leaving the store as it was', async () => {
    const read = await cli(['cypher', 'graph/queries/top-producers.cypher', '--param', 'mineral=niobium', '--param', 'stage=mine', '--param', 'year=2025', '--param', 'limit=3', '--json'], env);
    expect(read.code, read.stderr).toBe(0);
    const rows = JSON.parse(read.stdout) as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows[0])).toContain('BRA');
    const before = await snapshot();
    const write = await cli(['cypher', "MATCH (c:Country {id: 'country:BRA'}) SET c.name = 'Atlantis' RETURN c.name"], env);
    expect(write.code).toBe(2);
    expect(write.stderr).toMatch(/SET/);
    expect(await snapshot()).toBe(before);
  });

  it('runs a library query by name with its example parameters, lists the library, and names unknown queries', async () => {
    const run = await cli(['cypher', 'downstream-reach', '--example', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(Array.isArray(JSON.parse(run.stdout))).toBe(true);
    const list = JSON.parse((await cli(['cypher', '--json'], env)).stdout) as Array<{ name: string }>;
    expect(list.length).toBeGreaterThanOrEqual(12);
    const unknown = await cli(['cypher', 'top-producer'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"top-producers"');
    const missing = await cli(['cypher', 'graph/queries/nope.cypher'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no file "graph/queries/nope.cypher"');
    // A library query given only some parameters names the missing ones before the engine sees it.
    const partial = await cli(['cypher', 'top-producers', '--param', 'mineral=niobium'], env);
    expect(partial.code, partial.stderr).toBe(2);
    for (const p of ['stage', 'year', 'limit']) expect(partial.stderr).toContain(`--param ${p} missing`);
    expect(partial.stderr).toContain('--example');
    const filled = await cli(['cypher', 'top-producers', '--example', '--param', 'mineral=cobalt', '--json'], env);
    expect(filled.code, filled.stderr).toBe(0);
    expect((JSON.parse(filled.stdout) as Array<{ country: string }>)[0]!.country).toBe('COD');
  });

  it('start --no-serve prints the chokepoint summary from the store', async () => {
    const run = await cli(['start', '--no-serve'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/beryllium .*United States \(country:USA\)/);
    expect(run.stdout).toMatch(/niobium .*Brazil \(country:BRA\)/);
    // Refined cobalt rests on 2022 processing shares: its share is starred and the rule printed under the table.
    expect(run.stdout).toMatch(/cobalt +│ refined .*74\.0%\*/);
    expect(run.stdout).toMatch(/^\* estimated \([^)]*cobalt refined[^)]*\): .*2022 processing shares/m);
    expect(run.stdout).not.toMatch(/niobium +│ mine .*%\*/);
  });
});
