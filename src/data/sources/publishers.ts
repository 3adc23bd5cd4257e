// The publications the shipped dataset is compiled from, with licences and addresses, for manifest.json and README.

export interface PublishedSource {
  id: string;
  publisher: string;
  title: string;
  licence: string;
  url?: string;
  usedFor: string;
}

export const SOURCES: readonly PublishedSource[] = [
  {
    id: 'usgs-mcs2026',
    publisher: 'U.S. Geological Survey, National Minerals Information Center',
    title: 'Mineral Commodity Summaries 2026 (world production and reserves tables, US salient statistics, net import reliance, import sources 2021-24); per-commodity PDFs https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-<commodity>.pdf',
    licence: 'US Government work, public domain',
    url: 'https://pubs.usgs.gov/periodicals/mcs2026/',
    usedFor: 'producer aggregates (mine / refinery output 2024, 2025e, capacity, reserves), world totals, US flows and RELIES_ON links',
  },
  {
    id: 'cepii-baci-v202601',
    publisher: 'CEPII (Gaulier and Zignago 2010), from UN Comtrade',
    title: 'BACI bilateral trade, version V202601 (HS17), 2024: extract of 32 critical materials, top 6 partners per side (baci_trade/, PROVENANCE.md section 7); attribution "CEPII BACI, V202601, from UN Comtrade"',
    licence: 'Etalab Open Licence 2.0 (attribution)',
    url: 'https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37',
    usedFor: 'trade flows between countries (stage trade, valueUsd), named consumers by apparent consumption',
  },
  {
    id: 'wgi-2024',
    publisher: 'World Bank (Kaufmann & Kraay)',
    title: 'Worldwide Governance Indicators, 2024 update (1996-2023); estimates 2013-2023 used',
    licence: 'CC BY 4.0',
    url: 'https://www.worldbank.org/en/publication/worldwide-governance-indicators',
    usedFor: 'country governance scores (wgi)',
  },
  {
    id: 'icmm-2025',
    publisher: 'International Council on Mining and Metals (ICMM)',
    title: 'ICMM Global Mining Dataset, September 2025 (V1) release',
    licence: 'CC BY 4.0',
    url: 'https://www.icmm.com/',
    usedFor: 'named facilities (names, coordinates, asset types, commodities)',
  },
  {
    id: 'datahub-country-codes',
    publisher: 'DataHub / Open Knowledge (datasets/country-codes), from ISO 3166 and UN M49',
    title: 'Country codes',
    licence: 'ODC Public Domain Dedication and License (PDDL)',
    url: 'https://github.com/datasets/country-codes',
    usedFor: 'ISO codes, names, UN regions; country-name matching',
  },
  {
    id: 'gavinr-centroids',
    publisher: 'Gavin Rehkemper (gavinr/world-countries-centroids), from Esri World Countries (Generalized)',
    title: 'World countries centroids',
    licence: 'MIT',
    url: 'https://github.com/gavinr/world-countries-centroids',
    usedFor: 'country centroids (lat/lon)',
  },
  {
    id: 'seed-000',
    publisher: 'Wang Luohan & Chen Zhi (Chinese Academy of Science and Technology for Development)',
    title: '中美战略性矿产竞争的三大热点类型分析 (Analysis of three hot-spot types of Sino-US competition for strategic minerals), Tables 1-3',
    licence: 'journal article; figures cited with attribution',
    usedFor: 'seed.seed000 entries on mineral nodes, China RELIES_ON links, applications',
  },
  {
    id: 'seed-002',
    publisher: 'Song Guoyou & Li Wenbo',
    title: '中美关键矿产竞争及其影响 (Sino-US competition for critical minerals and its impact), Table 2: 2022 shares of the top three processing countries, citing IEA Critical Minerals Market Review 2023',
    licence: 'journal article; figures cited with attribution',
    usedFor: 'refining-stage allocation for nickel, cobalt, lithium, graphite, rare earths',
  },
  {
    id: 'lists',
    publisher: 'US Federal Register 87 FR 10381; Regulation (EU) 2024/1252; 全国矿产资源规划(2016—2020年)',
    title: 'Critical / strategic mineral lists (US 2022, EU 2023, China 2016)',
    licence: 'official documents, cited',
    usedFor: 'MineralNode.lists and manifest.lists',
  },
];
