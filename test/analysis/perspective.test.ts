// Importer perspectives on the shipped dataset: dependencies for any trading country (JPN niobium: Brazil first with
// BACI's share, read from the raw file here), the EU CRM supply risk from the EU-27's point of view recomputed from
// the graph's edges independently of perspective.ts, and seed 000's hot-spot type recomputed for the year asked.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { countryGovernanceRisk, dependencies, EU27, perspectiveRisk } from '../../src/analysis/index.ts';
import { NotFoundError } from '../../src/domain/errors.ts';
import { buildSupplyGraph, type SupplyGraph } from '../../src/domain/graph.ts';
import { DEFAULT_DATA_DIR, defaultSharedDataDir, readShippedDataset } from '../../src/data/index.ts';
import { baciFile } from '../../src/data/sources/baci.ts';

const shipped = existsSync(join(DEFAULT_DATA_DIR, 'nodes.json'));
const baci = join(defaultSharedDataDir(), baciFile(2024));

describe.skipIf(!shipped)('importer perspectives on the shipped dataset', () => {
  let graph: SupplyGraph;
  beforeAll(async () => {
    graph = buildSupplyGraph(await readShippedDataset());
  });

  it.skipIf(!existsSync(baci))("dependencies --country JPN --mineral niobium: Brazil first, with BACI's 2024 share of Japan's ferroniobium", async () => {
    const raw = JSON.parse(await readFile(baci, 'utf8')) as { materials: Record<string, Array<{ from: string; to: string; qty: number }>> };
    const japan = raw.materials.niobium!.filter((r) => r.to === 'JP');
    const brazilShare = japan.find((r) => r.from === 'BR')!.qty / japan.reduce((s, r) => s + r.qty, 0);
    for (const year of [2024, 2025]) {
      const [row] = dependencies(graph, { country: 'JPN', mineral: 'niobium', year });
      expect(row!.suppliers[0]!.country).toBe('country:BRA');
      // Japan's inflows also carry re-exports from hubs (Singapore, the Netherlands ...), shares within a point.
      expect(Math.abs(row!.suppliers[0]!.share - brazilShare)).toBeLessThan(0.01);
      expect(row!.suppliers[0]!.tonnes).toBeGreaterThan(1000);
      expect(row!.importReliance).toBe(1);
      expect(row!.supplierRiskWgi).toBeGreaterThan(0);
      expect(row!.hotSpotComputed.year).toBe(year);
    }
  });

  it('dependencies --country DEU covers the traded minerals with suppliers, reliance and WGI-weighted risk', () => {
    const rows = dependencies(graph, { country: 'DEU', year: 2024 });
    expect(rows.length).toBeGreaterThanOrEqual(12);
    for (const r of rows) {
      expect(r.suppliersFrom).toBe('flows');
      // Supplier risk is sum s^2 G over the suppliers, so never above the plain HHI (G <= 1).
      expect(r.supplierRiskWgi).toBeLessThanOrEqual(r.supplierHhi / 10000 + 1e-12);
    }
    // Rare earths (magnets) come from China. Gallium has no 2024 row: Germany's BACI exports of the mixed code 811292
    // (an upper bound) exceed what it receives, so the re-export rule passes all of it on and Germany keeps none.
    const rareEarths = rows.find((r) => r.mineral === 'rare-earths')!;
    expect(rareEarths.suppliers[0]!.country).toBe('country:CHN');
  });

  it('the hot-spot type is computed from the year asked, the seed-000 2017 type stays beside it', () => {
    const [co] = dependencies(graph, { country: 'USA', mineral: 'cobalt', year: 2024 });
    // USGS NIR 2024 for cobalt is 74%: US dependent on the year's own figure.
    expect(co!.hotSpotComputed).toMatchObject({ usIr: 0.74, usIrFrom: 'usgs-nir', year: 2024 });
    expect(['both-dependent', 'us-dependent', 'us-dependent-china-main-source']).toContain(co!.hotSpotComputed.type);
    expect(co!.hotSpotSeed2017).toBe(co!.hotSpot);
    expect(co!.hotSpotSeed2017).toBeDefined();
  });

  it('risk --perspective EU --mineral gallium: SR from its parts, the sourcing HHI_WGI recomputed from the edges', () => {
    const report = perspectiveRisk(graph, { perspective: 'EU', mineral: 'gallium', year: 2024 });
    const [r] = report.risks;
    expect(r).toMatchObject({ perspective: 'EU', mineral: 'gallium', gross: true, eolRir: 0, si: 1 });
    expect(r!.sr).toBeCloseTo((r!.hhiWgiSupply * r!.ir) / 2 + r!.hhiWgiSourcing * (1 - r!.ir / 2), 12);
    expect(r!.ir).toBeGreaterThan(0.9);
    // Independently: gallium flows of 2024 into EU country nodes from nodes outside the EU, by supplier country.
    const eu = new Set(EU27);
    const where = (id: string) => {
      const a = graph.getNodeAttributes(id) as { kind: string; country?: string };
      return a.kind === 'country' ? id.slice(8) : a.country!;
    };
    const bySupplier = new Map<string, number>();
    graph.forEachEdge((_e, a, source, target, _sa, ta) => {
      if (a.mineral !== 'gallium' || a.year !== 2024 || ta.kind !== 'country') return;
      if (eu.has(where(source)) || !eu.has(where(target))) return;
      bySupplier.set(where(source), (bySupplier.get(where(source)) ?? 0) + (a.tonnes ?? 0));
    });
    const total = [...bySupplier.values()].reduce((a, b) => a + b, 0);
    let hhiWgi = 0;
    for (const [iso3, t] of bySupplier) {
      if (iso3 === 'OTH') continue;
      const g = countryGovernanceRisk(graph, iso3, 2024);
      if (g !== null) hhiWgi += (t / total) ** 2 * g;
    }
    expect(r!.hhiWgiSourcing).toBeCloseTo(hhiWgi, 12);
    expect(r!.imports).toBeCloseTo(total, 6);
    expect(r!.topSuppliers[0]!.country).toBe('country:CHN');
    expect(report.notes.join(' ')).toContain('Blengini et al. 2017');
    expect(report.notes.join(' ')).toContain('CEPII BACI, V202601, from UN Comtrade');
  });

  it('perspectives of single countries, and clear errors for an unknown importer or a mineral without flows', () => {
    const jpn = perspectiveRisk(graph, { perspective: 'jpn', year: 2024 });
    expect(jpn.perspective).toBe('JPN');
    expect(jpn.risks.length).toBeGreaterThanOrEqual(10);
    for (const r of jpn.risks) {
      expect(r.ir).toBeGreaterThanOrEqual(0);
      expect(r.ir).toBeLessThanOrEqual(1);
    }
    expect(() => perspectiveRisk(graph, { perspective: 'XYZ' })).toThrow(NotFoundError);
    expect(() => perspectiveRisk(graph, { perspective: 'ROW' })).toThrow(/perspective: country/);
  });
});
