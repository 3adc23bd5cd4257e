// Response examples of the time routes (src/api/time-routes.ts): real output on the shipped dataset 25567d5f74cb,
// trend rows abridged to the first and last two. Regenerate after a dataset change (same calls as the curl examples).
export const trends = {
  mineral: 'niobium',
  measures: ['trade-top-exporter-share'],
  years: [
    2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020,
    2021, 2022, 2023, 2024,
  ],
  rows: [
    {
      year: 2002,
      source: 'CEPII BACI, V202601, from UN Comtrade, HS 720293 (ferroniobium)',
      estimated: true,
      rule: 'shares by value (BACI has tonnes only for 2024 in this extract)',
      measure: 'trade-top-exporter-share',
      value: 0.7469,
      label: 'BRA',
    },
    {
      year: 2003,
      source: 'CEPII BACI, V202601, from UN Comtrade, HS 720293 (ferroniobium)',
      estimated: true,
      rule: 'shares by value (BACI has tonnes only for 2024 in this extract)',
      measure: 'trade-top-exporter-share',
      value: 0.7369,
      label: 'BRA',
    },
    {
      year: 2023,
      source: 'CEPII BACI, V202601, from UN Comtrade, HS 720293 (ferroniobium)',
      estimated: true,
      rule: 'shares by value (BACI has tonnes only for 2024 in this extract)',
      measure: 'trade-top-exporter-share',
      value: 0.762,
      label: 'BRA',
    },
    {
      year: 2024,
      source: 'CEPII BACI, V202601, from UN Comtrade, HS 720293 (ferroniobium)',
      estimated: false,
      measure: 'trade-top-exporter-share',
      value: 0.7184,
      label: 'BRA',
    },
  ],
  seed003: [],
  notes: [
    'trade: CEPII BACI, V202601, from UN Comtrade, HS 720293 (ferroniobium); the traded product is not the element (ferroniobium for niobium, cobalt oxides for cobalt, magnets for rare earths ...): tonnes are gross product weight unless a cited factor converts them; HS 811292 is one code for gallium, germanium, hafnium, indium, niobium, rhenium and vanadium: gallium, germanium and hafnium flows are an upper bound of a mixed code; the extract keeps only the 6 largest partners on each side of each country and material: totals are lower bounds; re-export hubs (Netherlands, Belgium, Singapore, Hong Kong) appear as traders: their exports are partly material produced elsewhere',
    'production figures: 2020..2023e from the USGS MCS 2022-2024 editions, 2024 and 2025e from MCS 2026; each year from the latest edition that has it (README "Years")',
    'seed 003 direction: the sign of the least-squares slope, "flat" when the fitted change over the span is under 0.02; the two R scales are normalised over different mineral sets, so only directions are compared',
  ],
};

export const market = [
  {
    mineral: 'cobalt',
    year: 2025,
    importDependence: 0.9693877551020408,
    importDependenceBasis: 'D = I/(I+P)',
    supplyRisk: 0.7051,
    supplyRiskStage: 'mine',
    marketDynamics: 0.2461,
    marketWindow: '2021-2025',
    seed003Market: {
      value2022: 0.25,
      direction: 'rising',
      citation:
        'Wang Zhao, Li Ying & Liu Pingping, 大国博弈背景下美国关键矿产供应链安全态势及其启示, 科技导报 2024, 42(24): 21-29 (seed 003), Table 1',
    },
    estimated: true,
    notes: ['supply risk of the mine stage (the higher of mine and refined)'],
  },
];

export const transmission = {
  mineral: 'cobalt',
  importers: ['CHN', 'USA'],
  window: [2002, 2024],
  years: 22,
  sigma: [0.791831, 0.430698],
  rho: -0.20758,
  sharedSuppliers: ['BEL', 'GBR', 'HKG', 'KOR', 'TWN'],
  sharedImportsUsd: [11618992, 17236947],
  totalImportsUsd: [87960330, 39663277],
  bilateralYear: 2024,
  theta: 0.402655,
  covarianceEq3: -0.00406391,
  covarianceEq4: -0.00406391,
  source:
    'CEPII BACI, V202601, from UN Comtrade, HS 282200 (cobalt oxides and hydroxides); seed 001 (中美关键矿产资源供给风险传导) eq. 3-4',
  estimated: true,
  rule: "estimate: seed 001 eq. 3 cov(b_x,b_y)/α² = n_x n_y / (s̄_x s̄_y) ρ_xy σ_x σ_y (eq. 4 the same with θ = n_x/n); σ and ρ of the annual log change of each importer's cobalt import value, BACI 2002-2024 (22 year pairs), standing in for the seed's economic-output volatility; n = imports from the suppliers both share in 2024, s̄ = total imports that year (by value: the extract has tonnes only for 2024, and only the top-6 partners per country)",
};

// A half-severity removal of the DRC (`{"id": "country:COD", "severity": 0.5}`), cobalt, 2019-2021.
export const impactYears = {
  removed: ['country:COD'],
  removals: [
    {
      id: 'country:COD',
      severity: 0.5,
    },
  ],
  model: 'proportional',
  years: [2019, 2021],
  rows: [
    {
      year: 2019,
      mineral: 'cobalt',
      tonnesBefore: null,
      tonnesLost: null,
      shareLost: null,
      productionHhiBefore: null,
      productionHhiAfter: null,
      consumersHit: 0,
      note: 'no flows in 2019 (years with flows: 2020, 2021, 2022, 2023, 2024, 2025)',
    },
    {
      year: 2020,
      mineral: 'cobalt',
      tonnesBefore: 142250,
      tonnesLost: 49000,
      shareLost: 0.3444639718804922,
      productionHhiBefore: 5592,
      productionHhiAfter: 5592,
      consumersHit: 54,
      shareLostRange: [0.34188091310993285, 0.344598399209987],
      tonnesLostRange: [41111.047528569216, 56259.37581694921],
    },
    {
      year: 2021,
      mineral: 'cobalt',
      tonnesBefore: 164826,
      tonnesLost: 59500,
      shareLost: 0.3609867375292733,
      productionHhiBefore: 5592,
      productionHhiAfter: 5592.000000000002,
      consumersHit: 55,
      shareLostRange: [0.3589641913107301, 0.361151533912558],
      tonnesLostRange: [50126.96478635446, 68564.05184023576],
    },
  ],
  available: [2020, 2021],
  uncertainty: {
    method: 'monte-carlo',
    draws: 200,
    seed: 1,
    percentiles: [5, 95],
  },
};
