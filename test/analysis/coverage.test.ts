// Facility coverage on a hand-built graph: tonnes split into sourced (facility with a published figure), equal-split
// (facility without one) and country-only (no facility feeds the aggregate), hand-computed.
import { describe, expect, it } from 'vitest';
import { facilityCoverage } from '../../src/analysis/coverage.ts';
import { NotFoundError } from '../../src/domain/errors.ts';
import type { FacilityNode } from '../../src/domain/model.ts';
import { country, flow, graphOf, mineral, producer } from './fixtures.ts';

function graph() {
  const f1 = producer('mine:f1', 'AAA', { minerals: ['x'] }) as FacilityNode;
  f1.figures = [{ mineral: 'x', stage: 'mine', tonnes: 2, basis: 'capacity', year: 2018, source: 'USGS layer', reading: 'test', estimated: false }];
  return graphOf(
    [
      country('AAA'),
      country('BBB'),
      country('ROW'),
      mineral('x'),
      f1,
      producer('mine:f2', 'AAA', { minerals: ['x'] }),
      producer('mine:aaa-x', 'AAA', { mineral: 'x', stage: 'mine', aggregate: true, output: { '2025': 100 } }),
      producer('mine:bbb-x', 'BBB', { mineral: 'x', stage: 'mine', aggregate: true, output: { '2025': 50 } }),
    ],
    [
      // f1 runs at its (figure's) share, f2 gets an equal split of the rest; 10 t of AAA no facility carries.
      flow('mine:f1', 'mine:aaa-x', 'x', 60),
      flow('mine:f2', 'mine:aaa-x', 'x', 30),
      flow('mine:aaa-x', 'country:ROW', 'x', 100),
      flow('mine:bbb-x', 'country:ROW', 'x', 50),
    ],
  );
}

describe('facilityCoverage', () => {
  it('splits the world figure into sourced, equal-split and country-only tonnes', () => {
    expect(facilityCoverage(graph())).toEqual([
      {
        mineral: 'x',
        stage: 'mine',
        year: 2025,
        worldTonnes: 150,
        sourcedTonnes: 60,
        equalSplitTonnes: 30,
        aggregateOnlyTonnes: 60,
        sourcedShare: 0.4,
        facilitiesWithFigure: 1,
        facilities: 2,
      },
    ]);
  });

  it('names the culprit for an unknown mineral or year', () => {
    expect(() => facilityCoverage(graph(), { mineral: 'xx' })).toThrow(NotFoundError);
    expect(() => facilityCoverage(graph(), { year: 1999 })).toThrow(NotFoundError);
  });
});
