// The CLI on the memory store: output shapes, --help everywhere, errors that name the culprit.
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.ts';

const env = { CHOKEPOINT_STORE: 'memory' };

describe('chokepoint CLI (memory store, shipped dataset)', () => {
  it('stats --json prints exactly the six counts, with the dataset above the issue thresholds', async () => {
    const run = await cli(['stats', '--json'], env);
    expect(run.code).toBe(0);
    const counts = JSON.parse(run.stdout) as Record<string, number>;
    expect(Object.keys(counts)).toEqual(['minerals', 'countries', 'mines', 'refiners', 'flows', 'sources']);
    expect(counts.minerals).toBeGreaterThanOrEqual(35);
    expect(counts.countries).toBeGreaterThanOrEqual(150);
    expect(counts.mines + counts.refiners).toBeGreaterThanOrEqual(500);
  });

  it('has --help for every command', async () => {
    const top = await cli(['--help'], env);
    expect(top.code).toBe(0);
    const commands = ['stats', 'minerals', 'show', 'data', 'import', 'export', 'chokepoints', 'impact', 'risk', 'centrality', 'dependencies', 'scenario', 'cypher', 'start'];
    for (const command of commands) {
      expect(top.stdout).toContain(command);
      const help = await cli([command, '--help'], env);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toMatch(/^Usage: chokepoint /);
    }
  });

  it('show prints a node and its flows; --json returns the record', async () => {
    const run = await cli(['show', 'country:BRA', '--json'], env);
    expect(run.code).toBe(0);
    const shown = JSON.parse(run.stdout) as { node: { id: string; iso3: string; source: string }; facilities: string[] };
    expect(shown.node.id).toBe('country:BRA');
    expect(shown.node.iso3).toBe('BRA');
    expect(shown.node.source).not.toBe('');
    expect(shown.facilities).toContain('mine:bra-niobium');
  });

  it('an unknown node id exits 2 and suggests the nearest ids', async () => {
    const run = await cli(['show', 'country:BRZ'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('node "country:BRZ" not found');
    expect(run.stderr).toContain('"country:BRA"');
  });

  it('rejects a bad option value with a clear message', async () => {
    const run = await cli(['impact', '--remove', 'country:BRA', '--model', 'magic'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--model must be one of proportional, rerouting');
  });

  it('minerals --json lists beryllium with its list membership', async () => {
    const run = await cli(['minerals', '--json'], env);
    const minerals = JSON.parse(run.stdout) as Array<{ id: string; lists?: Record<string, boolean> }>;
    const beryllium = minerals.find((m) => m.id === 'mineral:beryllium');
    expect(beryllium?.lists?.us2022).toBe(true);
    expect(beryllium?.lists?.eu2023).toBe(true);
  });

  it('export --format csv writes flows in the import schema; gexf is valid GEXF', async () => {
    const csv = await cli(['export', '--format', 'csv', '--mineral', 'niobium'], env);
    expect(csv.code).toBe(0);
    const [header, ...rows] = csv.stdout.trim().split('\n');
    expect(header).toBe('id,from,to,mineral,stage,tonnes,share,year,source,estimated,rule');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.split(',')[3] === 'niobium')).toBe(true);
    const gexf = await cli(['export', '--format', 'gexf', '--mineral', 'niobium'], env);
    expect(gexf.stdout).toContain('<gexf');
    expect(gexf.stdout).toContain('Brazil');
    const bad = await cli(['export', '--format', 'xml'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown format "xml"');
  });
});
