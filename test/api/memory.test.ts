// The API suite on the in-memory store.
import { MemoryStore } from '../../src/store/memory.ts';
import { describeApi } from './suite.ts';

describeApi('memory', async () => {
  const store = new MemoryStore();
  return { store, cleanup: () => store.close() };
});
