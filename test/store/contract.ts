// The GraphStore contract suite, run against every store (graphology's `specs(Graph, implementation)` style):
// test/store/memory.test.ts, test/store/embedded.test.ts, and the Neo4j tests when NEO4J_URI is set.
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidInputError, ReadOnlyError, StoreError, UnsupportedError } from '../../src/domain/errors.ts';
import { countDataset, type Dataset, type FlowRecord, type LinkRecord, type SupplyNode } from '../../src/domain/model.ts';
import type { GraphStore } from '../../src/store/port.ts';
import { loadQueryLibrary, queryTextFor } from '../../src/store/cypher-library.ts';
import { sortDataset } from '../../src/store/records.ts';
import { TINY_COUNTS, TINY_FLOW_IDS_SORTED, TINY_NODE_IDS_SORTED, tinyDataset } from '../fixtures/tiny-dataset.ts';

export interface StoreUnderTest {
  store: GraphStore;
  /** Closes the store (if the test did not) and removes what it left on disk or in the database. */
  cleanup: () => Promise<void>;
}

export interface MakeStoreOptions {
  /** Passed to the store: runs inside each write just before it commits; throwing must roll the write back. */
  onBeforeCommit?: () => void;
}

export type MakeStore = (options?: MakeStoreOptions) => Promise<StoreUnderTest>;

const nodeById = (dataset: Dataset, id: string): SupplyNode => dataset.nodes.find((n) => n.id === id)!;

/** A second, smaller dataset: what replaceDataset must leave, and nothing of the tiny one. */
function otherDataset(): Dataset {
  const tiny = tinyDataset();
  return {
    version: 'other-v2',
    nodes: tiny.nodes.filter((n) => n.kind === 'country' || n.kind === 'mineral'),
    flows: tiny.flows.filter((f) => f.from.startsWith('country:') && f.to.startsWith('country:')),
    links: tiny.links.filter((l) => l.type === 'RELIES_ON' && l.year === 2024),
  };
}

export function describeGraphStore(name: string, makeStore: MakeStore): void {
  describe(`GraphStore contract: ${name}`, () => {
    const opened: StoreUnderTest[] = [];
    const open = async (options?: MakeStoreOptions): Promise<GraphStore> => {
      const sut = await makeStore(options);
      opened.push(sut);
      return sut.store;
    };
    afterEach(async () => {
      for (const sut of opened.splice(0)) await sut.cleanup();
    });

    it('starts empty: no dataset, no version, zero counts, no node', async () => {
      const store = await open();
      expect(await store.readDataset()).toBeUndefined();
      expect(await store.datasetVersion()).toBeUndefined();
      expect(await store.counts()).toEqual({ minerals: 0, countries: 0, mines: 0, refiners: 0, flows: 0, sources: 0 });
      expect(await store.getNode('country:BRA')).toBeUndefined();
    });

    it('replaceDataset then readDataset gives back every record exactly, in canonical order', async () => {
      const store = await open();
      const report = await store.replaceDataset(tinyDataset());
      expect(report).toMatchObject({ nodes: 6, flows: 4, links: 4 });
      expect(report.ms).toBeGreaterThanOrEqual(0);
      const read = await store.readDataset();
      expect(read).toEqual(sortDataset(tinyDataset()));
      expect(read!.nodes.map((n) => n.id)).toEqual(TINY_NODE_IDS_SORTED);
      expect(read!.flows.map((f) => f.id)).toEqual(TINY_FLOW_IDS_SORTED);
      expect(read!.links.map((l) => `${l.type} ${l.from} ${l.year}`)).toEqual([
        'LOCATED_IN mine:araxa-icmm-0042 2025',
        'LOCATED_IN refiner:cbmm-araxa-plant-icmm-0043 2025',
        'RELIES_ON country:USA 2024',
        'RELIES_ON country:USA 2025',
      ]);
      // Null and absent stay distinct: a store that turned one into the other would fail here.
      const trade = read!.flows.find((f) => f.id === 'flow:bra-usa-niobium-trade-2024')!;
      expect(trade.share).toBeNull();
      const split = read!.flows.find((f) => f.id === 'flow:araxa-to-bra-niobium-2025')!;
      expect('share' in split).toBe(false);
      expect(read!.flows.find((f) => f.id === 'flow:usa-niobium-refined-2025')!.tonnes).toBeNull();
    });

    it('keeps BY_PRODUCT_OF links (companion -> host) with share, range and source, and refuses a share outside [0, 1]', async () => {
      const store = await open();
      const dataset = tinyDataset();
      dataset.nodes.push({ id: 'mineral:tantalum', kind: 'mineral', name: 'Tantalum', slug: 'tantalum', source: 'test fixture', year: 2025 });
      const link = {
        type: 'BY_PRODUCT_OF',
        from: 'mineral:tantalum',
        to: 'mineral:niobium',
        share: 0.25,
        shareRange: [0, 0.5],
        statement: 'test fixture',
        source: 'test fixture',
        year: 2025,
        estimated: true,
        rule: 'qualitative-share',
      } as LinkRecord;
      dataset.links.push(link);
      await store.replaceDataset(dataset);
      const read = await store.readDataset();
      expect(read!.links.filter((l) => l.type === 'BY_PRODUCT_OF')).toEqual([link]);
      const bad = tinyDataset();
      bad.nodes.push({ id: 'mineral:tantalum', kind: 'mineral', name: 'Tantalum', slug: 'tantalum', source: 'test fixture', year: 2025 });
      bad.links.push({ ...link, share: 1.5 } as LinkRecord, { ...link, from: 'country:USA' } as LinkRecord);
      const error = await store.replaceDataset(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).problems.map((p) => p.field)).toEqual(expect.arrayContaining(['share', 'from']));
      // Nothing was written: the store still holds the first dataset.
      expect((await store.readDataset())!.links.filter((l) => l.type === 'BY_PRODUCT_OF')).toEqual([link]);
    });

    it('counts what it holds, as countDataset does (hand-computed)', async () => {
      const store = await open();
      await store.replaceDataset(tinyDataset());
      expect(await store.counts()).toEqual(TINY_COUNTS);
      expect(countDataset(tinyDataset())).toEqual(TINY_COUNTS);
    });

    it('getNode returns the stored record, or undefined for an unknown id', async () => {
      const store = await open();
      await store.replaceDataset(tinyDataset());
      expect(await store.getNode('mine:bra-niobium')).toEqual(nodeById(tinyDataset(), 'mine:bra-niobium'));
      expect(await store.getNode('country:BRA')).toEqual(nodeById(tinyDataset(), 'country:BRA'));
      expect(await store.getNode('country:BRZ')).toBeUndefined();
      expect(await store.getNode('nonsense')).toBeUndefined();
    });

    it('reports the stored dataset version', async () => {
      const store = await open();
      await store.replaceDataset(tinyDataset());
      expect(await store.datasetVersion()).toBe('tiny-v1');
    });

    it('replacing twice with the same dataset is idempotent', async () => {
      const store = await open();
      await store.replaceDataset(tinyDataset());
      await store.replaceDataset(tinyDataset());
      expect(await store.readDataset()).toEqual(sortDataset(tinyDataset()));
      expect(await store.counts()).toEqual(TINY_COUNTS);
    });

    it('replaceDataset drops every record the new dataset does not have', async () => {
      const store = await open();
      await store.replaceDataset(tinyDataset());
      await store.replaceDataset(otherDataset());
      expect(await store.readDataset()).toEqual(sortDataset(otherDataset()));
      expect(await store.getNode('mine:bra-niobium')).toBeUndefined();
      expect(await store.counts()).toEqual({ minerals: 1, countries: 2, mines: 0, refiners: 0, flows: 1, sources: 3 });
    });

    it('mergeRecords upserts nodes and flows by id and links by (type, from, to, year)', async () => {
      const store = await open();
      await store.replaceDataset(tinyDataset());
      const renamedMine = { ...nodeById(tinyDataset(), 'mine:araxa-icmm-0042'), name: 'Araxá mine (renamed)', lat: -19.66 };
      delete (renamedMine as { lon?: number }).lon;
      const newMine: SupplyNode = {
        id: 'mine:catalao-icmm-0077',
        kind: 'mine',
        name: 'Catalão mine',
        source: 'my survey, 2025',
        year: 2025,
        country: 'BRA',
        minerals: ['niobium'],
      };
      const newFlow: FlowRecord = {
        id: 'flow:catalao-to-bra-niobium-2025',
        from: 'mine:catalao-icmm-0077',
        to: 'mine:bra-niobium',
        mineral: 'niobium',
        stage: 'mine',
        tonnes: 8000,
        source: 'my survey, 2025',
        year: 2025,
      };
      // Same id, new endpoint and figure: the stored flow is replaced, not duplicated.
      const movedFlow: FlowRecord = {
        ...tinyDataset().flows.find((f) => f.id === 'flow:usa-niobium-refined-2025')!,
        from: 'mine:bra-niobium',
        tonnes: 6500,
      };
      const reliance2025 = { type: 'RELIES_ON', from: 'country:USA', to: 'mineral:niobium', source: 'my survey, 2025', year: 2025, nir: 0.9 } as LinkRecord;
      const report = await store.mergeRecords(
        { nodes: [renamedMine, newMine], flows: [newFlow, movedFlow], links: [reliance2025] },
        'tiny-v1+patch',
      );
      expect(report).toMatchObject({ nodes: 2, flows: 2, links: 1 });

      const tiny = tinyDataset();
      const expected: Dataset = sortDataset({
        version: 'tiny-v1+patch',
        nodes: [...tiny.nodes.filter((n) => n.id !== 'mine:araxa-icmm-0042'), renamedMine, newMine],
        flows: [...tiny.flows.filter((f) => f.id !== 'flow:usa-niobium-refined-2025'), newFlow, movedFlow],
        links: [...tiny.links.filter((l) => !(l.type === 'RELIES_ON' && l.year === 2025)), reliance2025],
      });
      expect(await store.readDataset()).toEqual(expected);
      expect(await store.datasetVersion()).toBe('tiny-v1+patch');
      expect(await store.getNode('mine:araxa-icmm-0042')).toEqual(renamedMine);
      expect(await store.counts()).toEqual({ ...TINY_COUNTS, mines: 3, flows: 5, sources: 6 });
    });

    it('mergeRecords into an empty store creates the dataset', async () => {
      const store = await open();
      const { version: _version, ...records } = otherDataset();
      await store.mergeRecords(records, 'patch-only');
      expect(await store.readDataset()).toEqual(sortDataset({ ...otherDataset(), version: 'patch-only' }));
    });

    it('refuses a patch with a dangling flow, naming it, and leaves the data exactly as before', async () => {
      const store = await open();
      await store.replaceDataset(tinyDataset());
      const before = await store.readDataset();
      const dangling: FlowRecord = { ...tinyDataset().flows[0]!, id: 'flow:dangling', to: 'country:USB' };
      const newNode: SupplyNode = { ...nodeById(tinyDataset(), 'country:BRA'), id: 'country:ARG', name: 'Argentina', iso3: 'ARG' } as SupplyNode;
      const error = await store
        .mergeRecords({ nodes: [newNode], flows: [dangling], links: [] }, 'tiny-v1+bad')
        .then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).message).toContain('flow:dangling');
      expect((error as InvalidInputError).problems).toEqual([
        expect.objectContaining({ at: 'flow:dangling', field: 'to', message: expect.stringContaining('"country:USA"') }),
      ]);
      expect(await store.readDataset()).toEqual(before);
      expect(await store.datasetVersion()).toBe('tiny-v1');
    });

    it('refuses a dataset with duplicate ids or a link of the wrong kinds, writing nothing', async () => {
      const store = await open();
      await store.replaceDataset(tinyDataset());
      const bad = tinyDataset();
      bad.version = 'bad';
      bad.nodes.push({ ...bad.nodes[0]! });
      bad.links.push({ type: 'LOCATED_IN', from: 'country:USA', to: 'country:BRA', source: 'x', year: 2025 });
      const error = await store.replaceDataset(bad).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).problems.map((p) => p.message)).toEqual([
        'duplicate node id "mine:araxa-icmm-0042"',
        'node "country:USA" is a country; expected mine or refiner',
      ]);
      expect(await store.readDataset()).toEqual(sortDataset(tinyDataset()));
    });

    it('a write that fails inside its transaction is rolled back: replace and merge leave the data intact', async () => {
      let fail = false;
      const store = await open({
        onBeforeCommit: () => {
          if (fail) throw new Error('forced failure before commit');
        },
      });
      await store.replaceDataset(tinyDataset());
      const before = await store.readDataset();
      fail = true;
      await expect(store.replaceDataset(otherDataset())).rejects.toThrow(/forced failure/);
      expect(await store.readDataset()).toEqual(before);
      const { version: _version, ...records } = otherDataset();
      const patch = { ...records, nodes: [...records.nodes, { ...nodeById(tinyDataset(), 'country:BRA'), id: 'country:ARG', name: 'Argentina' } as SupplyNode] };
      await expect(store.mergeRecords(patch, 'never')).rejects.toThrow(/forced failure/);
      expect(await store.readDataset()).toEqual(before);
      expect(await store.counts()).toEqual(TINY_COUNTS);
      fail = false;
      await store.replaceDataset(otherDataset());
      expect(await store.datasetVersion()).toBe('other-v2');
    });

    it('serves concurrent reads during a load: each sees the old or the new dataset, whole', async () => {
      const store = await open();
      await store.replaceDataset(tinyDataset());
      const old = sortDataset(tinyDataset());
      const next = sortDataset(otherDataset());
      const reads = Array.from({ length: 6 }, () => store.readDataset());
      const load = store.replaceDataset(otherDataset());
      const more = Array.from({ length: 6 }, () => Promise.all([store.readDataset(), store.getNode('country:USA'), store.counts()]));
      await load;
      for (const dataset of await Promise.all(reads)) expect([old, next]).toContainEqual(dataset);
      for (const [dataset, node, counts] of await Promise.all(more)) {
        expect([old, next]).toContainEqual(dataset);
        expect(node).toEqual(nodeById(tinyDataset(), 'country:USA'));
        expect([TINY_COUNTS, countDataset(otherDataset())]).toContainEqual(counts);
      }
      expect(await store.readDataset()).toEqual(next);
    });

    describe('cypherRead', () => {
      it('runs read queries with params and a row limit, or says the store has no query language', async () => {
        const store = await open();
        await store.replaceDataset(tinyDataset());
        const query = 'MATCH (m:Mine) WHERE m.country = $country RETURN m.id AS id, m.aggregate AS aggregate ORDER BY id';
        if (store.kind === 'memory') {
          await expect(store.cypherRead(query)).rejects.toBeInstanceOf(UnsupportedError);
          return;
        }
        const result = await store.cypherRead(query, { params: { country: 'BRA' } });
        expect(result).toEqual({
          columns: ['id', 'aggregate'],
          rows: [
            { id: 'mine:araxa-icmm-0042', aggregate: false },
            { id: 'mine:bra-niobium', aggregate: true },
          ],
          truncated: false,
        });
        const cut = await store.cypherRead('MATCH (n:Country) RETURN n.id AS id ORDER BY id', { limit: 1 });
        expect(cut).toEqual({ columns: ['id'], rows: [{ id: 'country:BRA' }], truncated: true });
        const flows = await store.cypherRead(
          'MATCH (a)-[f:FLOW]->(b:Country) WHERE f.year = $year RETURN a.id AS src, f.tonnes AS tonnes, f.share AS share ORDER BY src',
          { params: { year: 2025 } },
        );
        expect(flows.rows).toEqual([{ src: 'refiner:cbmm-araxa-plant-icmm-0043', tonnes: null, share: 0.66 }]);
      });

      it('answers library queries with the same rows on every store, a group of unknown tonnages included (0, not null)', async () => {
        // LadybugDB sums only-null values to null and Neo4j to 0; the library sums coalesce(tonnes, 0.0) so both
        // give 0 (graph/queries/README.md). The 2025 flow into the US has no published tonnage.
        const store = await open();
        await store.replaceDataset(tinyDataset());
        const query = (await loadQueryLibrary()).find((q) => q.name === 'us-import-sources')!;
        const text = queryTextFor(query, store.kind === 'neo4j' ? 'neo4j' : 'ladybug');
        if (store.kind === 'memory') {
          await expect(store.cypherRead(text)).rejects.toBeInstanceOf(UnsupportedError);
          return;
        }
        const unknown = await store.cypherRead(text, { params: { mineral: 'niobium', year: 2025 } });
        expect(unknown.rows).toEqual([{ supplier: 'BRA', supplierName: 'Brazil', tonnes: 0, shareOfImports: null, flows: 1 }]);
        const known = await store.cypherRead(text, { params: { mineral: 'niobium', year: 2024 } });
        expect(known.rows).toEqual([{ supplier: 'BRA', supplierName: 'Brazil', tonnes: 6534, shareOfImports: 1, flows: 1 }]);
      });

      it('refuses writes, including one hidden in a subquery, and changes nothing', async () => {
        const store = await open();
        await store.replaceDataset(tinyDataset());
        const writes = [
          "CREATE (:Mine {id: 'mine:x'})",
          'MATCH (n) DETACH DELETE n',
          "MATCH (n:Mine) SET n.name = 'changed' RETURN n.id",
          "MATCH (n:Country) WITH n LIMIT 1 CALL { CREATE (:Mine {id: 'mine:sub'}) } RETURN n.id",
          "MATCH (n:Country) RETURN n.id; CREATE (:Mine {id: 'mine:y'})",
        ];
        for (const query of writes) {
          const error = await store.cypherRead(query).then(() => undefined, (e: unknown) => e);
          expect(error, query).toBeInstanceOf(store.kind === 'memory' ? UnsupportedError : ReadOnlyError);
        }
        expect(await store.readDataset()).toEqual(sortDataset(tinyDataset()));
      });
    });

    it('close is idempotent and later calls fail with StoreError', async () => {
      const store = await open();
      await store.replaceDataset(tinyDataset());
      await store.close();
      await store.close();
      await expect(store.readDataset()).rejects.toBeInstanceOf(StoreError);
      await expect(store.replaceDataset(tinyDataset())).rejects.toBeInstanceOf(StoreError);
    });
  });
}
