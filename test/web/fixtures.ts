// A hand-made serialised graph (the shape GET /api/graph answers) small enough to compute every score by hand.
//
//   2025, mineral x:  mine:aaa-x --60--> refiner:bbb-x --50--> country:CCC
//                     mine:bbb-x --20--> refiner:bbb-x --30--> country:ROW (aggregate consumer)
//   2025, mineral y:  mine:aaa-y --5--> country:CCC
//   2024, mineral x:  mine:aaa-x --10--> country:CCC      (dropped when the view shows 2025)
//
// Final supply of x in 2025 = 50 + 30 = 80 t; of y = 5 t.
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
