// A hand-made dataset small enough to compute by hand: two producers of one mineral feeding one consumer.
// AAA mines 75 t and BBB 25 t of "testium" in 2025; both ship everything to country:CCC.
import type { Dataset } from '../../src/domain/model.ts';

const SOURCE = 'test fixture (hand-made)';

export function tinyDataset(version = 'tiny-v1'): Dataset {
  const country = (iso3: string, name: string) => ({
    id: `country:${iso3}`,
    kind: 'country' as const,
    iso3,
    name,
    source: SOURCE,
    year: 2025,
  });
  const mine = (iso3: string, tonnes: number) => ({
    id: `mine:${iso3.toLowerCase()}-testium`,
    kind: 'mine' as const,
    name: `${iso3} testium mine output (aggregate)`,
    country: iso3,
    minerals: ['testium'],
    aggregate: true,
    mineral: 'testium',
    stage: 'mine' as const,
    output: { '2025': tonnes },
    source: SOURCE,
    year: 2025,
  });
  return {
    version,
    nodes: [
      country('AAA', 'Aland'),
      country('BBB', 'Bland'),
      country('CCC', 'Cland'),
      { id: 'mineral:testium', kind: 'mineral', slug: 'testium', name: 'Testium', source: SOURCE, year: 2025 },
      mine('AAA', 75),
      mine('BBB', 25),
    ],
    flows: [
      {
        id: 'f1',
        from: 'mine:aaa-testium',
        to: 'country:CCC',
        mineral: 'testium',
        stage: 'mine',
        tonnes: 75,
        year: 2025,
        source: SOURCE,
      },
      {
        id: 'f2',
        from: 'mine:bbb-testium',
        to: 'country:CCC',
        mineral: 'testium',
        stage: 'mine',
        tonnes: 25,
        year: 2025,
        source: SOURCE,
      },
    ],
    links: [
      { type: 'LOCATED_IN', from: 'mine:aaa-testium', to: 'country:AAA', source: SOURCE, year: 2025 },
      { type: 'LOCATED_IN', from: 'mine:bbb-testium', to: 'country:BBB', source: SOURCE, year: 2025 },
    ],
  };
}
