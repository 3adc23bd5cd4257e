// Module declarations for what Vite resolves at build time (asset URLs, CSS) so `tsc --noEmit` type-checks web/.
declare module '*?url' {
  const url: string;
  export default url;
}
declare module '*.css';
// graphology-gexf types its writer only through its browser entry, whose parser needs DOMParser at load time;
// the view imports the writer alone, typed as the entry's `write`.
declare module 'graphology-gexf/common/writer.js' {
  import type { write } from 'graphology-gexf/browser/index.js';
  const writeGexf: typeof write;
  export = writeGexf;
}
