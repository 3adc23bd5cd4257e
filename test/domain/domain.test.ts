// The domain layer: "did you mean" suggestions, the typed graph builder and dataset counts.
import { describe, expect, it } from 'vitest';
import { editDistance, NotFoundError, InvalidInputError, suggestIds, unknownIdError } from '../../src/domain/errors.ts';
import { buildSupplyGraph } from '../../src/domain/graph.ts';
import { countDataset, type Dataset } from '../../src/domain/model.ts';

const source = { source: 'test fixture', year: 2025 };
const dataset: Dataset = {
  version: 'test',
  nodes: [
    { id: 'country:BRA', kind: 'country', name: 'Brazil', iso3: 'BRA', ...source },
    { id: 'country:ROW', kind: 'country', name: 'Rest of world', iso3: 'ROW', aggregate: true, ...source },
    { id: 'mineral:niobium', kind: 'mineral', name: 'Niobium', slug: 'niobium', source: 'other fixture', year: 2025 },
    { id: 'mine:bra-niobium', kind: 'mine', name: 'Brazil niobium', country: 'BRA', minerals: ['niobium'], aggregate: true, ...source },
  ],
  flows: [
    { ...source, id: 'f2024', from: 'mine:bra-niobium', to: 'country:ROW', mineral: 'niobium', stage: 'mine', tonnes: 100, year: 2024 },
    { ...source, id: 'f2025', from: 'mine:bra-niobium', to: 'country:ROW', mineral: 'niobium', stage: 'mine', tonnes: 104 },
  ],
  links: [{ type: 'LOCATED_IN', from: 'mine:bra-niobium', to: 'country:BRA', ...source }],
};

describe('suggestions', () => {
  it('computes edit distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the nearest ids and says so in the error', () => {
    expect(suggestIds('country:BRZ', ['country:BRA', 'country:USA', 'mineral:niobium'])[0]).toBe('country:BRA');
    const error = unknownIdError('node', 'country:BRZ', ['country:BRA', 'country:USA']);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe('node "country:BRZ" not found (did you mean "country:BRA", "country:USA"?)');
    expect(error.suggestions[0]).toBe('country:BRA');
  });

  it('offers nothing when nothing is near', () => {
    expect(suggestIds('zzzzzzzzzzzzzzzz', ['country:BRA'])).toEqual([]);
  });
});

describe('buildSupplyGraph', () => {
  it('builds a typed multigraph of flows, optionally for one year', () => {
    const all = buildSupplyGraph(dataset);
    expect(all.order).toBe(4);
    expect(all.size).toBe(2);
    expect(all.getAttribute('years')).toEqual([2024, 2025]);
    const y2025 = buildSupplyGraph(dataset, { year: 2025 });
    expect(y2025.size).toBe(1);
    expect(y2025.getEdgeAttribute('f2025', 'tonnes')).toBe(104);
  });

  it('lists every dangling flow endpoint', () => {
    const bad: Dataset = { ...dataset, flows: [...dataset.flows, { ...dataset.flows[0]!, id: 'bad', from: 'mine:nowhere', to: 'country:XXX' }] };
    try {
      buildSupplyGraph(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).problems.map((p) => p.field)).toEqual(['from', 'to']);
    }
  });
});

describe('countDataset', () => {
  it('counts kinds, leaves aggregate consumers out of countries, and counts distinct sources', () => {
    expect(countDataset(dataset)).toEqual({ minerals: 1, countries: 1, mines: 1, refiners: 0, flows: 2, sources: 2 });
  });
});
