// Tiny hand-built supply graphs for the analysis tests: every figure is chosen so results can be computed by hand.
import { buildSupplyGraph, type SupplyGraph } from '../../src/domain/graph.ts';
import type { Dataset, FlowRecord, LinkRecord, SupplyNode } from '../../src/domain/model.ts';

const SRC = { source: 'test fixture', year: 2025 };

export function country(iso3: string, extra: Record<string, unknown> = {}): SupplyNode {
  return { id: `country:${iso3}`, kind: 'country', name: `Country ${iso3}`, iso3, ...SRC, ...extra } as SupplyNode;
}

export function mineral(slug: string, extra: Record<string, unknown> = {}): SupplyNode {
  return { id: `mineral:${slug}`, kind: 'mineral', name: slug, slug, ...SRC, ...extra } as SupplyNode;
}

export function producer(
  id: string,
  iso3: string,
  extra: { mineral?: string; stage?: 'mine' | 'refined'; aggregate?: boolean; output?: Record<string, number>; capacity?: Record<string, number>; minerals?: string[] } = {},
): SupplyNode {
  const kind = id.startsWith('refiner:') ? 'refiner' : 'mine';
  return {
    id,
    kind,
    name: id,
    country: iso3,
    minerals: extra.minerals ?? (extra.mineral ? [extra.mineral] : []),
    ...SRC,
    ...extra,
  } as SupplyNode;
}

let flowSeq = 0;
export function flow(from: string, to: string, mineral: string, tonnes: number | null, extra: Partial<FlowRecord> = {}): FlowRecord {
  return {
    id: `flow:${++flowSeq}`,
    from,
    to,
    mineral,
    stage: from.startsWith('refiner:') ? 'refined' : from.startsWith('country:') ? 'trade' : 'mine',
    tonnes,
    ...SRC,
    ...extra,
  };
}

export function graphOf(nodes: SupplyNode[], flows: FlowRecord[], links: LinkRecord[] = []): SupplyGraph {
  const dataset: Dataset = { version: 'test', nodes, flows, links };
  return buildSupplyGraph(dataset);
}

/** Two mines (AAA, BBB) each sending 30 t of z to ROW and 20 t to the USA; m1 has 80 t of capacity, m2's varies
 * (none published when undefined); `extra` adds m3 (CCC, 10 t to ROW, no capacity). */
export function twoMines(m2Capacity?: number, extra = false): SupplyGraph {
  return graphOf(
    [
      country('AAA'),
      country('BBB'),
      country('CCC'),
      country('USA'),
      country('ROW'),
      mineral('z'),
      producer('mine:m1', 'AAA', { mineral: 'z', stage: 'mine', aggregate: true, output: { '2025': 50 }, capacity: { '2025': 80 } }),
      producer('mine:m2', 'BBB', {
        mineral: 'z',
        stage: 'mine',
        aggregate: true,
        output: { '2025': 50 },
        ...(m2Capacity === undefined ? {} : { capacity: { '2025': m2Capacity } }),
      }),
      ...(extra ? [producer('mine:m3', 'CCC', { mineral: 'z', stage: 'mine', aggregate: true, output: { '2025': 10 } })] : []),
    ],
    [
      flow('mine:m1', 'country:ROW', 'z', 30),
      flow('mine:m1', 'country:USA', 'z', 20),
      flow('mine:m2', 'country:ROW', 'z', 30),
      flow('mine:m2', 'country:USA', 'z', 20),
      ...(extra ? [flow('mine:m3', 'country:ROW', 'z', 10)] : []),
    ],
  );
}

/**
 * Mineral "x" (2025): facilities fa1, fa2 (AAA, 30 t each) inside the AAA mine aggregate mine:a (60 t);
 * mine:b (BBB, 40 t); both feed refiner:r (AAA, 100 t), which sends 10 t to AAA, 30 t to the USA, 60 t to ROW.
 *
 *   fa1 -30-> a -60-> r -10-> country:AAA
 *   fa2 -30-> a       r -30-> country:USA
 *         b -40-> r   r -60-> country:ROW
 */
export function refinerGraph(): SupplyGraph {
  return graphOf(
    [
      country('AAA'),
      country('BBB'),
      country('USA'),
      country('ROW', { aggregate: true, name: 'Rest of world' }),
      mineral('x', { units: { mine: 't', refined: 't' } }),
      mineral('y'),
      producer('mine:fa1', 'AAA', { minerals: ['x'] }),
      producer('mine:fa2', 'AAA', { minerals: ['x'] }),
      producer('mine:a', 'AAA', { mineral: 'x', stage: 'mine', aggregate: true, output: { '2025': 60 } }),
      producer('mine:b', 'BBB', { mineral: 'x', stage: 'mine', aggregate: true, output: { '2025': 40 } }),
      producer('refiner:r', 'AAA', { mineral: 'x', stage: 'refined', aggregate: true, output: { '2025': 100 } }),
    ],
    [
      flow('mine:fa1', 'mine:a', 'x', 30),
      flow('mine:fa2', 'mine:a', 'x', 30),
      flow('mine:a', 'refiner:r', 'x', 60),
      flow('mine:b', 'refiner:r', 'x', 40),
      flow('refiner:r', 'country:AAA', 'x', 10),
      flow('refiner:r', 'country:USA', 'x', 30),
      flow('refiner:r', 'country:ROW', 'x', 60),
    ],
  );
}

/**
 * US imports of mineral z published only as import shares (no tonnes): AAA's aggregate (`aaaOutput` t, all of it
 * also sent to ROW) supplies `shareAaa` of US imports, the non-producer BBB `shareBbb`.
 */
export function importSharesGraph(aaaOutput: number, shareAaa: number, shareBbb: number): SupplyGraph {
  return graphOf(
    [
      country('AAA'),
      country('BBB'),
      country('USA'),
      country('ROW'),
      mineral('z'),
      producer('mine:aaa-z', 'AAA', { mineral: 'z', stage: 'mine', aggregate: true, output: { '2025': aaaOutput } }),
    ],
    [
      flow('mine:aaa-z', 'country:ROW', 'z', aaaOutput),
      flow('mine:aaa-z', 'country:USA', 'z', null, { importShare: shareAaa } as never),
      flow('country:BBB', 'country:USA', 'z', null, { importShare: shareBbb } as never),
    ],
  );
}
