// Company-reported figures for the headline chokepoint facilities that no USGS facility layer covers (Latin America,
// North America and China are outside both layers). Curated by hand: every figure names its publication, the page
// (URL) and the year it refers to, the basis it is in, and how it is read into the mineral's unit. A facility for
// which no published figure was found is listed with `tonnes: null` and says so: nothing here is guessed.
import type { ProductionStage } from './minerals.ts';

export interface CompanyFigure {
  /** The ICMM record the figure belongs to. */
  icmmId: string;
  facility: string;
  company: string;
  mineral: string;
  /**
   * The stage whose country figure this facility feeds. CBMM's Araxá is an integrated mine and ferroniobium plant;
   * ICMM records only the plant, so its figure feeds Brazil's mine-stage niobium total.
   */
  stage: ProductionStage;
  /** Tonnes in the mineral's unit (Nb content for niobium) used as the split weight; null = no figure found. */
  tonnes: number | null;
  /** What was published, verbatim in substance: value, unit, product. */
  published: string;
  /** How the published value became `tonnes` (a conversion is a rule, and marks the weight estimated). */
  reading: string;
  estimatedReading: boolean;
  /** production or capacity. */
  basis: 'production' | 'capacity' | 'none';
  /** The year the figure refers to. */
  year: number;
  publication: string;
  page: string;
}

/** Ferroniobium's niobium content used to read gross FeNb tonnages into Nb content (standard grade, ~66% Nb). */
export const FENB_NB_CONTENT = 0.66;
const FENB_FACTOR_SOURCE =
  'standard-grade ferroniobium ~66% Nb (InvestorIntel, "Niobium - In the Grip of the Brazilians", 2014-04-02, https://investorintel.com/sectors/technology-metals/technology-metals-intel/niobium-grip-brazilians/)';

export const COMPANY_FIGURES: readonly CompanyFigure[] = [
  {
    icmmId: 'ICMM07943',
    facility: 'Araxá (Barreiro mine and plant)',
    company: 'Companhia Brasileira de Metalurgia e Mineração (CBMM)',
    mineral: 'niobium',
    stage: 'mine',
    tonnes: 100000 * FENB_NB_CONTENT,
    published: 'CBMM production of niobium products totalled 100 thousand tonnes in 2018 (company note; capacity to reach 150 kt of ferroniobium)',
    reading: `100,000 t of niobium products (mostly ferroniobium, gross weight) x ${FENB_NB_CONTENT} = 66,000 t Nb; ${FENB_FACTOR_SOURCE}`,
    estimatedReading: true,
    basis: 'production',
    year: 2018,
    publication: 'Notícias de Mineração, "CBMM prevê expansão da produção de nióbio para 150 mil toneladas até 2020" (citing a CBMM official note), 2019',
    page: 'https://www.noticiasdemineracao.com/produ%C3%A7%C3%A3o/news/1353896/cbmm-prev%C3%AA-expans%C3%A3o-da-produ%C3%A7%C3%A3o-de-ni%C3%B3bio-para-150-mil-toneladas-ate-2020',
  },
  {
    icmmId: 'ICMM01156',
    facility: 'Catalão (Boa Vista mine, Niobras)',
    company: 'CMOC Group (CMOC Brasil)',
    mineral: 'niobium',
    stage: 'mine',
    tonnes: 9515,
    published: 'CMOC 2023 production: 9,515 tonnes of niobium, up 3% year on year (company production announcement of 2024-01-04)',
    reading: '9,515 t niobium as reported (niobium metal content of its ferroniobium)',
    estimatedReading: false,
    basis: 'production',
    year: 2023,
    publication: 'Wallstreetcn via Longport, "Cobalt production soars by 170%! CMOC surpasses Glencore to become the world\'s largest cobalt miner", 2024-01-05, reporting CMOC\'s announcement',
    page: 'https://longportapp.cn/news/105446872',
  },
  {
    icmmId: 'ICMM14289',
    facility: 'Pitinga (mine; Pirapora do Bom Jesus smelter)',
    company: 'Mineração Taboca (Minsur; sold to CNMC in 2024)',
    mineral: 'niobium',
    stage: 'mine',
    tonnes: 4410 * FENB_NB_CONTENT,
    published: 'Taboca 2023: 5,386 t refined tin and 4,410 t of ferroalloys (FeTa, FeNb, FeNbTa; a record above 4,008 t)',
    reading: `4,410 t ferroalloys (gross) x ${FENB_NB_CONTENT} = 2,910.6 t, an upper bound of the Nb content (part of the alloy tonnage is FeTa; the mix is not published); ${FENB_FACTOR_SOURCE}`,
    estimatedReading: true,
    basis: 'production',
    year: 2023,
    publication: 'Brasil Mineral, "Taboca: o futuro de Pitinga vai muito além do estanho", 2024-11-18 (also Revista Mineração, 2024-11-27)',
    page: 'https://www.brasilmineral.com.br/noticias/taboca-o-futuro-de-pitinga-vai-muito-alem-do-estanho',
  },
  {
    icmmId: 'ICMM01308',
    facility: 'Mibra (Volta Grande)',
    company: 'AMG Mineração (AMG Critical Materials)',
    mineral: 'niobium',
    stage: 'mine',
    tonnes: null,
    published: 'none found: AMG reports Mibra tantalum concentrate and lithium (spodumene) output, no niobium tonnage',
    reading: 'no figure',
    estimatedReading: false,
    basis: 'none',
    year: 2025,
    publication: 'searched: company reports and mining press in the pages corpus (2026-12-03)',
    page: '',
  },
];

/**
 * Cross-checks kept beside the figures (not used in the split): they bound what the split should give.
 * Seed 000 section 2.3: "约 85% 的一次铌生产来自巴西的一座矿山" (about 85% of primary niobium comes from one Brazilian mine,
 * the one whose owner sold 15% to Chinese buyers in 2011, i.e. CBMM's Araxá; vintage 2017); Edison Group, "Ferroniobium
 * and HSLA steel", 2019-02-11: "CBMM, which produces 85% of global production".
 */
export const COMPANY_FIGURE_CROSS_CHECKS = {
  niobium: {
    araxaWorldShare: 0.85,
    sources: [
      'Wang Luohan & Chen Zhi, 中美战略性矿产竞争的三大热点类型分析 (seed 000), section 2.3 (2017 vintage)',
      'Edison Group, "Ferroniobium and HSLA steel", 2019-02-11, https://www.edisongroup.com/edison-explains/ferroniobium-and-hsla-steel/',
    ],
  },
} as const;

/**
 * Headline chokepoints looked up with no facility to attach a figure to: recorded so that the gap is stated,
 * not silently skipped.
 */
export const COMPANY_FIGURE_GAPS: readonly string[] = [
  'beryllium: Materion\'s Spor Mountain mine (Juab County, Utah), the only US beryllium mine, has no ICMM record (ICMM lists one beryllium site, Ust-Kamenogorsk); Materion publishes reserves, not mine tonnage, so the US figure stays a country aggregate',
  'gallium: China\'s primary gallium refineries (alumina-plant recovery) have no ICMM record; no company-reported tonnage was found. ICMM\'s two gallium sites (Nikolaev, Pavlodar) are alumina refineries in countries without a USGS gallium row',
];
