// The store contract suite on the in-memory store.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory.ts';
import { sortDataset } from '../../src/store/records.ts';
import { tinyDataset } from '../fixtures/tiny-dataset.ts';
import { describeGraphStore } from './contract.ts';

describeGraphStore('memory', async (options) => {
  const store = new MemoryStore(options);
  return { store, cleanup: () => store.close() };
});

describe('MemoryStore', () => {
  it('keeps its own copy: mutating the loaded or the returned records does not change the store', async () => {
    const dataset = tinyDataset();
    const store = new MemoryStore({ dataset });
    dataset.nodes[0]!.name = 'mutated after load';
    const read = await store.readDataset();
    read!.flows[0]!.tonnes = -1;
    (await store.getNode('country:BRA'))!.name = 'mutated after getNode';
    expect(await store.readDataset()).toEqual(sortDataset(tinyDataset()));
  });
});
