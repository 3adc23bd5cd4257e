// The store-agnostic record <-> row mapping and the pre-write checks (src/store/records.ts).
import { describe, expect, it } from 'vitest';
import { InvalidInputError, StoreError } from '../../src/domain/errors.ts';
import type { Dataset, FlowRecord, LinkRecord, SupplyNode } from '../../src/domain/model.ts';
import {
  NODE_COLUMNS,
  REL_COLUMNS,
  checkRecords,
  flowToRel,
  latestGovernanceRisk,
  linkKey,
  linkToRel,
  nodeToRow,
  recordFromProps,
  sortDataset,
} from '../../src/store/records.ts';
import { TINY_GOV_RISK, tinyDataset } from '../fixtures/tiny-dataset.ts';

const node = (id: string): SupplyNode => tinyDataset().nodes.find((n) => n.id === id)!;

describe('latestGovernanceRisk (seed 003 eq. 4-5)', () => {
  it('is the geometric mean of 1 - (WGI + 3.5) / 7 over the six indicators of the latest complete year', () => {
    // All six at 0: every G' = 0.5, so G = 0.5.
    expect(latestGovernanceRisk({ '2020': { va: 0, pv: 0, ge: 0, rq: 0, rl: 0, cc: 0 } })).toEqual({ wgiYear: 2020, govRisk: 0.5 });
    // WGI 1.75 gives G' = 1 - 5.25/7 = 0.25 and WGI -3.5 gives G' = 1: the geometric mean of
    // (0.25, 0.25, 0.25, 1, 1, 1) is 0.25^(1/2) = 0.5.
    expect(latestGovernanceRisk({ '2021': { va: 1.75, pv: 1.75, ge: 1.75, rq: -3.5, rl: -3.5, cc: -3.5 } }).govRisk).toBeCloseTo(0.5, 15);
  });

  it('skips incomplete years and is null without any complete one', () => {
    const usa = node('country:USA') as Extract<SupplyNode, { kind: 'country' }>;
    expect(latestGovernanceRisk(usa.wgi)).toEqual({ wgiYear: 2023, govRisk: expect.closeTo(TINY_GOV_RISK['country:USA'], 12) });
    expect(latestGovernanceRisk({ '2023': { va: 1 }, '2022': { va: 0, pv: 0, ge: 0, rq: 0, rl: 0, cc: 0 } })).toEqual({ wgiYear: 2022, govRisk: 0.5 });
    expect(latestGovernanceRisk({ '2023': { va: 1 } })).toEqual({ wgiYear: null, govRisk: null });
    expect(latestGovernanceRisk(undefined)).toEqual({ wgiYear: null, govRisk: null });
  });
});

describe('rows', () => {
  it('gives every column of the label, null where the record has none, and the whole record as props', () => {
    const row = nodeToRow(node('mine:bra-niobium'));
    expect(Object.keys(row).sort()).toEqual(NODE_COLUMNS.Mine.map((c) => c.name).sort());
    expect(row).toMatchObject({ country: 'BRA', mineral: 'niobium', stage: 'mine', aggregate: true, output2024: 100000, output2025: 96000.5, lat: null, assetType: null, estimated: false });
    expect(JSON.parse(row.props as string)).toEqual(node('mine:bra-niobium'));
    expect(nodeToRow(node('mineral:niobium'))).toMatchObject({ slug: 'niobium', usList: true, euList: true, cnList: false });
    expect(Object.keys(nodeToRow(node('country:BRA'))).sort()).toEqual(NODE_COLUMNS.Country.map((c) => c.name).sort());
  });

  it('maps flows and links to their rel type, endpoints and columns', () => {
    const flow = tinyDataset().flows.find((f) => f.id === 'flow:usa-niobium-refined-2025')!;
    const rel = flowToRel(flow);
    expect(rel).toMatchObject({ type: 'FLOW', from: 'refiner:cbmm-araxa-plant-icmm-0043', to: 'country:USA' });
    expect(Object.keys(rel.row).sort()).toEqual(REL_COLUMNS.FLOW.map((c) => c.name).sort());
    expect(rel.row).toMatchObject({ tonnes: null, share: 0.66, estimated: true, year: 2025 });
    const reliance = linkToRel(tinyDataset().links[0]!);
    expect(reliance.type).toBe('RELIES_ON');
    expect(reliance.row).toMatchObject({ year: 2025, nir: 1, nirRaw: '100' });
    expect(Object.keys(linkToRel(tinyDataset().links[1]!).row).sort()).toEqual(REL_COLUMNS.LOCATED_IN.map((c) => c.name).sort());
  });

  it('refuses a missing or corrupt props column with a StoreError', () => {
    expect(() => recordFromProps(null, 'getNode x')).toThrow(StoreError);
    expect(() => recordFromProps('{oops', 'getNode x')).toThrow(/getNode x: stored props are not valid JSON/);
  });

  it('keys links by type, endpoints and year', () => {
    const [a, , b] = tinyDataset().links as [LinkRecord, LinkRecord, LinkRecord];
    expect(linkKey(a)).not.toBe(linkKey(b));
    const sameKey: LinkRecord = { ...a, source: 'another source' };
    expect(linkKey(a)).toBe(linkKey(sameKey));
  });

  it('sorts in code-unit order, not locale order', () => {
    const dataset: Dataset = { version: 'v', nodes: [node('mineral:niobium'), node('mine:bra-niobium'), node('country:USA')], flows: [], links: [] };
    expect(sortDataset(dataset).nodes.map((n) => n.id)).toEqual(['country:USA', 'mine:bra-niobium', 'mineral:niobium']);
  });
});

describe('checkRecords', () => {
  const records = (): Omit<Dataset, 'version'> => {
    const { version: _v, ...rest } = tinyDataset();
    return rest;
  };

  it('accepts the tiny dataset, and a patch whose endpoints are already stored', () => {
    expect(() => checkRecords('test', records())).not.toThrow();
    const known = new Map(tinyDataset().nodes.map((n) => [n.id, n.kind] as const));
    expect(() => checkRecords('test', { nodes: [], flows: records().flows, links: records().links }, known)).not.toThrow();
  });

  it('lists every problem with the culprit and a hint', () => {
    const bad = records();
    bad.nodes.push({ ...node('country:BRA'), kind: 'planet' } as unknown as SupplyNode);
    bad.nodes.push({ ...node('mine:bra-niobium'), id: 'mine:x', year: 2025.5 } as SupplyNode);
    const flow: FlowRecord = { ...bad.flows[0]!, id: 'flow:bad', from: 'mineral:niobium', to: 'country:BRZ' };
    bad.flows.push(flow, { ...flow, id: 'flow:araxa-to-bra-niobium-2025', from: 'mine:araxa-icmm-0042', to: 'country:BRA' });
    bad.links.push({ type: 'OWNS' as 'LOCATED_IN', from: 'a', to: 'b', source: 's', year: 1 });
    const error = (() => {
      try {
        checkRecords('import', bad);
      } catch (e) {
        return e as InvalidInputError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error!.problems).toEqual([
      { at: 'country:BRA', field: 'kind', message: 'unknown kind "planet" (expected one of country, mineral, mine, refiner)' },
      { at: 'mine:x', field: 'year', message: 'year must be an integer, got 2025.5' },
      { at: 'flow:bad', field: 'from', message: 'node "mineral:niobium" is a mineral; expected mine or refiner or country' },
      { at: 'flow:bad', field: 'to', message: expect.stringMatching(/^unknown node "country:BRZ" \(did you mean "country:BRA"/) },
      { at: 'flow:araxa-to-bra-niobium-2025', field: 'id', message: 'duplicate flow id "flow:araxa-to-bra-niobium-2025"' },
      { at: 'OWNS a -> b', field: 'type', message: 'unknown link type "OWNS" (expected LOCATED_IN, RELIES_ON or BY_PRODUCT_OF)' },
    ]);
    expect(error!.message).toMatch(/^import: refused, 6 problem\(s\) in the records, nothing was written: country:BRA: unknown kind/);
  });

  it('refuses a patch that changes a stored node kind', () => {
    const known = new Map([['mine:bra-niobium', 'mine' as const]]);
    const patch = { nodes: [{ ...node('mine:bra-niobium'), kind: 'refiner' } as SupplyNode], flows: [], links: [] };
    expect(() => checkRecords('merge', patch, known)).toThrow(/stored as a mine; a patch cannot make it a refiner/);
  });

  it('refuses records that are not arrays', () => {
    expect(() => checkRecords('merge', { nodes: [], flows: null, links: [] } as unknown as Dataset)).toThrow(InvalidInputError);
  });
});
