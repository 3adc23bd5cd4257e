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

  it('chokepoints: the top niobium facility is CBMM Araxá with a share sourced from company figures; beryllium top 3 names three producers', async () => {
    const nb = JSON.parse((await cli(['chokepoints', '--mineral', 'niobium', '--level', 'facility', '--limit', '1', '--json'], env)).stdout);
    expect(nb[0]).toMatchObject({ node: 'refiner:araxa-cbbm-icmm07943', level: 'facility', rank: 1, stage: 'mine' });
    expect(nb[0].share).toBeGreaterThanOrEqual(0.6);
    expect(nb[0].rule).toMatch(/in proportion to facility figures/);
    const be = JSON.parse((await cli(['chokepoints', '--mineral', 'beryllium', '--limit', '3', '--json'], env)).stdout) as Array<{ node: string; country: string; level: string }>;
    expect(be.map((r) => r.node)).toEqual(['country:USA', 'country:BRA', 'country:CHN']);
    expect(new Set(be.map((r) => r.country)).size).toBe(3);
    const all = JSON.parse((await cli(['chokepoints', '--mineral', 'beryllium', '--level', 'all', '--limit', '3', '--json'], env)).stdout) as Array<{ level: string; rank: number }>;
    expect(all.map((r) => `${r.level}:${r.rank}`)).toEqual(['country:1', 'country:2', 'country:3', 'national-total:1', 'national-total:2', 'national-total:3']);
  });

  it('dependencies --country DEU labels the hot-spot types as the US-China classification of seed 000', async () => {
    const run = await cli(['dependencies', '--country', 'DEU', '--mineral', 'niobium'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/US-China hot spot 2025 \(computed\)/);
    expect(run.stdout).toMatch(/seed 000's US-China classification of each mineral, the same for every consumer/);
    const usa = await cli(['dependencies', '--country', 'USA', '--mineral', 'niobium'], env);
    expect(usa.stdout).not.toMatch(/the same for every consumer/);
  });

  it('stats --coverage gives the share of each market resting on published facility figures', async () => {
    const run = await cli(['stats', '--coverage', '--json'], env);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{ mineral: string; stage: string; sourcedShare: number; sourcedTonnes: number; worldTonnes: number }>;
    const nb = rows.find((r) => r.mineral === 'niobium' && r.stage === 'mine')!;
    // Brazil's 104,000 t of 111,630 t rest on the company figures of Araxá, Catalão and Pitinga.
    expect(nb).toMatchObject({ sourcedTonnes: 104000, worldTonnes: 111630 });
    expect(nb.sourcedShare).toBeCloseTo(104000 / 111630, 6);
    const table = await cli(['stats'], env);
    expect(table.stdout).toMatch(/Facility coverage 2025/);
  });

  it('--limit -1 names the rule (0 = all, else >= 1), and --help states each default once', async () => {
    const bad = await cli(['chokepoints', '--limit', '-1'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--limit must be 0 \(every row\) or a whole number >= 1, got "-1"/);
    for (const command of ['chokepoints', 'centrality', 'cypher']) {
      const help = (await cli([command, '--help'], env)).stdout.replace(/\s+/g, ' ');
      expect(help).not.toMatch(/\(default [^)]*\) \(default:/);
    }
  });

  it('a name typed instead of an id gets the id suggested: Brazil -> country:BRA (show and impact)', async () => {
    for (const args of [['show', 'Brazil'], ['impact', '--remove', 'brazil']]) {
      const run = await cli(args, env);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/did you mean "country:BRA"/);
    }
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
    expect(header).toBe('id,from,to,mineral,stage,tonnes,share,importShare,valueUsd,year,source,estimated,rule');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.split(',')[3] === 'niobium')).toBe(true);
    // BACI trade flows carry their traded value (USD) into the CSV, so an export imports back with it.
    const { parse } = await import('csv-parse/sync');
    const records = parse(csv.stdout, { columns: true }) as Array<Record<string, string>>;
    const traded = records.filter((r) => r.valueUsd !== '');
    expect(traded.length).toBeGreaterThan(10);
    expect(traded.every((r) => r.stage === 'trade' && Number(r.valueUsd) > 0)).toBe(true);
    const gexf = await cli(['export', '--format', 'gexf', '--mineral', 'niobium'], env);
    expect(gexf.stdout).toContain(`<gexf version="1.3" xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz"`);
    expect(gexf.stdout).toContain('Brazil');
    const bad = await cli(['export', '--format', 'xml'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown format "xml"');
  });

  it('chokepoints --json has the documented fields and ranks country:USA first for beryllium at the mine stage', async () => {
    const run = await cli(['chokepoints', '--mineral', 'beryllium', '--stage', 'mine', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    for (const key of ['node', 'name', 'mineral', 'stage', 'share', 'hhi', 'impactShare']) expect(rows[0]).toHaveProperty(key);
    expect(rows[0]!.node).toBe('country:USA');
    // USGS MCS 2026, beryllium 2025e: United States 230 t of the listed producers' 432 t (world total printed as 430).
    expect(rows[0]!.share as number).toBeCloseTo(230 / 432, 4);
  });

  it('impact --years takes id@severity: a row per year at that severity, the severity in the header', async () => {
    const args = ['impact', '--mineral', 'niobium', '--years', '2023-2024', '--draws', '0'];
    const full = JSON.parse((await cli([...args, '--remove', 'country:BRA', '--json'], env)).stdout);
    const half = JSON.parse((await cli([...args, '--remove', 'country:BRA@0.5', '--json'], env)).stdout);
    expect(half.removals).toEqual([{ id: 'country:BRA', severity: 0.5 }]);
    for (let i = 0; i < half.rows.length; i++) expect(half.rows[i].tonnesLost / full.rows[i].tonnesLost).toBeCloseTo(0.5, 1);
    const table = await cli([...args, '--remove', 'country:BRA@0.5'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Removed country:BRA@0.5');
    const bad = await cli([...args, '--remove', 'country:BRA@2'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/severity of "country:BRA"/);
  });

  it('impact --json returns the documented shape; Brazil removal loses over 90% of world niobium', async () => {
    const run = await cli(['impact', '--remove', 'country:BRA', '--mineral', 'niobium', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { removed: string[]; model: string; minerals: Array<{ mineral: string; shareLost: number }>; consumers: Array<{ country: string; paths: unknown[] }> };
    expect(result.removed).toEqual(['country:BRA']);
    expect(result.model).toBe('proportional');
    expect(result.minerals[0]!.mineral).toBe('niobium');
    expect(result.minerals[0]!.shareLost).toBeGreaterThan(0.9);
    expect(result.consumers.map((c) => c.country)).toContain('country:USA');
  });

  it('--engine gds on the memory store says it needs Neo4j with GDS', async () => {
    const run = await cli(['centrality', '--engine', 'gds'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--engine gds needs the Neo4j store');
  });

  it('scenario lists the presets and runs one by name; an unknown name suggests the nearest', async () => {
    const list = JSON.parse((await cli(['scenario', '--json'], env)).stdout) as Array<{ name: string }>;
    expect(list.length).toBeGreaterThanOrEqual(3);
    const first = list[0]!.name;
    const run = await cli(['scenario', first, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('minerals');
    const bad = await cli(['scenario', `${first}x`], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(first);
  });
});
