// Scenario files (graph/scenarios/*.json): validation, lookup with suggestions, and runScenario = impact.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getScenario, listScenarios, parseScenario } from '../../src/data/scenarios.ts';
import { runScenario } from '../../src/analysis/scenario.ts';
import { impact } from '../../src/analysis/impact.ts';
import { InvalidInputError, NotFoundError } from '../../src/domain/errors.ts';
import { refinerGraph } from './fixtures.ts';

const valid = {
  name: 'b-outage',
  title: 'Mine b stops',
  description: 'Mine b goes offline.',
  remove: ['mine:b'],
  source: 'test fixture',
};

describe('scenario files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chokepoint-scenarios-'));
    await writeFile(join(dir, 'b-outage.json'), JSON.stringify(valid));
    await writeFile(join(dir, 'aaa-ban.json'), JSON.stringify({ ...valid, name: 'aaa-ban', remove: ['country:AAA/x'], model: 'rerouting', year: 2025 }));
    await writeFile(join(dir, 'notes.txt'), 'not a scenario');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the JSON scenarios of a directory by name, and an empty list for a missing one', async () => {
    expect((await listScenarios(dir)).map((s) => s.name)).toEqual(['aaa-ban', 'b-outage']);
    expect(await listScenarios(join(dir, 'nope'))).toEqual([]);
  });

  it('finds a scenario by name and suggests the nearest names otherwise', async () => {
    expect(await getScenario('b-outage', dir)).toEqual(valid);
    const error = await getScenario('b-outag', dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).suggestions).toEqual(['b-outage']);
  });

  it('rejects malformed scenarios naming the file and every bad field', () => {
    expect(() => parseScenario('{', 'x.json')).toThrow(InvalidInputError);
    let error: unknown;
    try {
      parseScenario(JSON.stringify({ ...valid, remove: [], source: '', colour: 'red' }), 'b-outage.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const fields = (error as InvalidInputError).problems.map((p) => p.field ?? '');
    expect(fields).toEqual(expect.arrayContaining(['remove', 'source']));
    expect((error as Error).message).toMatch(/colour/);
    expect(() => parseScenario(JSON.stringify(valid), 'other-name.json')).toThrow(/must match the file name "other-name"/);
  });

  it('stores severities as id@severity or {id, severity} and refuses one outside (0, 1]', () => {
    const partial = { ...valid, remove: ['mine:b@0.5', { id: 'mine:a', severity: 0.25 }] };
    expect(parseScenario(JSON.stringify(partial), 'b-outage.json').remove).toEqual(partial.remove);
    const result = runScenario(refinerGraph(), parseScenario(JSON.stringify(partial), 'b-outage.json'));
    expect(result.removals).toEqual([
      { id: 'mine:b', severity: 0.5 },
      { id: 'mine:a', severity: 0.25 },
    ]);
    expect(() => parseScenario(JSON.stringify({ ...valid, remove: ['mine:b@1.5'] }), 'b-outage.json')).toThrow(/severity after "@" must be a number in \(0, 1\]/);
    expect(() => parseScenario(JSON.stringify({ ...valid, remove: [{ id: 'mine:b', severity: 0 }] }), 'b-outage.json')).toThrow(/remove\.0\.severity must be > 0|must be > 0/);
  });

  it('runScenario is impact with the scenario carried along, and the model can be overridden', async () => {
    const graph = refinerGraph();
    const scenario = await getScenario('aaa-ban', dir);
    const result = runScenario(graph, scenario, { model: 'proportional' });
    expect(result.scenario).toEqual(scenario);
    const { scenario: _s, ...rest } = result;
    expect(rest).toEqual(impact(graph, { remove: ['country:AAA/x'], year: 2025 }));
    expect(runScenario(graph, scenario).model).toBe('rerouting');
  });
});

describe('shipped scenarios (graph/scenarios)', () => {
  it('parse, cite a source and name their file', async () => {
    const scenarios = await listScenarios();
    expect(scenarios.length).toBeGreaterThanOrEqual(5);
    for (const s of scenarios) expect(s.source.length).toBeGreaterThan(20);
    expect(scenarios.map((s) => s.name)).toEqual(
      expect.arrayContaining(['brazil-niobium-outage', 'china-gallium-germanium-graphite-export-controls', 'us-beryllium-export-halt']),
    );
  });
});
