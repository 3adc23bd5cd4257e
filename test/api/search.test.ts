// GET /api/nodes?q= search on the shipped graph: accent-insensitive, and a typo away still finds the node.
import { beforeAll, describe, expect, it } from 'vitest';
import { searchIndex, searchNodes } from '../../src/api/views.ts';
import { readShippedDataset } from '../../src/data/index.ts';
import { buildSupplyGraph } from '../../src/domain/graph.ts';

let index: ReturnType<typeof searchIndex>;
beforeAll(async () => {
  index = searchIndex(buildSupplyGraph(await readShippedDataset()));
});

describe('node search', () => {
  it('"niobum" finds the mineral niobium first (one typo), "Catalão" finds ICMM\'s Catalao', () => {
    expect(searchNodes(index, 'niobum', undefined)[0]).toMatchObject({ id: 'mineral:niobium' });
    expect(searchNodes(index, 'Catalão', undefined).map((n) => n.id)).toContain('mine:catalao-icmm01156');
    expect(searchNodes(index, 'Araxá', undefined).map((n) => n.id)).toContain('refiner:araxa-cbbm-icmm07943');
  });
  it('exact and prefix matches still come first: "brazil" is the country', () => {
    expect(searchNodes(index, 'brazil', undefined)[0]).toMatchObject({ id: 'country:BRA' });
  });
});
