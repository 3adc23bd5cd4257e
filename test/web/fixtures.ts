// A hand-made serialised graph (the shape GET /api/graph answers) small enough to compute every score by hand.
//
//   2025, mineral x:  mine:aaa-x --60--> refiner:bbb-x --50--> country:CCC
//                     mine:bbb-x --20--> refiner:bbb-x --30--> country:ROW (aggregate consumer)
//   2025, mineral y:  mine:aaa-y --5--> country:CCC
//   2024, mineral x:  mine:aaa-x --10--> country:CCC      (dropped when the view shows 2025)
//
// Final supply of x in 2025 = 50 + 30 = 80 t; of y = 5 t.
import type { Dataset } from '../../src/domain/model.ts';
import type { ApiGraph } from '../../web/src/graph.ts';

const S = 'test fixture (hand-made)';
const wgi = (v: number) => ({ '2023': { va: v, pv: v, ge: v, rq: v, rl: v, cc: v } });

export function tinyApiGraph(): ApiGraph {
  return {
    attributes: { version: 'tiny-web-1', years: [2024, 2025] },
    options: { type: 'directed', multi: true, allowSelfLoops: true },
    nodes: [
      { key: 'country:AAA', attributes: { kind: 'country', name: 'Aland', iso3: 'AAA', lat: 0, lon: 0, wgi: wgi(0), source: S, year: 2025 } },
      { key: 'country:BBB', attributes: { kind: 'country', name: 'Bland', iso3: 'BBB', lat: 20, lon: 40, wgi: wgi(1), source: S, year: 2025 } },
      { key: 'country:CCC', attributes: { kind: 'country', name: 'Cland', iso3: 'CCC', lat: 45, lon: -100, source: S, year: 2025 } },
      { key: 'country:ROW', attributes: { kind: 'country', name: 'Rest of world', iso3: 'ROW', aggregate: true, source: S, year: 2025 } },
      { key: 'mine:aaa-x', attributes: { kind: 'mine', name: 'Aland x mine output (aggregate)', country: 'AAA', aggregate: true, mineral: 'x', stage: 'mine', minerals: ['x'], source: S, year: 2025 } },
      { key: 'mine:aaa-y', attributes: { kind: 'mine', name: 'Aland y mine output (aggregate)', country: 'AAA', aggregate: true, mineral: 'y', stage: 'mine', minerals: ['y'], source: S, year: 2025 } },
      { key: 'mine:bbb-x', attributes: { kind: 'mine', name: 'Bland x mine output (aggregate)', country: 'BBB', aggregate: true, mineral: 'x', stage: 'mine', minerals: ['x'], source: S, year: 2025 } },
      { key: 'refiner:bbb-x', attributes: { kind: 'refiner', name: 'Bland x refinery', country: 'BBB', minerals: ['x'], lat: 21, lon: 41, source: S, year: 2025 } },
      { key: 'mineral:x', attributes: { kind: 'mineral', name: 'Xium', source: S, year: 2025 } },
    ],
    edges: [
      { key: 'e1', source: 'mine:aaa-x', target: 'refiner:bbb-x', attributes: { mineral: 'x', stage: 'mine', tonnes: 60, year: 2025, source: S } },
      { key: 'e2', source: 'mine:bbb-x', target: 'refiner:bbb-x', attributes: { mineral: 'x', stage: 'mine', tonnes: 20, year: 2025, source: S } },
      { key: 'e3', source: 'refiner:bbb-x', target: 'country:CCC', attributes: { mineral: 'x', stage: 'refined', tonnes: 50, year: 2025, source: S } },
      { key: 'e4', source: 'refiner:bbb-x', target: 'country:ROW', attributes: { mineral: 'x', stage: 'refined', tonnes: 30, year: 2025, source: S, estimated: true } },
      { key: 'e5', source: 'mine:aaa-x', target: 'country:CCC', attributes: { mineral: 'x', stage: 'mine', tonnes: 10, year: 2024, source: S } },
      { key: 'e6', source: 'mine:aaa-y', target: 'country:CCC', attributes: { mineral: 'y', stage: 'mine', tonnes: 5, year: 2025, source: S } },
    ],
  } as ApiGraph;
}

/**
 * The same supply chain as a Dataset (the project's schema) for the API client tests, which run it through the real
 * createApp and memory store. Removing refiner:bbb-x in 2025 cuts all 80 t of x: Cland loses 50 of 50 t, the rest of
 * the world 30 of 30 t; Cland keeps its 5 t of y.
 */
export function tinyDataset(): Dataset {
  const country = (iso3: string, name: string, extra: object = {}) => ({ id: `country:${iso3}`, kind: 'country' as const, iso3, name, source: S, year: 2025, ...extra });
  const mine = (iso3: string, mineral: string, tonnes: number) => ({
    id: `mine:${iso3.toLowerCase()}-${mineral}`,
    kind: 'mine' as const,
    name: `${iso3} ${mineral} mine output (aggregate)`,
    country: iso3,
    minerals: [mineral],
    aggregate: true,
    mineral,
    stage: 'mine' as const,
    output: { '2025': tonnes },
    source: S,
    year: 2025,
  });
  const flow = (id: string, from: string, to: string, mineral: string, stage: 'mine' | 'refined', tonnes: number, year = 2025) => ({ id, from, to, mineral, stage, tonnes, year, source: S });
  return {
    version: 'tiny-web-1',
    nodes: [
      country('AAA', 'Aland', { lat: 0, lon: 0, wgi: wgi(0) }),
      country('BBB', 'Bland', { lat: 20, lon: 40, wgi: wgi(1) }),
      country('CCC', 'Cland', { lat: 45, lon: -100 }),
      country('ROW', 'Rest of world', { aggregate: true, estimated: true, rule: 'test' }),
      { id: 'mineral:x', kind: 'mineral', slug: 'x', name: 'Xium', source: S, year: 2025 },
      { id: 'mineral:y', kind: 'mineral', slug: 'y', name: 'Yium', source: S, year: 2025 },
      mine('AAA', 'x', 70),
      mine('AAA', 'y', 5),
      mine('BBB', 'x', 20),
      { id: 'refiner:bbb-x', kind: 'refiner', name: 'Bland x refinery', country: 'BBB', minerals: ['x'], mineral: 'x', stage: 'refined', aggregate: true, output: { '2025': 80 }, lat: 21, lon: 41, source: S, year: 2025 },
    ],
    flows: [
      flow('e1', 'mine:aaa-x', 'refiner:bbb-x', 'x', 'mine', 60),
      flow('e2', 'mine:bbb-x', 'refiner:bbb-x', 'x', 'mine', 20),
      flow('e3', 'refiner:bbb-x', 'country:CCC', 'x', 'refined', 50),
      flow('e4', 'refiner:bbb-x', 'country:ROW', 'x', 'refined', 30),
      flow('e5', 'mine:aaa-x', 'country:CCC', 'x', 'mine', 10, 2024),
      flow('e6', 'mine:aaa-y', 'country:CCC', 'y', 'mine', 5),
    ],
    links: [
      { type: 'LOCATED_IN', from: 'mine:aaa-x', to: 'country:AAA', source: S, year: 2025 },
      { type: 'LOCATED_IN', from: 'mine:aaa-y', to: 'country:AAA', source: S, year: 2025 },
      { type: 'LOCATED_IN', from: 'mine:bbb-x', to: 'country:BBB', source: S, year: 2025 },
      { type: 'LOCATED_IN', from: 'refiner:bbb-x', to: 'country:BBB', source: S, year: 2025 },
    ],
  };
}
