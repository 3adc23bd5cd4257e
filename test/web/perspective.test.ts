// The details panel's importer-perspective rows: which node has a perspective, and the rows made of the report the
// real analysis (src/analysis/perspective.ts perspectiveRisk, what GET /api/risk?perspective= answers) gives on the
// hand-made dataset.
import { describe, expect, it } from 'vitest';
import { perspectiveRisk } from '../../src/analysis/perspective.ts';
import { buildSupplyGraph } from '../../src/domain/graph.ts';
import { buildViewGraph } from '../../web/src/graph.ts';
import { perspectiveKey, perspectiveOf, perspectiveRows } from '../../web/src/perspective.ts';
import { tinyApiGraph, tinyDataset } from './fixtures.ts';

describe('perspectiveOf', () => {
  const graph = buildViewGraph(tinyApiGraph(), { year: 2025 });
  it('is the ISO3 of a real country, drawn or not, and nothing for aggregates and other kinds', () => {
    expect(perspectiveOf(graph, 'country:CCC')).toBe('CCC');
    expect(perspectiveOf(graph, 'country:JPN')).toBe('JPN');
    expect(perspectiveOf(graph, 'country:ROW')).toBeNull();
    expect(perspectiveOf(graph, 'refiner:bbb-x')).toBeNull();
    expect(perspectiveOf(graph, 'country:CHN/gallium')).toBeNull();
    expect(perspectiveOf(null, null)).toBeNull();
  });

  it('keys one request per country and year (every mineral in it)', () => {
    expect(perspectiveKey('CCC', 2025)).not.toBe(perspectiveKey('CCC', 2024));
    expect(perspectiveKey('CCC', 2025)).not.toBe(perspectiveKey('AAA', 2025));
    expect(perspectiveKey('CCC', null)).toBe('CCC|');
  });
});

describe('perspectiveRows', () => {
  const report = perspectiveRisk(buildSupplyGraph(tinyDataset()), { perspective: 'CCC', year: 2025 });
  const names = (id: string) => ({ 'country:BBB': 'Bland', 'country:AAA': 'Aland' })[id] ?? id;

  it('labels each mineral with SR, IR, both HHI_WGI and the suppliers with their share, highest SR first', () => {
    const rows = perspectiveRows(report, 'all', names);
    expect(rows.map((r) => r.mineral)).toEqual(report.risks.map((r) => r.mineral));
    const x = rows.find((r) => r.mineral === 'x')!;
    expect(x).toMatchObject({ ir: 1, suppliers: 'Bland 100%', noImports: false });
    expect(x.sr).toBeCloseTo(x.hhiWgiSupply * 0.5 + x.hhiWgiSourcing * 0.5, 12);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.sr).toBeGreaterThanOrEqual(rows[i]!.sr);
  });

  it('keeps the mineral on screen only', () => {
    expect(perspectiveRows(report, 'x', names).map((r) => r.mineral)).toEqual(['x']);
    expect(perspectiveRows(report, 'nothing', names)).toEqual([]);
  });
});
