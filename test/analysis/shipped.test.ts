// The analyses on the real shipped dataset (graph/data): the headline answers DOMAIN.md asks for, checked
// against USGS MCS 2026 figures written out by hand (2025e): beryllium USA 230 t of a published (rounded) world
// total of 430 t whose listed producers sum to 432 t (230 + 80 + 77 + 40 + 3 + 1 + 1), so shares are of 432;
// niobium Brazil 104,000 of a published 112,000 t (listed producers sum to 111,630 t, so shares are of 112,000).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  centrality,
  chokepoints,
  concentration,
  dependencies,
  hotSpots,
  impact,
  runScenario,
  supplyRisk,
} from '../../src/analysis/index.ts';
import { NotFoundError, UnprocessableError } from '../../src/domain/errors.ts';
import { buildSupplyGraph, type SupplyGraph } from '../../src/domain/graph.ts';
import { readShippedDataset, DEFAULT_DATA_DIR } from '../../src/data/index.ts';
import { listScenarios } from '../../src/data/scenarios.ts';

const shipped = existsSync(join(DEFAULT_DATA_DIR, 'nodes.json'));

describe.skipIf(!shipped)('analyses on the shipped dataset (graph/data)', () => {
  let graph: SupplyGraph;
  beforeAll(async () => {
    graph = buildSupplyGraph(await readShippedDataset());
  });

  it('concentration: USA 230 of 432 (published 430) t of beryllium, Brazil 104,000 of 112,000 t of niobium (2025e)', () => {
    const [be] = concentration(graph, { mineral: 'beryllium', stage: 'mine', year: 2025 });
    expect(be!.publishedWorldTonnes).toBe(430);
    expect(be!.worldTonnes).toBe(432);
    expect(be!.producers[0]).toMatchObject({ node: 'country:USA', tonnes: 230 });
    expect(be!.producers[0]!.share).toBeCloseTo(230 / 432, 12);
    const [nb] = concentration(graph, { mineral: 'niobium', stage: 'mine', year: 2025 });
    expect(nb!.producers[0]).toMatchObject({ node: 'country:BRA', tonnes: 104000 });
    expect(nb!.top1Share).toBeCloseTo(104000 / 112000, 12);
    expect(nb!.hhi).toBeGreaterThan(8000);
  });

  it('impact: removing Brazil loses >= 90% of world niobium mine supply', () => {
    const result = impact(graph, { remove: ['country:BRA'], mineral: 'niobium', year: 2025 });
    const [nb] = result.minerals;
    expect(nb!.tonnesLost).toBeCloseTo(104000, 3);
    // World supply is conserved: what reaches consumers is the listed producers' 111,630 t.
    expect(nb!.tonnesBefore).toBeCloseTo(111630, 6);
    // Production HHI = chokepoints' hhi; it differs from the supply HHI of what reaches consumers.
    expect(nb!.productionHhiBefore).toBeCloseTo(concentration(graph, { mineral: 'niobium', stage: 'mine', year: 2025 })[0]!.hhi, 9);
    expect(nb!.productionShareLost).toBeCloseTo(104000 / 112000, 12);
    expect(nb!.shareLost).toBeGreaterThanOrEqual(0.9);
    expect(nb!.hhiAfter).toBeLessThan(nb!.hhiBefore);
    // Named consumers (BACI trade): China, the Netherlands, Korea, Japan and others lose Brazil's ferroniobium.
    const named = result.consumers.filter((c) => c.country !== 'country:ROW');
    expect(named.length).toBeGreaterThanOrEqual(10);
    for (const iso3 of ['CHN', 'NLD', 'KOR', 'JPN', 'USA']) expect(named.some((c) => c.country === `country:${iso3}` && c.tonnesLost > 100), iso3).toBe(true);
    // Paths (the 5 largest) never claim more than the consumer lost, hubs that keep part of their imports included
    // (each figure is rounded to 1e-6 t on its own, so the sum may exceed by that much per path).
    for (const c of result.consumers) expect(c.paths.reduce((s, p) => s + p.tonnes, 0), c.country).toBeLessThanOrEqual(c.tonnesLost * (1 + 1e-9) + 1e-6 * c.paths.length);
    expect(result.minerals[0]!.residualShare).toBeLessThan(0.25);
    expect(result.minerals[0]!.namedConsumers).toBeGreaterThanOrEqual(10);
  });

  it('niobium: ROW holds at most a quarter of final supply; every consumer keeps what it receives minus what it passes on', () => {
    const kept = new Map<string, number>();
    graph.forEachEdge((_e, a, source, target) => {
      if (a.mineral !== 'niobium' || a.year !== 2025) return;
      if (target.startsWith('country:')) kept.set(target, (kept.get(target) ?? 0) + (a.tonnes ?? 0));
      if (source.startsWith('country:')) kept.set(source, (kept.get(source) ?? 0) - (a.tonnes ?? 0));
    });
    const total = [...kept.values()].filter((t) => t > 0).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(111630, 3);
    expect((kept.get('country:ROW') ?? 0) / total).toBeLessThanOrEqual(0.25);
    const before = impact(graph, { remove: ['country:BRA'], mineral: 'niobium', year: 2025 });
    for (const c of before.consumers) expect(c.tonnesBefore, c.country).toBeCloseTo(kept.get(c.country)!, 3);
  });

  it('impact: removing the USA loses the US share of beryllium, 230 t of a published 430 (listed 432) t', () => {
    const [be] = impact(graph, { remove: ['country:USA'], mineral: 'beryllium', year: 2025 }).minerals;
    expect(be!.productionLost).toBeCloseTo(230, 9);
    expect(be!.publishedWorldProduction).toBe(430);
    expect(be!.worldProduction).toBeCloseTo(432, 9);
    expect(be!.productionShareLost).toBeCloseTo(230 / 432, 12);
    expect(be!.productionShareLost).toBeCloseTo(230 / 430, 2);
  });

  it('impact: a Chinese gallium export ban loses exactly what leaves China, and names every importer that keeps Chinese gallium', () => {
    // Independently of the analysis: the flows the ban cuts are gallium flows from a node located in China to a node
    // located elsewhere. In the proportional model every cut tonne was consumed somewhere (supply is conserved), so
    // the consumers together lose exactly their sum.
    let cut = 0;
    const direct = new Set<string>();
    graph.forEachEdge((_e, a, source, target, sa, ta) => {
      if (a.mineral !== 'gallium' || a.year !== 2025) return;
      const where = (id: string, n: typeof sa) => (n.kind === 'country' ? id.slice(8) : (n as { country?: string }).country);
      if (where(source, sa) === 'CHN' && where(target, ta) !== 'CHN') {
        cut += a.tonnes ?? 0;
        direct.add(target);
      }
    });
    const result = impact(graph, { remove: ['country:CHN/gallium'], year: 2025 });
    const tonnage = result.consumers.filter((c) => c.mineral === 'gallium' && c.basis === 'tonnes');
    expect(tonnage.reduce((s, c) => s + c.tonnesLost, 0)).toBeCloseTo(cut, 3);
    expect(result.minerals[0]!.tonnesLost).toBeCloseTo(cut, 3);
    const importers = tonnage.filter((c) => c.country !== 'country:CHN' && c.country !== 'country:ROW');
    expect(importers.length).toBeGreaterThanOrEqual(10);
    for (const c of importers) expect(c.paths[0]!.nodes[0]).toMatch(/chn/);
    // Most countries China ships to directly keep part of it: they are among the importers hit.
    const hitIds = new Set(importers.map((c) => c.country));
    expect([...direct].filter((id) => hitIds.has(id)).length).toBeGreaterThanOrEqual(10);
    // China's own consumption is its own node, and loses only what comes back to it through other countries.
    const china = tonnage.find((c) => c.country === 'country:CHN');
    if (china) expect(china.shareLost).toBeLessThan(0.5);
  });

  it('impact (rerouting): gallium spare capacity is never assumed where unpublished', () => {
    const [ga] = impact(graph, { remove: ['country:CHN/gallium'], model: 'rerouting', year: 2025 }).minerals;
    // Countries that pass gallium on (US intermediaries such as Canada, Germany and Japan, BACI re-exporters) trade
    // what producers give them: the only spare capacity is the producers' published one (USGS 2025 capacity -
    // output: Japan 10 - 3, Russia 10 - 6, other countries 100 - 0), so rerouting can never exceed 111 t.
    const rerouted = ga!.capacityKnown ? ga!.tonnesRerouted! : ga!.tonnesReroutedLowerBound!;
    expect(rerouted).toBeGreaterThan(0);
    expect(rerouted).toBeLessThanOrEqual(7 + 4 + 100 + 1e-6);
    const unmet = ga!.capacityKnown ? ga!.unmetTonnes! : ga!.unmetTonnesUpperBound!;
    expect(rerouted + unmet).toBeCloseTo(ga!.tonnesLost, 6);
    // Nothing that receives gallium is counted as an unpublished source.
    const fed = new Set<string>();
    graph.forEachEdge((_e, a, _s, target) => {
      if (a.mineral === 'gallium' && a.year === 2025) fed.add(target);
    });
    for (const id of ga!.unknownCapacityNodes ?? []) expect(fed.has(id), id).toBe(false);
  });

  it('chokepoints: country:USA ranks first for beryllium and country:BRA for niobium at mine stage', () => {
    const rows = chokepoints(graph, { stage: 'mine', year: 2025, limit: 1 });
    const first = Object.fromEntries(rows.map((r) => [r.mineral, r.node]));
    expect(first.beryllium).toBe('country:USA');
    expect(first.niobium).toBe('country:BRA');
    const be = rows.find((r) => r.mineral === 'beryllium')!;
    expect(be.share).toBeCloseTo(230 / 432, 12);
    // Every tonne the USA mines reaches a consumer (supply conserved), so its removal loses its share of output.
    expect(be.impactShare).toBeCloseTo(230 / 432, 9);
    expect(be.estimated).toBe(false);
    expect(be.countryRisk).toBeGreaterThan(0);
    expect(be.countryRisk).toBeLessThan(1);
  });

  it('no silent empty answers: germanium has no producers, ROW supplies nothing, niobium flows form a DAG', () => {
    // USGS publishes only US import sources for germanium: no production figure, no producer.
    expect(() => chokepoints(graph, { mineral: 'germanium' })).toThrow(NotFoundError);
    expect(() => impact(graph, { remove: ['country:ROW'] })).toThrow(UnprocessableError);
    const eigen = centrality(graph, { metric: 'eigenvector', mineral: 'niobium' });
    expect(eigen.converged).toBe(false);
    expect(eigen.scores).toEqual([]);
    // The default year is 2025 (USGS 2025e), the latest with production figures.
    expect(chokepoints(graph, { mineral: 'niobium', limit: 1 })[0]!.year).toBe(2025);
  });

  it('hot spots: the paper\'s 11 / 9 / 4 / 8 from the shipped seed-000 entries', () => {
    const { counts } = hotSpots(graph);
    expect([counts['both-dependent'], counts['us-dependent-china-main-source'], counts['us-dependent'], counts['china-dependent']]).toEqual([
      11, 9, 4, 8,
    ]);
  });

  it('risk: R in [0, 1], the 2-means threshold between its centres, gallium refining high', () => {
    const report = supplyRisk(graph);
    expect(report.wgiYear).toBe(2023);
    for (const r of report.risks) {
      expect(r.risk).toBeGreaterThanOrEqual(0);
      expect(r.risk).toBeLessThanOrEqual(1);
    }
    expect(report.threshold).toBeGreaterThan(report.centroids[0]);
    expect(report.threshold).toBeLessThan(report.centroids[1]);
    const ga = report.risks.find((r) => r.mineral === 'gallium' && r.year === 2025)!;
    expect(ga.level).toBe('high');
  });

  it('dependencies: the USA niobium import suppliers, NIR 100%', () => {
    const [nb] = dependencies(graph, { country: 'USA', mineral: 'niobium', year: 2025 });
    expect(nb!.nir).toBe(1);
    expect(nb!.suppliers[0]!.country).toBe('country:BRA');
    expect(nb!.hotSpot).toBe('both-dependent');
  });

  it('every shipped scenario runs on the shipped dataset', async () => {
    for (const scenario of await listScenarios()) {
      const result = runScenario(graph, scenario);
      expect(result.minerals.length, scenario.name).toBeGreaterThan(0);
      expect(result.minerals.some((m) => m.tonnesLost > 0), scenario.name).toBe(true);
    }
  });
});
