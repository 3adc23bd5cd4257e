// Response examples of the OpenAPI document: real API output on the shipped dataset (version 08502e0fd15b), abridged (long
// lists cut to their first 3 items, WGI to its latest year, the store location shortened). test/api/openapi.test.ts validates every example
// against its component schema. Regenerate them after a dataset change by sending each route's request to the app on
// the shipped dataset (the 500 and 503 bodies are the fixed texts those errors carry).

export const health = {
  status: 'ok',
  store: {
    kind: 'embedded',
  },
  datasetVersion: '08502e0fd15b',
  counts: {
    minerals: 45,
    countries: 250,
    mines: 3776,
    refiners: 483,
    flows: 8337,
    sources: 7208,
  },
  graph: {
    nodes: 4555,
    edges: 8337,
    years: [2024, 2025],
  },
  uptimeSeconds: 3,
};

export const minerals = {
  total: 45,
  limit: 2,
  offset: 0,
  items: [
    {
      id: 'mineral:aluminum',
      slug: 'aluminum',
      name: 'Aluminum',
      lists: {
        us2022: true,
        eu2023: true,
        cn2016: true,
      },
      stages: ['refined'],
      year: 2025,
      hhi: 3788.1443419805983,
      topProducer: {
        country: 'CHN',
        share: 0.6063872793424067,
      },
    },
    {
      id: 'mineral:antimony',
      slug: 'antimony',
      name: 'Antimony',
      lists: {
        us2022: true,
        eu2023: true,
        cn2016: true,
      },
      stages: ['mine'],
      year: 2025,
      hhi: 2582.28050526872,
      topProducer: {
        country: 'CHN',
        share: 0.36127167630057805,
      },
    },
  ],
};

export const mineral = {
  id: 'mineral:niobium',
  slug: 'niobium',
  name: 'Niobium',
  lists: {
    us2022: true,
    eu2023: true,
    cn2016: false,
  },
  units: {
    mine: 'metric tons, Nb content',
  },
  applications: ['high-strength steel for defence and infrastructure'],
  source:
    'USGS, Mineral Commodity Summaries 2026, Niobium: world mine production and reserves table (2025 = USGS estimate 2025e), https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-niobium.pdf',
  year: 2025,
  concentration: [
    {
      mineral: 'niobium',
      stage: 'mine',
      year: 2025,
      unit: 'metric tons, Nb content',
      worldTonnes: 112000,
      producers: [
        {
          node: 'country:BRA',
          name: 'Brazil',
          country: 'BRA',
          tonnes: 104000,
          share: 0.9285714285714286,
        },
        {
          node: 'country:CAN',
          name: 'Canada',
          country: 'CAN',
          tonnes: 6000,
          share: 0.05357142857142857,
        },
        {
          node: 'country:COD',
          name: 'Congo - Kinshasa',
          country: 'COD',
          tonnes: 970,
          share: 0.008660714285714285,
        },
      ],
      hhi: 8652.002949617347,
      top1Share: 0.9285714285714286,
      top3Share: 0.9908035714285715,
      producerCount: 6,
      worldTonnesSource: 'published',
      publishedWorldTonnes: 112000,
      producersTonnes: 111630,
      otherTonnes: 120,
      producerNodes: ['mine:bra-niobium', 'mine:can-niobium', 'mine:chn-niobium'],
      notes: [
        'world total 112000 (published) exceeds the sum of listed producers 111630: shares are of the published total',
        '"Other countries" (120 t) is kept in the world total but is not one producer: no HHI term, not counted',
      ],
    },
  ],
  risk: [
    {
      mineral: 'niobium',
      stage: 'mine',
      year: 2025,
      rawRisk: 0.46482824769991593,
      risk: 0.8555886456700247,
      level: 'high',
      coverage: 0.995625,
      hhi: 8652.002949617347,
      missingWgi: [],
    },
  ],
  producers: {
    mine: [
      {
        node: 'mine:bra-niobium',
        name: 'Brazil niobium mine output (aggregate)',
        country: 'BRA',
        aggregate: true,
        tonnes: 104000,
      },
      {
        node: 'mine:catalao-icmm01156',
        name: 'Catalao',
        country: 'BRA',
        aggregate: false,
        tonnes: 34666.666667,
      },
      {
        node: 'mine:mibra-icmm01308',
        name: 'Mibra',
        country: 'BRA',
        aggregate: false,
        tonnes: 34666.666667,
      },
    ],
    refined: [
      {
        node: 'refiner:araxa-cbbm-icmm07943',
        name: 'Araxa CBBM',
        country: 'BRA',
        aggregate: false,
        tonnes: null,
      },
      {
        node: 'refiner:ust-kamenogorsk-pb-smelter-icmm06886',
        name: 'Ust Kamenogorsk Pb Smelter',
        country: 'KAZ',
        aggregate: false,
        tonnes: null,
      },
    ],
  },
};

export const nodes = {
  total: 1,
  limit: 20,
  offset: 0,
  items: [
    {
      id: 'country:BRA',
      kind: 'country',
      name: 'Brazil',
      country: 'BRA',
    },
  ],
};

export const node = {
  id: 'country:BRA',
  kind: 'country',
  attributes: {
    kind: 'country',
    name: 'Brazil',
    iso3: 'BRA',
    iso2: 'BR',
    region: 'Americas',
    subRegion: 'Latin America and the Caribbean',
    lat: -11.524630416426652,
    lon: -54.355206608256424,
    wgi: {
      '2023': {
        va: 0.382854,
        pv: -0.408568,
        ge: -0.546764,
        rq: -0.296478,
        rl: -0.308803,
        cc: -0.503643,
      },
    },
    source:
      'DataHub country-codes (ISO 3166, UN M49; PDDL) and gavinr/world-countries-centroids (MIT) via country_ref/countries_iso3_centroids.csv; governance: World Bank, Worldwide Governance Indicators, 2024 update (CC BY 4.0), estimate column',
    year: 2023,
  },
  sources: [
    {
      source:
        'DataHub country-codes (ISO 3166, UN M49; PDDL) and gavinr/world-countries-centroids (MIT) via country_ref/countries_iso3_centroids.csv; governance: World Bank, Worldwide Governance Indicators, 2024 update (CC BY 4.0), estimate column',
      year: 2023,
      records: 1,
    },
    {
      source:
        'Song Guoyou & Li Wenbo, 中美关键矿产竞争及其影响 (seed 002), Table 2 "2022 年特定矿物加工中前三大生产国的份额", citing IEA (2023), Critical Minerals Market Review 2023 (processing share 17%) applied to the USGS MCS 2026 Nickel mine figures; USGS, Mineral Commodity Summaries 2026, Nickel: United States import sources 2021-24 ("Primary nickel") and salient statistics, https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-nickel.pdf',
      year: 2025,
      records: 1,
    },
    {
      source:
        'Song Guoyou & Li Wenbo, 中美关键矿产竞争及其影响 (seed 002), Table 2 "2022 年特定矿物加工中前三大生产国的份额", citing IEA (2023), Critical Minerals Market Review 2023 (processing share 17%) applied to the USGS MCS 2026 Nickel mine figures; USGS, Mineral Commodity Summaries 2026, Nickel: United States import sources 2021-24 ("Primary nickel") and salient statistics, https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-nickel.pdf',
      year: 2024,
      records: 1,
    },
  ],
  metrics: {
    year: 2025,
    flowsIn: 4,
    flowsOut: 1,
    tonnesIn: {
      nickel: 7000,
    },
    tonnesOut: {
      nickel: 7000,
    },
    production: [
      {
        mineral: 'aluminum',
        stage: 'refined',
        year: 2024,
        tonnes: 1100000,
        share: 0.015104080848025486,
        hhi: 3765.2399540000083,
      },
      {
        mineral: 'aluminum',
        stage: 'refined',
        year: 2025,
        tonnes: 1200000,
        share: 0.016170327449130845,
        hhi: 3788.1443419805983,
      },
      {
        mineral: 'beryllium',
        stage: 'mine',
        year: 2024,
        tonnes: 80,
        share: 0.18475750577367206,
        hhi: 3573.2762988762,
      },
    ],
    governanceRisk: 0.538046568795113,
  },
  suppliers: [
    {
      node: 'refiner:idn-nickel',
      name: 'Indonesia nickel refining (aggregate, estimated)',
      mineral: 'nickel',
      stage: 'refined',
      tonnes: 3780,
    },
    {
      node: 'refiner:other-countries-nickel',
      name: 'Other countries nickel refining (aggregate, estimated)',
      mineral: 'nickel',
      stage: 'refined',
      tonnes: 1680,
    },
    {
      node: 'refiner:chn-nickel',
      name: 'China nickel refining (aggregate, estimated)',
      mineral: 'nickel',
      stage: 'refined',
      tonnes: 1190,
    },
  ],
  customers: [
    {
      node: 'country:USA',
      name: 'United States',
      mineral: 'nickel',
      stage: 'trade',
      tonnes: 7000,
    },
  ],
};

export const graph = {
  options: {
    type: 'directed',
    multi: true,
    allowSelfLoops: true,
  },
  attributes: {
    version: '08502e0fd15b',
    years: [2025],
    reliance: [],
  },
  nodes: [
    {
      key: 'mine:bayan-obo-east-mine-icmm12847',
      attributes: {
        kind: 'mine',
        name: 'Bayan Obo East Mine',
        country: 'CHN',
        minerals: ['iron', 'niobium', 'rare-earths'],
        lat: 41.7987948,
        lon: 109.9743858,
        assetType: 'Mine',
        icmmId: 'ICMM12847',
        confidence: 'High',
        groupNames: ['Bayan Obo East Mine', 'Bayan Obo Main Mine', 'Bayan Obo'],
        source: 'ICMM Global Mining Dataset, September 2025 (V1) release (CC BY 4.0), record ICMM12847',
        year: 2025,
      },
    },
    {
      key: 'mine:chn-niobium',
      attributes: {
        kind: 'mine',
        name: 'China niobium mine output (aggregate)',
        country: 'CHN',
        minerals: ['niobium'],
        aggregate: true,
        mineral: 'niobium',
        stage: 'mine',
        output: {
          '2024': 44,
          '2025': 40,
        },
        reserves: 6500000,
        source:
          'USGS, Mineral Commodity Summaries 2026, Niobium: world mine production and reserves table (2025 = USGS estimate 2025e), https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-niobium.pdf',
        year: 2025,
      },
    },
    {
      key: 'mine:bra-niobium',
      attributes: {
        kind: 'mine',
        name: 'Brazil niobium mine output (aggregate)',
        country: 'BRA',
        minerals: ['niobium'],
        aggregate: true,
        mineral: 'niobium',
        stage: 'mine',
        output: {
          '2024': 104000,
          '2025': 104000,
        },
        reserves: 14000000,
        source:
          'USGS, Mineral Commodity Summaries 2026, Niobium: world mine production and reserves table (2025 = USGS estimate 2025e), https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-niobium.pdf',
        year: 2025,
      },
    },
  ],
  edges: [
    {
      key: 'mine:bayan-obo-east-mine-icmm12847>mine:chn-niobium:niobium:2025',
      source: 'mine:bayan-obo-east-mine-icmm12847',
      target: 'mine:chn-niobium',
      attributes: {
        mineral: 'niobium',
        stage: 'mine',
        tonnes: 40,
        share: 1,
        year: 2025,
        source:
          'ICMM Global Mining Dataset, September 2025 (V1) release (CC BY 4.0) (facility ICMM12847); USGS, Mineral Commodity Summaries 2026, Niobium: world mine production and reserves table (2025 = USGS estimate 2025e), https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-niobium.pdf',
        estimated: true,
        rule: 'equal split of the USGS country figure across the N = 1 ICMM facilities listing niobium (ICMM publishes no capacities)',
      },
    },
    {
      key: 'mine:bra-niobium>country:ROW:niobium:2025',
      source: 'mine:bra-niobium',
      target: 'country:ROW',
      attributes: {
        mineral: 'niobium',
        stage: 'mine',
        tonnes: 97300,
        share: 0.935577,
        year: 2025,
        source:
          'USGS, Mineral Commodity Summaries 2026, Niobium: world mine production and reserves table (2025 = USGS estimate 2025e), https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-niobium.pdf; US flows as in this dataset',
        estimated: true,
        rule: "rest of world = the producer's output minus what it sends to the United States (directly, through an intermediary partner country, or as part of the unattributed imports), floored at 0 (DOMAIN.md: world supply minus what reaches the US; China's consumption is not published in our sources, so it is part of ROW)",
      },
    },
    {
      key: 'mine:bra-niobium>country:USA:niobium:2025',
      source: 'mine:bra-niobium',
      target: 'country:USA',
      attributes: {
        mineral: 'niobium',
        stage: 'mine',
        tonnes: 6700,
        share: 0.064423,
        importShare: 0.67,
        year: 2025,
        source:
          'USGS, Mineral Commodity Summaries 2026, Niobium: United States import sources 2021-24 ("Total imports") and salient statistics, https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-niobium.pdf',
        estimated: true,
        rule: 'tonnes = 67% (Brazil\'s share of US imports, USGS import sources 2021-24, "Total imports") x US imports for consumption 2025 = 10000 t ("Imports for consumption")',
      },
    },
  ],
};

export const chokepoints = {
  total: 7,
  limit: 3,
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
      share: 0.5324074074074074,
      hhi: 3581.5329218107004,
      hhiContribution: 2834.5764746227715,
      impactShare: 0.5324074074074074,
      consumersHit: 2,
      countryRisk: 0.3525576565280514,
      pagerank: 0.044401833541782794,
      rank: 1,
      level: 'country',
      estimated: false,
    },
    {
      node: 'country:BRA',
      name: 'Brazil',
      kind: 'country',
      country: 'BRA',
      mineral: 'beryllium',
      stage: 'mine',
      year: 2025,
      share: 0.18518518518518517,
      hhi: 3581.5329218107004,
      hhiContribution: 342.93552812071334,
      impactShare: 0.18518518518518512,
      consumersHit: 2,
      countryRisk: 0.538046568795113,
      pagerank: 0.044401833541782794,
      rank: 2,
      level: 'country',
      estimated: false,
    },
    {
      node: 'country:CHN',
      name: 'China',
      kind: 'country',
      country: 'CHN',
      mineral: 'beryllium',
      stage: 'mine',
      year: 2025,
      share: 0.17824074074074073,
      hhi: 3581.5329218107004,
      hhiContribution: 317.6976165980795,
      impactShare: 0.17824074074074062,
      consumersHit: 2,
      countryRisk: 0.5334587463532536,
      pagerank: 0.044401833541782794,
      rank: 3,
      level: 'country',
      estimated: false,
    },
  ],
};

export const impact = {
  removed: ['country:BRA'],
  model: 'proportional',
  year: 2025,
  minerals: [
    {
      mineral: 'niobium',
      tonnesBefore: 111630,
      tonnesLost: 104000,
      shareLost: 0.9316491982441996,
      hhiBefore: 8709.452495117082,
      hhiAfter: 6367.996234770316,
      supplyHhiBefore: 8709.452495117082,
      supplyHhiAfter: 6367.996234770316,
      stage: 'mine',
      productionBefore: 111630,
      productionLost: 104000,
      worldProduction: 112000,
      publishedWorldProduction: 112000,
      productionShareLost: 0.9285714285714286,
      productionHhiBefore: 8652.002949617347,
      productionHhiAfter: 5792.578125,
    },
  ],
  consumers: [
    {
      country: 'country:ROW',
      mineral: 'niobium',
      tonnesBefore: 101630,
      tonnesLost: 97300,
      shareLost: 0.9573944701367706,
      remainingSuppliers: ['country:CAN', 'country:CHN', 'country:COD'],
      paths: [
        {
          nodes: ['mine:bra-niobium', 'country:ROW'],
          tonnes: 97300,
        },
      ],
      basis: 'tonnes',
    },
    {
      country: 'country:USA',
      mineral: 'niobium',
      tonnesBefore: 10000.000000000002,
      tonnesLost: 6700.000000000002,
      shareLost: 0.67,
      remainingSuppliers: ['country:CAN', 'country:CHN', 'country:COD'],
      paths: [
        {
          nodes: ['mine:bra-niobium', 'country:USA'],
          tonnes: 6700,
        },
      ],
      basis: 'tonnes',
    },
  ],
  structure: {
    nodesDisconnected: [],
    articulationPoints: {
      niobium: ['mine:chn-niobium'],
    },
  },
  notes: [],
};

export const scenarios = {
  items: [
    {
      name: 'brazil-niobium-outage',
      title: 'Brazilian niobium output stops',
      description:
        'Every niobium producer located in Brazil (the country aggregate and the ICMM facilities inside it) goes offline. Seed 000 notes that about 85% of primary niobium comes from one Brazilian mine and that both the United States and China depend on imports from Brazil and Canada (table 3: NIR 1.00 for both, HHI 8 256, Brazil 0.91).',
      remove: ['country:BRA'],
      mineral: 'niobium',
      source:
        'Wang Luohan & Chen Zhi, 中美战略性矿产竞争的三大热点类型分析 (seed 000), Table 3 and section 4; production from USGS, Mineral Commodity Summaries 2026, Niobium (Brazil 104,000 of 112,000 t in 2025e)',
    },
    {
      name: 'china-gallium-export-ban',
      title: 'China bans gallium exports: can the rest of the world make up for it?',
      description:
        'Every flow of primary gallium leaving China is cut, then the remaining producers raise output up to their published production capacity (USGS MCS 2026 gallium capacity column) along existing links: the rerouting model reports what spare capacity can replace and what stays unmet. China holds about 99% of primary low-purity gallium output.',
      remove: ['country:CHN/gallium'],
      mineral: 'gallium',
      model: 'rerouting',
      source:
        'Song Guoyou & Li Wenbo (seed 002): "2023年7月…中国…表示将限制镓…的出口"; MOFCOM/GAC Announcement No. 23 of 2023; capacities from USGS, Mineral Commodity Summaries 2026, Gallium (world production and capacity table)',
    },
  ],
};

/** POST /api/scenarios/brazil-niobium-outage/run: the scenario as listed, and its impact (the same as the impact example). */
const brazilScenario = scenarios.items.find((item) => item.name === 'brazil-niobium-outage')!;
export const scenarioRun = {
  scenario: brazilScenario,
  result: { scenario: brazilScenario, ...impact },
};

export const centrality = {
  metric: 'pagerank',
  mineral: 'cobalt',
  graph: 'flow',
  year: 2025,
  nodeCount: 115,
  edgeCount: 164,
  weighting:
    'tonnes as strength: PageRank (alpha 0.85) follows flows in proportion to tonnes; shares where tonnes are unknown',
  converged: true,
  scores: [
    {
      node: 'country:ROW',
      name: 'Rest of world',
      kind: 'country',
      value: 0.19662459154992473,
    },
    {
      node: 'refiner:chn-cobalt',
      name: 'China cobalt refining (aggregate, estimated)',
      kind: 'refiner',
      value: 0.1712191492015255,
    },
    {
      node: 'mine:aus-cobalt',
      name: 'Australia cobalt mine output (aggregate)',
      kind: 'mine',
      value: 0.08611995001034395,
    },
  ],
  notes: [],
  total: 115,
  limit: 3,
  offset: 0,
};

export const risk = {
  threshold: 0.40228340944406854,
  wgiYear: 2023,
  risks: [
    {
      mineral: 'niobium',
      stage: 'mine',
      year: 2024,
      rawRisk: 0.460609444223759,
      risk: 0.8467114972360433,
      level: 'high',
      coverage: 0.998578333807222,
      hhi: 8577.67299089503,
      missingWgi: [],
    },
    {
      mineral: 'niobium',
      stage: 'mine',
      year: 2025,
      rawRisk: 0.46482824769991593,
      risk: 0.8555886456700247,
      level: 'high',
      coverage: 0.995625,
      hhi: 8652.002949617347,
      missingWgi: [],
    },
  ],
  centroids: [0.1659693879643361, 0.638597430923801],
  centroidDistance: 0.4726280429594648,
  rawRange: [0.05821565364934337, 0.5334587463532536],
  notes: [
    'R is normalised and clustered over every mineral, stage and year computed, so values are comparable across filters',
    '"Other countries" and producers without WGI figures carry no G_i: they are outside R_raw and reduce coverage',
  ],
};

export const dependencies = {
  country: 'country:USA',
  name: 'United States',
  items: [
    {
      country: 'country:USA',
      mineral: 'beryllium',
      year: 2025,
      suppliers: [
        {
          country: 'country:KAZ',
          share: 0.3100000000000001,
          tonnes: 3.1,
        },
        {
          country: 'country:LVA',
          share: 0.2500000000000001,
          tonnes: 2.5,
        },
        {
          country: 'country:JPN',
          share: 0.19000000000000006,
          tonnes: 1.9,
        },
      ],
      nir: null,
      nirRaw: 'E',
      importDependence: 0,
      supplierHhi: 2108.6532317028023,
      hotSpot: 'none',
      source:
        "USGS, Mineral Commodity Summaries 2026, Beryllium: United States net import reliance and salient statistics, https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-beryllium.pdf (2025 = USGS estimate 2025e); suppliers: the dataset's flows into the country",
      relianceYear: 2025,
      domesticTonnes: 215,
      importTonnes: 9.999999999999996,
      suppliersFrom: 'flows',
    },
  ],
};

export const exportGexf =
  '<?xml version="1.0" encoding="UTF-8"?>\n<gexf version="1.3" xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd">\n  <meta>\n    <version>08502e0fd15b</version>\n  </meta>\n  <graph defaultedgetype="directed">\n    <attributes class="node">\n      <attribute id="kind" title="kind" type="string"/>\n      <attribute id="source" title="source" type="string"/>\n      <attribute id="year" title="year" type="integer"/>\n      <attribute id="country" title="country" type="string"/>\n      <attribute id="aggregate" title="aggregate" type="boolean"/>\n    </attributes>\n    <attributes class="edge">\n      <attribute id="mineral" title="mineral" type="string"/>\n      <attribute id="stage" title="stage" type="string"/>\n      <attribute id="year" title="year" type="integer"/>\n      <attribute id="tonnes" title="tonnes" type="double"/>\n      <attribute id="estimated" title="estimated" type="boolean"/>\n      <attribute id="source" title="source" type="string"/>\n    </attributes>\n    <nodes>\n      <node id="mine:bayan-obo-east-mine-icmm12847" label="Bayan Obo East Mine">\n        <attvalues>\n…\n';

export const exportCsv =
  'id,from,to,mineral,stage,tonnes,share,importShare,year,source,estimated,rule\nmine:bayan-obo-east-mine-icmm12847>mine:chn-niobium:niobium:2025,mine:bayan-obo-east-mine-icmm12847,mine:chn-niobium,niobium,mine,40,1,,2025,"ICMM Global Mining Dataset, September 2025 (V1) release (CC BY 4.0) (facility ICMM12847); USGS, Mineral Commodity Summaries 2026, Niobium: world mine production and reserves table (2025 = USGS estimate 2025e), https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-niobium.pdf",true,equal split of the USGS country figure across the N = 1 ICMM facilities listing niobium (ICMM publishes no capacities)\nmine:bra-niobium>country:ROW:niobium:2025,mine:bra-niobium,country:ROW,niobium,mine,97300,0.935577,,2025,"USGS, Mineral Commodity Summaries 2026, Niobium: world mine production and reserves table (2025 = USGS estimate 2025e), https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-niobium.pdf; US flows as in this dataset",true,"rest of world = the producer\'s output minus what it sends to the United States (directly, through an intermediary partner country, or as part of the unattributed imports), floored at 0 (DOMAIN.md: world supply minus what reaches the US; China\'s consumption is not published in our sources, so it is part of ROW)"\n…\n';

/** POST /api/cypher {"name": "top-producers", "params": {"mineral": "niobium", "stage": "mine", "year": 2025, "limit": 3}}. */
export const cypher = {
  columns: ['country', 'producer', 'tonnes', 'share', 'worldTonnes'],
  rows: [
    { country: 'BRA', producer: 'Brazil niobium mine output (aggregate)', tonnes: 104000, share: 0.9316, worldTonnes: 111630 },
    { country: 'CAN', producer: 'Canada niobium mine output (aggregate)', tonnes: 6000, share: 0.0537, worldTonnes: 111630 },
    { country: 'COD', producer: 'Congo (Kinshasa) niobium mine output (aggregate)', tonnes: 970, share: 0.0087, worldTonnes: 111630 },
  ],
  truncated: false,
};

/** GET /api/cypher/queries, first entry (the list holds every query of graph/queries). */
export const cypherQueries = [
  {
    name: 'concentration-by-mineral',
    purpose:
      'production concentration of every mineral at one stage and year: world output, number of producing countries, the top country and its share, and HHI = sum_i (100 s_i)^2 (DOMAIN.md; seed 000 flags > 5,000 as highly concentrated). USGS "Other countries" rows count in world output but not in HHI (they are many countries), so HHI here is a lower bound where such a row exists.',
    parameters: [
      { name: 'stage', description: '"mine" or "refined"' },
      { name: 'year', description: '2024 or 2025' },
    ],
    example: { stage: 'mine', year: 2025 },
    columns: ['mineral', 'worldTonnes', 'producers', 'topCountry', 'topShare', 'hhi', 'highlyConcentrated'],
  },
];

export const errorExamples: Record<number, { error: { code: string; message: string; details?: unknown } }> = {
  '400': {
    error: {
      code: 'INVALID_INPUT',
      message: 'invalid query: minral: unknown parameter "minral"',
      details: {
        problems: [
          {
            at: 'query',
            field: 'minral',
            message: 'unknown parameter "minral"',
          },
        ],
      },
    },
  },
  '403': {
    error: {
      code: 'CYPHER_DISABLED',
      message:
        'ad-hoc Cypher ("query") is disabled; run a library query by name ({"name": "top-producers", "params": {...}}, list them with GET /api/cypher/queries) or start the server with CHOKEPOINT_ENABLE_CYPHER=1 to allow read-only query text',
    },
  },
  '404': {
    error: {
      code: 'NOT_FOUND',
      message: 'node "country:BRZ" not found (did you mean "country:BLZ", "country:BRA", "country:BRB"?)',
      details: {
        suggestions: ['country:BLZ', 'country:BRA', 'country:BRB'],
      },
    },
  },
  '405': {
    error: {
      code: 'METHOD_NOT_ALLOWED',
      message: 'GET is not allowed on /api/impact; it takes POST',
      details: {
        allow: ['POST', 'OPTIONS'],
      },
    },
  },
  '413': {
    error: {
      code: 'PAYLOAD_TOO_LARGE',
      message: 'request body of 70015 bytes exceeds the 65536-byte limit; send fewer ids',
    },
  },
  '415': {
    error: {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: "POST /api/impact takes a JSON body; send it with -H 'content-type: application/json'",
    },
  },
  '422': {
    error: {
      code: 'UNPROCESSABLE',
      message: 'impact: mine:bra-niobium carries no beryllium in 2025 (it carries: niobium)',
      details: {
        removed: ['mine:bra-niobium'],
        mineral: 'beryllium',
        year: 2025,
        touches: ['niobium'],
      },
    },
  },
  '429': {
    error: {
      code: 'RATE_LIMITED',
      message: 'more than 600 requests a minute from your address; retry in 17 s (Retry-After)',
      details: { limitPerMinute: 600, retryAfterSeconds: 17 },
    },
  },
  '500': {
    error: {
      code: 'INTERNAL',
      message: 'internal error; quote request id 5b0e… when reporting it',
    },
  },
  '501': {
    error: {
      code: 'UNSUPPORTED',
      message:
        'cypher: the memory store has no query language; use the embedded store (unset CHOKEPOINT_STORE, the default) or Neo4j (set NEO4J_URI)',
    },
  },
  '503': {
    error: {
      code: 'TIMEOUT',
      message: 'POST /api/impact took longer than 30000 ms; retry later or narrow the request (a mineral, fewer ids)',
    },
  },
};

export const coverage = [
  {
    mineral: 'niobium',
    stage: 'mine',
    year: 2025,
    worldTonnes: 111630,
    sourcedTonnes: 104000,
    equalSplitTonnes: 40,
    aggregateOnlyTonnes: 7590,
    sourcedShare: 0.931649,
    facilitiesWithFigure: 3,
    facilities: 4,
  },
];
