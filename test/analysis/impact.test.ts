// Node-removal impact on tiny hand-computed graphs: proportional propagation through a refiner, export bans,
// country removal, loss paths, structure, rerouting with known/unknown capacity, and the typed errors.
import { describe, expect, it } from 'vitest';
import { chokepoints } from '../../src/analysis/chokepoints.ts';
import { impact } from '../../src/analysis/impact.ts';
import { InvalidInputError, NotFoundError, UnprocessableError } from '../../src/domain/errors.ts';
import { country, flow, graphOf, mineral, producer, refinerGraph, twoMines, importSharesGraph } from './fixtures.ts';

const lossOf = (result: ReturnType<typeof impact>) =>
  Object.fromEntries(result.consumers.map((c) => [c.country, c.tonnesLost]));

describe('impact (proportional)', () => {
  it('a refiner fed by two mines loses output in proportion to the lost input', () => {
    const result = impact(refinerGraph(), { remove: ['mine:b'] });
    // r keeps 60/100 of its input: AAA 10 -> 6, USA 30 -> 18, ROW 60 -> 36.
    expect(result.model).toBe('proportional');
    expect(result.year).toBe(2025);
    expect(result.minerals).toHaveLength(1);
    const [x] = result.minerals;
    expect(x).toMatchObject({ mineral: 'x', tonnesBefore: 100 });
    expect(x!.tonnesLost).toBeCloseTo(40, 9);
    expect(x!.shareLost).toBeCloseTo(0.4, 12);
    expect(lossOf(result)).toEqual({ 'country:ROW': expect.closeTo(24, 9), 'country:USA': expect.closeTo(12, 9), 'country:AAA': expect.closeTo(4, 9) });
    const usa = result.consumers.find((c) => c.country === 'country:USA')!;
    expect(usa.shareLost).toBeCloseTo(0.4, 12);
    expect(usa.remainingSuppliers).toEqual(['country:AAA']);
    expect(usa.paths).toEqual([{ nodes: ['mine:b', 'refiner:r', 'country:USA'], tonnes: expect.closeTo(12, 9) }]);
    // Everything is still supplied by the AAA refiner: HHI of supplier countries stays 10,000.
    expect(x!.hhiBefore).toBeCloseTo(10000, 9);
    expect(x!.hhiAfter).toBeCloseTo(10000, 9);
    expect(result.structure.nodesDisconnected).toEqual([]);
    // What still flows: fa1, fa2 -> a -> r -> {AAA, USA, ROW}: a and r are cut vertices.
    expect(result.structure.articulationPoints).toEqual({ x: ['mine:a', 'refiner:r'] });
  });

  it('a facility removal shrinks its aggregate, then the refiner downstream', () => {
    const result = impact(refinerGraph(), { remove: ['mine:fa1'] });
    // a keeps 30/60; r gets 30 + 40 = 70 of 100; consumers lose 30% each.
    expect(result.minerals[0]!.tonnesLost).toBeCloseTo(30, 9);
    const row = result.consumers.find((c) => c.country === 'country:ROW')!;
    expect(row.tonnesLost).toBeCloseTo(18, 9);
    expect(row.paths[0]!.nodes).toEqual(['mine:fa1', 'mine:a', 'refiner:r', 'country:ROW']);
    expect(row.paths[0]!.tonnes).toBeCloseTo(18, 9);
  });

  it('splits loss paths over the removed nodes that caused them', () => {
    const result = impact(refinerGraph(), { remove: ['mine:fa1', 'mine:b'] });
    // r gets 30 of 100: ROW loses 42 = 18 via fa1 (30/70 of the lost input) and 24 via b (40/70).
    const row = result.consumers.find((c) => c.country === 'country:ROW')!;
    expect(row.tonnesLost).toBeCloseTo(42, 9);
    expect(row.paths.map((p) => [p.nodes[0], Number(p.tonnes.toFixed(9))])).toEqual([
      ['mine:b', 24],
      ['mine:fa1', 18],
    ]);
  });

  it('removing a country removes its own flows and everything located in it', () => {
    const result = impact(refinerGraph(), { remove: ['country:AAA'] });
    // The refiner is in AAA: every consumer loses everything, AAA's own consumption included.
    expect(result.minerals[0]!.tonnesLost).toBeCloseTo(100, 9);
    expect(result.minerals[0]!.hhiAfter).toBe(0);
    expect(lossOf(result)).toEqual({ 'country:ROW': 60, 'country:USA': 30, 'country:AAA': 10 });
    expect(result.consumers.every((c) => c.remainingSuppliers.length === 0)).toBe(true);
    expect(result.consumers.find((c) => c.country === 'country:USA')!.paths).toEqual([
      { nodes: ['refiner:r', 'country:USA'], tonnes: 30 },
    ]);
    expect(result.structure.nodesDisconnected).toEqual(['country:AAA', 'country:ROW', 'country:USA']);
    expect(result.structure.articulationPoints).toEqual({ x: [] });
  });

  it('an export ban cuts flows leaving the country but keeps domestic ones', () => {
    const result = impact(refinerGraph(), { remove: ['country:AAA/x'] });
    // r -> USA (30) and r -> ROW (60) leave AAA; fa -> a -> r and r -> AAA (10) stay.
    expect(lossOf(result)).toEqual({ 'country:ROW': 60, 'country:USA': 30 });
    expect(result.minerals[0]!.tonnesLost).toBe(90);
    expect(result.consumers.find((c) => c.country === 'country:USA')!.paths[0]!.nodes).toEqual(['refiner:r', 'country:USA']);
    // The note says how bans treat hubs and where the banning country's own consumption sits (its own node, else ROW).
    expect(result.notes.join(' ')).toMatch(/re-exports of the banned material through trade hubs/);
    expect(result.notes.join(' ')).toMatch(/country:ROW holds what they cannot place/);
  });

  it("an exporter's ban on ore equals removing its mine when that mine only exports", () => {
    const ban = impact(refinerGraph(), { remove: ['country:BBB/x'] });
    const removal = impact(refinerGraph(), { remove: ['mine:b'] });
    expect(lossOf(ban)).toEqual(lossOf(removal));
    expect(ban.minerals[0]!.tonnesLost).toBeCloseTo(40, 9);
  });

  it('reports each consumer only once per mineral and sorts by loss', () => {
    const result = impact(refinerGraph(), { remove: ['mine:b', 'mine:b', 'country:BBB'] });
    expect(result.removed).toEqual(['mine:b', 'country:BBB']);
    expect(result.consumers.map((c) => c.country)).toEqual(['country:ROW', 'country:USA', 'country:AAA']);
  });

  it('reports world-production loss against the world total (published, or the producers\' sum when rounded below it)', () => {
    const graph = graphOf(
      [
        country('USA'),
        country('BRA'),
        country('KAZ'),
        country('ROW'),
        mineral('beryllium', { worldTotal: { mine: { '2025': 430 } } }),
        producer('mine:usa-beryllium', 'USA', { mineral: 'beryllium', stage: 'mine', aggregate: true, output: { '2025': 230 } }),
        producer('mine:bra-beryllium', 'BRA', { mineral: 'beryllium', stage: 'mine', aggregate: true, output: { '2025': 202 } }),
      ],
      [
        flow('mine:usa-beryllium', 'country:USA', 'beryllium', 200),
        flow('mine:usa-beryllium', 'country:ROW', 'beryllium', 30),
        flow('mine:bra-beryllium', 'country:ROW', 'beryllium', 202),
        flow('country:KAZ', 'country:USA', 'beryllium', 10),
      ],
    );
    const [be] = impact(graph, { remove: ['country:USA'] }).minerals;
    // Consumers received 442 t (incl. a 10 t trade flow); producers delivered 432 of a published 430 world.
    expect(be!.tonnesBefore).toBe(442);
    expect(be!.tonnesLost).toBe(230);
    expect(be!.productionLost).toBe(230);
    expect(be!.publishedWorldProduction).toBe(430);
    expect(be!.worldProduction).toBe(432);
    expect(be!.productionShareLost).toBeCloseTo(230 / 432, 12);
    expect(be!.stage).toBe('mine');
  });

  it('measures a consumer whose inflows carry only import shares in those shares', () => {
    // USA imports z from AAA (60% of its imports) and BBB (40%), no tonnes; AAA also sends 100 t to ROW.
    const graph = importSharesGraph(100, 0.6, 0.4);
    const result = impact(graph, { remove: ['country:AAA'] });
    expect(result.minerals[0]).toMatchObject({ tonnesBefore: 100, tonnesLost: 100 });
    const usa = result.consumers.find((c) => c.country === 'country:USA')!;
    expect(usa).toMatchObject({ basis: 'import-shares', tonnesBefore: 0, tonnesLost: 0, remainingSuppliers: ['country:BBB'] });
    expect(usa.shareLost).toBeCloseTo(0.6, 12);
    expect(usa.paths).toEqual([{ nodes: ['mine:aaa-z', 'country:USA'], tonnes: expect.closeTo(0.6, 12) }]);
    expect(result.notes.join(' ')).toMatch(/import-shares/);
    expect(impact(graph, { remove: ['country:BBB'] }).consumers).toEqual([
      expect.objectContaining({ country: 'country:USA', shareLost: expect.closeTo(0.4, 12), remainingSuppliers: ['country:AAA'] }),
    ]);
  });

  it('keeps unlisted import partners in the whole when published import shares add up to less than 1', () => {
    const graph = graphOf(
      [country('AAA'), country('BBB'), country('USA'), country('ROW'), mineral('z'), producer('mine:aaa-z', 'AAA', { mineral: 'z', stage: 'mine', aggregate: true })],
      [
        flow('mine:aaa-z', 'country:ROW', 'z', 100),
        flow('mine:aaa-z', 'country:USA', 'z', null, { importShare: 0.3 } as never),
        flow('country:BBB', 'country:USA', 'z', null, { importShare: 0.2 } as never),
      ],
    );
    // AAA is 30% of US imports; the unlisted 50% is untouched.
    const usa = impact(graph, { remove: ['country:AAA'] }).consumers.find((c) => c.country === 'country:USA')!;
    expect(usa.shareLost).toBeCloseTo(0.3, 12);
  });

  it('rejects bad requests with typed errors that name the culprit', () => {
    const graph = refinerGraph();
    expect(() => impact(graph, { remove: [] })).toThrow(InvalidInputError);
    expect(() => impact(graph, { remove: Array.from({ length: 1001 }, (_, i) => `mine:${i}`) })).toThrow(InvalidInputError);
    expect(() => impact(graph, { remove: ['mine:b'], model: 'magic' as never })).toThrow(InvalidInputError);
    expect(() => impact(graph, { remove: ['mine:b'], colour: 'red' } as never)).toThrow(InvalidInputError);
    let notFound: unknown;
    try {
      impact(graph, { remove: ['country:AAB'] });
    } catch (e) {
      notFound = e;
    }
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect((notFound as NotFoundError).suggestions).toContain('country:AAA');
    expect((notFound as Error).message).toMatch(/did you mean/);
    expect(() => impact(graph, { remove: ['country:AAA/xx'] })).toThrow(NotFoundError);
    expect(() => impact(graph, { remove: ['mine:b'], mineral: 'nope' })).toThrow(NotFoundError);
    expect(() => impact(graph, { remove: ['mine:b'], year: 2019 })).toThrow(/no data for year 2019 \(available: 2025\)/);
    expect(() => impact(graph, { remove: ['mine:b'], year: 2019 })).toThrow(NotFoundError);
    // mineral y exists but mine:b carries none of it.
    expect(() => impact(graph, { remove: ['mine:b'], mineral: 'y' })).toThrow(UnprocessableError);
    expect(() => impact(graph, { remove: ['mineral:x'] })).toThrow(UnprocessableError);
  });

  it('refuses a removal of consumers only (ROW receives x but sends nothing) instead of answering zero losses', () => {
    const graph = refinerGraph();
    expect(() => impact(graph, { remove: ['country:ROW'] })).toThrow(UnprocessableError);
    expect(() => impact(graph, { remove: ['country:ROW'] })).toThrow(/country:ROW is a consumer, not a supplier, of x in 2025/);
    expect(() => impact(graph, { remove: ['country:ROW', 'country:USA'], mineral: 'x' })).toThrow(/are consumers/);
    // AAA consumes 10 t of x too, but it also hosts fa1, fa2, a and r: it supplies.
    expect(impact(graph, { remove: ['country:AAA'] }).minerals[0]!.tonnesLost).toBeCloseTo(100, 12);
    // With a supplier in the removal, the consumer is named in a note and the losses are the supplier's (b: 40 t).
    const mixed = impact(graph, { remove: ['country:ROW', 'mine:b'] });
    expect(mixed.notes).toContain('country:ROW supplies nothing in 2025 (a consumer only): removing it takes no supply away');
    expect(mixed.minerals[0]!.tonnesLost).toBeCloseTo(40, 12);
  });
});

describe('impact: supply HHI vs production HHI', () => {
  /**
   * Mineral x (2025): AAA mines 60 t (50 to the USA, 10 to ROW), BBB 40 t (to ROW); DDD, which produces nothing,
   * trades 20 t to the USA. Production HHI (output over the world total 100 t): 60^2 + 40^2 = 5200. Supply HHI
   * (suppliers of what reaches consumers, 120 t): 50^2 + (100/3)^2 + (50/3)^2 = 3888.89.
   */
  const marketGraph = () =>
    graphOf(
      [
        country('AAA'),
        country('BBB'),
        country('DDD'),
        country('USA'),
        country('ROW'),
        mineral('x'),
        producer('mine:a', 'AAA', { mineral: 'x', stage: 'mine', aggregate: true, output: { '2025': 60 } }),
        producer('mine:b', 'BBB', { mineral: 'x', stage: 'mine', aggregate: true, output: { '2025': 40 } }),
      ],
      [
        flow('mine:a', 'country:USA', 'x', 50),
        flow('mine:a', 'country:ROW', 'x', 10),
        flow('mine:b', 'country:ROW', 'x', 40),
        flow('country:DDD', 'country:USA', 'x', 20),
      ],
    );

  it('reports both, names the supply one, keeps hhiBefore/hhiAfter as its aliases', () => {
    const [x] = impact(marketGraph(), { remove: ['mine:b'] }).minerals;
    expect(x!.productionHhiBefore).toBeCloseTo(5200, 9);
    expect(x!.supplyHhiBefore).toBeCloseTo(2500 + 10000 / 9 + 2500 / 9, 9);
    // After: AAA alone produces (60 of 60 t); supply is AAA 60, DDD 20 of 80 t: 75^2 + 25^2.
    expect(x!.productionHhiAfter).toBeCloseTo(10000, 9);
    expect(x!.supplyHhiAfter).toBeCloseTo(6250, 9);
    expect(x!.hhiBefore).toBe(x!.supplyHhiBefore);
    expect(x!.hhiAfter).toBe(x!.supplyHhiAfter);
  });

  it("production HHI is chokepoints' hhi; an export ban moves the supply HHI but leaves production as it is", () => {
    const graph = marketGraph();
    expect(chokepoints(graph, { mineral: 'x', pagerank: false })[0]!.hhi).toBeCloseTo(5200, 9);
    const [x] = impact(graph, { remove: ['country:BBB/x'] }).minerals;
    expect(x!.productionHhiAfter).toBeCloseTo(5200, 9);
    expect(x!.supplyHhiAfter).toBeCloseTo(6250, 9);
    // Nothing left: the production HHI after is unknown, not 0.
    expect(impact(graph, { remove: ['mine:a', 'mine:b'] }).minerals[0]!.productionHhiAfter).toBeNull();
  });
});

describe('impact (rerouting)', () => {
  it('raises remaining output up to known spare capacity and reports the unmet rest', () => {
    const [z] = impact(twoMines(60), { remove: ['mine:m1'], model: 'rerouting' }).minerals;
    // m2 can add 10 t (60 - 50): 10 rerouted, 40 of the 50 lost stay unmet.
    expect(z).toMatchObject({ capacityKnown: true, tonnesLost: 50 });
    expect(z!.tonnesRerouted).toBeCloseTo(10, 9);
    expect(z!.unmetTonnes).toBeCloseTo(40, 9);
  });

  it('replaces the whole loss when spare capacity suffices', () => {
    const [z] = impact(twoMines(200), { remove: ['mine:m1'], model: 'rerouting' }).minerals;
    expect(z!.tonnesRerouted).toBeCloseTo(50, 9);
    expect(z!.unmetTonnes).toBe(0);
  });

  it('never assumes spare capacity where it is unknown', () => {
    const result = impact(twoMines(undefined), { remove: ['mine:m1'], model: 'rerouting' });
    const [z] = result.minerals;
    expect(z).toMatchObject({ capacityKnown: false, tonnesRerouted: null, unmetTonnes: null, unknownCapacityNodes: ['mine:m2'] });
    expect(z!.tonnesReroutedLowerBound).toBe(0);
    expect(z!.unmetTonnesUpperBound).toBe(50);
    expect(result.notes.join(' ')).toMatch(/capacity unknown for 1 producer/);
  });

  it('gives a figure when known spare capacity alone covers the loss', () => {
    const result = impact(twoMines(200, true), { remove: ['mine:m1'], model: 'rerouting' });
    const [z] = result.minerals;
    expect(z).toMatchObject({ capacityKnown: false, unmetTonnes: 0 });
    expect(z!.tonnesRerouted).toBeCloseTo(50, 9);
    expect(result.notes.join(' ')).toMatch(/fully met from published spare capacity/);
  });

  it('reroutes only along existing links and within refiner capacity', () => {
    // m1 -> r1 (cap 60) and m2 (cap 200) -> r2 (cap 55), each refiner 50 t to ROW. Without m1, m2's ore can
    // only reach ROW through r2, which can add 5 t: 5 rerouted, 45 unmet, although m2 has 150 t spare.
    const graph = graphOf(
      [
        country('AAA'),
        country('ROW'),
        mineral('w'),
        producer('mine:m1', 'AAA', { mineral: 'w', stage: 'mine', aggregate: true, output: { '2025': 50 }, capacity: { '2025': 50 } }),
        producer('mine:m2', 'AAA', { mineral: 'w', stage: 'mine', aggregate: true, output: { '2025': 50 }, capacity: { '2025': 200 } }),
        producer('refiner:r1', 'AAA', { mineral: 'w', stage: 'refined', aggregate: true, output: { '2025': 50 }, capacity: { '2025': 60 } }),
        producer('refiner:r2', 'AAA', { mineral: 'w', stage: 'refined', aggregate: true, output: { '2025': 50 }, capacity: { '2025': 55 } }),
      ],
      [
        flow('mine:m1', 'refiner:r1', 'w', 50),
        flow('mine:m2', 'refiner:r2', 'w', 50),
        flow('refiner:r1', 'country:ROW', 'w', 50),
        flow('refiner:r2', 'country:ROW', 'w', 50),
      ],
    );
    const [w] = impact(graph, { remove: ['mine:m1'], model: 'rerouting' }).minerals;
    expect(w).toMatchObject({ capacityKnown: true, tonnesLost: 50 });
    expect(w!.tonnesRerouted).toBeCloseTo(5, 9);
    expect(w!.unmetTonnes).toBeCloseTo(45, 9);
  });

  it('counts facilities inside an aggregate of known capacity as covered, and uses its spare', () => {
    // fa1, fa2 (no capacity) -> aggregate a (30 t, capacity 40) -> ROW; b (20 t, capacity 20) -> ROW.
    const graph = graphOf(
      [
        country('AAA'),
        country('BBB'),
        country('ROW'),
        mineral('v'),
        producer('mine:fa1', 'AAA', { minerals: ['v'] }),
        producer('mine:fa2', 'AAA', { minerals: ['v'] }),
        producer('mine:a', 'AAA', { mineral: 'v', stage: 'mine', aggregate: true, output: { '2025': 30 }, capacity: { '2025': 40 } }),
        producer('mine:b', 'BBB', { mineral: 'v', stage: 'mine', aggregate: true, output: { '2025': 20 }, capacity: { '2025': 20 } }),
      ],
      [
        flow('mine:fa1', 'mine:a', 'v', 15),
        flow('mine:fa2', 'mine:a', 'v', 15),
        flow('mine:a', 'country:ROW', 'v', 30),
        flow('mine:b', 'country:ROW', 'v', 20),
      ],
    );
    // Without b: a's spare (40 - 30) replaces 10 of the 20 t.
    const [v] = impact(graph, { remove: ['mine:b'], model: 'rerouting' }).minerals;
    expect(v).toMatchObject({ capacityKnown: true, tonnesLost: 20 });
    expect(v!.tonnesRerouted).toBeCloseTo(10, 9);
    expect(v!.unmetTonnes).toBeCloseTo(10, 9);
  });

  it('proportional results carry no rerouting fields', () => {
    const [z] = impact(twoMines(60), { remove: ['mine:m1'] }).minerals;
    expect(z).not.toHaveProperty('tonnesRerouted');
  });
});
