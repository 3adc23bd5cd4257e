// Response examples of the OpenAPI document: real API output on the shipped dataset, abridged (long lists cut to a
// few items). test/api/openapi.test.ts validates every example against its component schema.

export const health = {
  status: 'ok',
  store: { kind: 'embedded', location: '.chokepoint/db' },
  datasetVersion: '3f1c2a9e0b7d',
  counts: { minerals: 41, countries: 214, mines: 1020, refiners: 160, flows: 5200, sources: 120 },
  graph: { nodes: 1450, edges: 5200, years: [2024, 2025] },
  uptimeSeconds: 42,
};

export const minerals = {
  total: 41,
  limit: 2,
  offset: 0,
  items: [
    {
      id: 'mineral:aluminum',
      slug: 'aluminum',
      name: 'Aluminum',
      lists: { us2022: true, eu2023: true, cn2016: true },
      stages: ['refined'],
      year: 2025,
      hhi: 3400,
      topProducer: { country: 'CHN', share: 0.59 },
    },
  ],
};

const niobiumMine2025 = {
  mineral: 'niobium',
  stage: 'mine' as const,
  year: 2025,
  unit: 'metric tons, niobium content',
  worldTonnes: 113000,
  producers: [
    { node: 'country:BRA', name: 'Brazil', country: 'BRA', tonnes: 105000, share: 0.929 },
    { node: 'country:CAN', name: 'Canada', country: 'CAN', tonnes: 7000, share: 0.062 },
  ],
  hhi: 8668,
  top1Share: 0.929,
  top3Share: 0.991,
  producerCount: 2,
};

export const mineral = {
  id: 'mineral:niobium',
  slug: 'niobium',
  name: 'Niobium',
  lists: { us2022: true, eu2023: true },
  units: { mine: 'metric tons, niobium content' },
  applications: ['steel microalloying', 'superalloys'],
  source: 'USGS, Mineral Commodity Summaries 2026, Niobium',
  year: 2025,
  concentration: [niobiumMine2025],
  risk: [{ mineral: 'niobium', stage: 'mine', year: 2025, rawRisk: 0.43, risk: 0.81, level: 'high', coverage: 1 }],
  producers: {
    mine: [{ node: 'mine:bra-niobium', name: 'Brazil niobium mine output (aggregate)', country: 'BRA', aggregate: true, tonnes: 105000 }],
  },
};

export const nodes = {
  total: 1,
  limit: 20,
  offset: 0,
  items: [{ id: 'country:BRA', kind: 'country', name: 'Brazil', country: 'BRA' }],
};

export const node = {
  id: 'country:BRA',
  kind: 'country',
  attributes: { kind: 'country', name: 'Brazil', iso3: 'BRA', iso2: 'BR', region: 'Americas', lat: -10.8, lon: -53.1, source: 'country_ref', year: 2023 },
  sources: [{ source: 'USGS, Mineral Commodity Summaries 2026', year: 2025, records: 12 }],
  metrics: {
    year: 2025,
    flowsIn: 0,
    flowsOut: 0,
    tonnesIn: {},
    tonnesOut: {},
    production: [{ mineral: 'niobium', stage: 'mine', year: 2025, tonnes: 105000, share: 0.929, hhi: 8668 }],
    governanceRisk: 0.49,
  },
  suppliers: [],
  customers: [],
};

export const graph = {
  options: { type: 'directed', multi: true, allowSelfLoops: true },
  attributes: { version: '3f1c2a9e0b7d', years: [2025], reliance: [] },
  nodes: [
    { key: 'mine:bra-niobium', attributes: { kind: 'mine', name: 'Brazil niobium mine output (aggregate)', country: 'BRA', aggregate: true } },
    { key: 'country:USA', attributes: { kind: 'country', name: 'United States', iso3: 'USA' } },
  ],
  edges: [
    {
      key: 'flow:usa-niobium-bra-2025',
      source: 'mine:bra-niobium',
      target: 'country:USA',
      attributes: { mineral: 'niobium', stage: 'mine', tonnes: 6500, year: 2025, estimated: true },
    },
  ],
};

export const chokepoints = {
  total: 2,
  limit: 1,
  offset: 0,
  items: [
    {
      node: 'country:USA',
      name: 'United States',
      kind: 'country',
      country: 'USA',
      mineral: 'beryllium',
      stage: 'mine',
      year: 2025,
      share: 0.535,
      hhi: 4100,
      hhiContribution: 2862,
      impactShare: 0.535,
      consumersHit: 2,
      countryRisk: 0.3,
      pagerank: 0.02,
      rank: 1,
    },
  ],
};

export const impact = {
  removed: ['country:BRA'],
  model: 'proportional',
  year: 2025,
  minerals: [
    { mineral: 'niobium', tonnesBefore: 113000, tonnesLost: 105000, shareLost: 0.929, hhiBefore: 8668, hhiAfter: 10000 },
  ],
  consumers: [
    {
      country: 'country:ROW',
      mineral: 'niobium',
      tonnesBefore: 100000,
      tonnesLost: 93000,
      shareLost: 0.93,
      remainingSuppliers: ['mine:can-niobium'],
      paths: [{ nodes: ['mine:bra-niobium', 'country:ROW'], tonnes: 93000 }],
    },
  ],
  structure: { nodesDisconnected: [], articulationPoints: { niobium: ['mine:bra-niobium'] } },
  notes: ['proportional model: no rerouting'],
};

export const scenarios = {
  items: [
    {
      name: 'brazil-niobium-outage',
      title: 'Brazil niobium outage',
      description: 'Brazil stops supplying niobium.',
      remove: ['country:BRA'],
      mineral: 'niobium',
      source: 'Wang Luohan & Chen Zhi (seed 000), Table 3',
    },
  ],
};

export const scenarioRun = { scenario: scenarios.items[0], result: impact };

export const centrality = {
  metric: 'pagerank',
  mineral: 'cobalt',
  graph: 'flow',
  weighting: 'tonnes as strength',
  scores: [{ node: 'country:ROW', name: 'Rest of world', kind: 'country', value: 0.31 }],
  total: 120,
  limit: 1,
  offset: 0,
};

export const risk = {
  threshold: 0.29,
  wgiYear: 2023,
  risks: [{ mineral: 'niobium', stage: 'mine', year: 2025, rawRisk: 0.43, risk: 0.81, level: 'high', coverage: 1 }],
};

export const dependencies = {
  country: 'country:USA',
  name: 'United States',
  items: [
    {
      country: 'country:USA',
      mineral: 'beryllium',
      year: 2025,
      suppliers: [{ country: 'country:KAZ', share: 0.6, tonnes: 40 }],
      nir: null,
      nirRaw: 'E',
      importDependence: null,
      supplierHhi: 4500,
      source: 'USGS, Mineral Commodity Summaries 2026, Beryllium',
    },
  ],
};

export const exportGexf = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="directed" mode="static">
    …
  </graph>
</gexf>
`;
export const exportJson = JSON.stringify(graph);
export const exportCsv = 'id,from,to,mineral,stage,tonnes,share,year,source,estimated,rule\n…\n';

export const cypher = { columns: ['slug'], rows: [{ slug: 'aluminum' }, { slug: 'antimony' }, { slug: 'arsenic' }], truncated: false };

export const errorExamples: Record<number, { error: { code: string; message: string; details?: unknown } }> = {
  400: {
    error: {
      code: 'INVALID_INPUT',
      message: 'invalid query: unknown parameter "minral"',
      details: { problems: [{ at: 'query', field: 'minral', message: 'unknown parameter "minral"' }] },
    },
  },
  403: {
    error: {
      code: 'CYPHER_DISABLED',
      message: 'POST /api/cypher is disabled; start the server with CHOKEPOINT_ENABLE_CYPHER=1 to allow read-only Cypher queries',
    },
  },
  404: {
    error: {
      code: 'NOT_FOUND',
      message: 'node "country:BRZ" not found (did you mean "country:BRA"?)',
      details: { suggestions: ['country:BRA'] },
    },
  },
  413: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'request body of 70000 bytes exceeds the 65536-byte limit; send fewer ids' } },
  415: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: "POST /api/impact takes a JSON body; send it with -H 'content-type: application/json'" } },
  422: { error: { code: 'UNPROCESSABLE', message: 'impact: "country:BRA" does not touch mineral "gallium"' } },
  500: { error: { code: 'INTERNAL', message: 'internal error; quote request id 5b0e… when reporting it' } },
  501: { error: { code: 'UNSUPPORTED', message: 'the memory store has no query language; use the embedded or Neo4j store' } },
  503: { error: { code: 'TIMEOUT', message: 'POST /api/impact took longer than 30000 ms; retry later or narrow the request (a mineral, fewer ids)' } },
};
