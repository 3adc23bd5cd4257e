// Partial removals (issue 13, item 1): `id@severity` and `{id, severity}` on hand-computed graphs for both impact
// models, the way overlapping removals combine, the typed errors, and Brazil's niobium on the shipped data.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { impact, parseRemoval } from '../../src/analysis/impact.ts';
import { InvalidInputError } from '../../src/domain/errors.ts';
import { buildSupplyGraph, type SupplyGraph } from '../../src/domain/graph.ts';
import { DEFAULT_DATA_DIR, readShippedDataset } from '../../src/data/index.ts';
import { refinerGraph, twoMines } from './fixtures.ts';

const lossOf = (result: ReturnType<typeof impact>) => Object.fromEntries(result.consumers.map((c) => [c.country, c.tonnesLost]));

describe('severity: parsing', () => {
  it('reads id@severity and {id, severity}; plain ids have severity 1', () => {
    expect(parseRemoval('country:CHN/gallium@0.4')).toEqual({ id: 'country:CHN/gallium', severity: 0.4 });
    expect(parseRemoval({ id: 'country:CHN/gallium', severity: 0.4 })).toEqual({ id: 'country:CHN/gallium', severity: 0.4 });
    expect(parseRemoval('country:BRA')).toEqual({ id: 'country:BRA', severity: 1 });
    expect(parseRemoval({ id: 'country:BRA' })).toEqual({ id: 'country:BRA', severity: 1 });
  });

  it.each(['country:BRA@0', 'country:BRA@1.5', 'country:BRA@abc', 'country:BRA@', 'country:BRA@-0.2'])('refuses %s naming the entry', (entry) => {
    expect(() => parseRemoval(entry)).toThrow(InvalidInputError);
    expect(() => parseRemoval(entry)).toThrow(/severity of "country:BRA" must be a number in \(0, 1\]/);
  });

  it('refuses a bad severity inside impact() with the field of the entry', () => {
    try {
      impact(refinerGraph(), { remove: ['mine:a', { id: 'mine:b', severity: 2 }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError);
      expect((e as InvalidInputError).problems).toEqual([{ field: 'remove[1]', message: 'severity must be > 0 and <= 1' }]);
    }
  });
});

describe('severity: proportional model', () => {
  it('half of a mine loses half of what removing it loses, at every consumer', () => {
    const full = impact(refinerGraph(), { remove: ['mine:b'] });
    const half = impact(refinerGraph(), { remove: ['mine:b@0.5'] });
    expect(half.minerals[0]!.tonnesLost).toBeCloseTo(full.minerals[0]!.tonnesLost / 2, 9);
    for (const [c, t] of Object.entries(lossOf(full))) expect(lossOf(half)[c]).toBeCloseTo(t / 2, 9);
    expect(half.removed).toEqual(['mine:b']);
    expect(half.removals).toEqual([{ id: 'mine:b', severity: 0.5 }]);
    expect(half.notes.join(' ')).toMatch(/partial removals \(mine:b@0\.5\)/);
    // A partly disrupted node still delivers: it is neither disconnected nor out of the structure.
    expect(half.structure.nodesDisconnected).toEqual([]);
  });

  it('overlapping removals of the same supply multiply the fractions left: 0.5 and 0.5 leave 0.25', () => {
    const full = impact(refinerGraph(), { remove: ['mine:b'] }).minerals[0]!.tonnesLost;
    const twice = impact(refinerGraph(), { remove: ['mine:b@0.5', { id: 'mine:b', severity: 0.6 }] });
    expect(twice.minerals[0]!.tonnesLost).toBeCloseTo(full * (1 - 0.5 * 0.4), 9);
    expect(twice.removals).toEqual([
      { id: 'mine:b', severity: 0.5 },
      { id: 'mine:b', severity: 0.6 },
    ]);
    // The same entry named twice is one shock.
    const same = impact(refinerGraph(), { remove: ['mine:b@0.5', 'mine:b@0.5'] }).minerals[0]!.tonnesLost;
    expect(same).toBeCloseTo(full / 2, 9);
  });

  it('a partial export ban cuts that fraction of the flows leaving the country', () => {
    const full = impact(refinerGraph(), { remove: ['country:AAA/x'] });
    const part = impact(refinerGraph(), { remove: ['country:AAA/x@0.25'] });
    expect(full.minerals[0]!.tonnesLost).toBeGreaterThan(0);
    expect(part.minerals[0]!.tonnesLost).toBeCloseTo(full.minerals[0]!.tonnesLost * 0.25, 9);
  });
});

describe('severity: rerouting model', () => {
  it('a half-disrupted mine keeps half its output and half its spare capacity', () => {
    // m1 (50 t, capacity 80) and m2 (50 t, capacity 60) each send 30 t to ROW and 20 t to the USA.
    // m1@0.5: 25 t lost; m1 keeps half its spare (15 t) and m2 has 10 t: all 25 t can be replaced.
    const [z] = impact(twoMines(60), { remove: ['mine:m1@0.5'], model: 'rerouting' }).minerals;
    expect(z!.tonnesLost).toBeCloseTo(25, 9);
    expect(z!.tonnesRerouted).toBeCloseTo(25, 9);
    expect(z!.unmetTonnes).toBe(0);
    // m1@0.9: 45 t lost; m1 keeps 10% of its capacity (8 t, of which 5 t it still produces: 3 t spare), m2 10 t.
    const [y] = impact(twoMines(60), { remove: ['mine:m1@0.9'], model: 'rerouting' }).minerals;
    expect(y!.tonnesLost).toBeCloseTo(45, 9);
    expect(y!.tonnesRerouted).toBeCloseTo(13, 9);
    expect(y!.unmetTonnes).toBeCloseTo(32, 9);
  });
});

const shipped = existsSync(join(DEFAULT_DATA_DIR, 'nodes.json'));

describe.skipIf(!shipped)('severity on the shipped dataset', () => {
  let graph: SupplyGraph;
  beforeAll(async () => {
    graph = buildSupplyGraph(await readShippedDataset());
  });

  it('half severity on Brazil loses half of what full removal loses of niobium (within 5%)', () => {
    const full = impact(graph, { remove: ['country:BRA'], mineral: 'niobium', year: 2025 }).minerals[0]!;
    const half = impact(graph, { remove: ['country:BRA@0.5'], mineral: 'niobium', year: 2025 }).minerals[0]!;
    expect(full.tonnesLost).toBeCloseTo(104000, 6);
    expect(Math.abs(half.tonnesLost - full.tonnesLost / 2) / (full.tonnesLost / 2)).toBeLessThan(0.05);
    expect(half.productionShareLost!).toBeCloseTo(full.productionShareLost! / 2, 9);
  });

  it('a 40% cut of China\'s gallium exports loses 40% of what the ban loses, in both models', () => {
    for (const model of ['proportional', 'rerouting'] as const) {
      const ban = impact(graph, { remove: ['country:CHN/gallium'], mineral: 'gallium', model }).minerals[0]!;
      const cut = impact(graph, { remove: [{ id: 'country:CHN/gallium', severity: 0.4 }], mineral: 'gallium', model }).minerals[0]!;
      expect(cut.tonnesLost).toBeCloseTo(ban.tonnesLost * 0.4, 6);
      if (model === 'rerouting') expect(cut.unmetTonnesUpperBound ?? cut.unmetTonnes!).toBeLessThanOrEqual((ban.unmetTonnesUpperBound ?? ban.unmetTonnes!) + 1e-9);
    }
  });
});
