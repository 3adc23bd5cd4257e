// The three critical/strategic mineral lists, transcribed with their citations; members map to our mineral slugs
// (null when the project has no node for that member, e.g. helium or coal). The build marks MineralNode.lists from here.

export type ListId = 'us2022' | 'eu2023' | 'cn2016';

export interface ListMember {
  /** The member as the list names it. */
  name: string;
  /** Our mineral slugs covered by the member (a group such as "Heavy rare earth elements" may cover several); [] = none. */
  minerals: string[];
}

export interface MineralList {
  id: ListId;
  title: string;
  citation: string;
  /** Where the list is published, when we know a stable address. */
  url?: string;
  /** Year the list was adopted (the `year` of its provenance). */
  year: number;
  members: ListMember[];
}

const m = (name: string, ...minerals: string[]): ListMember => ({ name, minerals });
const REE = 'rare-earths';
const PGM = 'platinum-group-metals';

/** USGS 2022 Final List of Critical Minerals: 50 entries; the 15 lanthanides and yttrium are listed one by one. */
export const US_2022: MineralList = {
  id: 'us2022',
  title: 'USGS 2022 Final List of Critical Minerals',
  citation:
    'U.S. Geological Survey, "2022 Final List of Critical Minerals", Federal Register 87 FR 10381 (2022-02-24), document 2022-04027',
  url: 'https://www.federalregister.gov/documents/2022/02/24/2022-04027/2022-final-list-of-critical-minerals',
  year: 2022,
  members: [
    m('Aluminum', 'aluminum'),
    m('Antimony', 'antimony'),
    m('Arsenic', 'arsenic'),
    m('Barite', 'barite'),
    m('Beryllium', 'beryllium'),
    m('Bismuth', 'bismuth'),
    m('Cerium', REE),
    m('Cesium', 'cesium'),
    m('Chromium', 'chromium'),
    m('Cobalt', 'cobalt'),
    m('Dysprosium', REE),
    m('Erbium', REE),
    m('Europium', REE),
    m('Fluorspar', 'fluorspar'),
    m('Gadolinium', REE),
    m('Gallium', 'gallium'),
    m('Germanium', 'germanium'),
    m('Graphite', 'graphite'),
    m('Hafnium', 'hafnium'),
    m('Holmium', REE),
    m('Indium', 'indium'),
    m('Iridium', PGM),
    m('Lanthanum', REE),
    m('Lithium', 'lithium'),
    m('Lutetium', REE),
    m('Magnesium', 'magnesium'),
    m('Manganese', 'manganese'),
    m('Neodymium', REE),
    m('Nickel', 'nickel'),
    m('Niobium', 'niobium'),
    m('Palladium', 'palladium', PGM),
    m('Platinum', 'platinum', PGM),
    m('Praseodymium', REE),
    m('Rhodium', 'rhodium', PGM),
    m('Rubidium'),
    m('Ruthenium', PGM),
    m('Samarium', REE),
    m('Scandium', 'scandium'),
    m('Tantalum', 'tantalum'),
    m('Tellurium', 'tellurium'),
    m('Terbium', REE),
    m('Thulium', REE),
    m('Tin', 'tin'),
    m('Titanium', 'titanium'),
    m('Tungsten', 'tungsten'),
    m('Vanadium', 'vanadium'),
    m('Ytterbium', REE),
    m('Yttrium', 'yttrium'),
    m('Zinc', 'zinc'),
    m('Zirconium', 'zirconium'),
  ],
};

/** EU Critical Raw Materials Act, Annex II section 2: the 34 critical raw materials (2023 assessment). */
export const EU_2023: MineralList = {
  id: 'eu2023',
  title: 'EU critical raw materials (Critical Raw Materials Act, Annex II, section 2)',
  citation:
    'Regulation (EU) 2024/1252 of 11 April 2024 (Critical Raw Materials Act), Annex II section 2; list proposed in COM(2023) 160 (2023 criticality assessment)',
  url: 'https://eur-lex.europa.eu/eli/reg/2024/1252/oj',
  year: 2023,
  members: [
    m('Antimony', 'antimony'),
    m('Arsenic', 'arsenic'),
    m('Bauxite/alumina/aluminium', 'aluminum'),
    m('Baryte', 'barite'),
    m('Beryllium', 'beryllium'),
    m('Bismuth', 'bismuth'),
    m('Boron/borate', 'boron'),
    m('Cobalt', 'cobalt'),
    m('Coking coal'),
    m('Copper', 'copper'),
    m('Feldspar'),
    m('Fluorspar', 'fluorspar'),
    m('Gallium', 'gallium'),
    m('Germanium', 'germanium'),
    m('Hafnium', 'hafnium'),
    m('Helium'),
    // The EU groups yttrium with the heavy rare earths.
    m('Heavy rare earth elements', REE, 'yttrium'),
    m('Light rare earth elements', REE),
    m('Lithium', 'lithium'),
    m('Magnesium', 'magnesium'),
    m('Manganese', 'manganese'),
    m('Natural graphite', 'graphite'),
    m('Nickel (battery grade)', 'nickel'),
    m('Niobium', 'niobium'),
    m('Phosphate rock'),
    m('Phosphorus'),
    m('Platinum group metals', PGM, 'platinum', 'palladium', 'rhodium'),
    m('Scandium', 'scandium'),
    m('Silicon metal'),
    m('Strontium'),
    m('Tantalum', 'tantalum'),
    m('Titanium metal', 'titanium'),
    m('Tungsten', 'tungsten'),
    m('Vanadium', 'vanadium'),
  ],
};

/** China's 24 strategic minerals (战略性矿产目录) of the National Mineral Resources Plan 2016-2020. */
export const CN_2016: MineralList = {
  id: 'cn2016',
  title: "China's strategic minerals catalogue (24 minerals)",
  citation:
    '全国矿产资源规划(2016—2020年) (National Mineral Resources Plan 2016-2020), strategic minerals catalogue; as cited in seed 002 (Song Guoyou & Li Wenbo, 中美关键矿产竞争及其影响), section on definitions and note ⑤, and seed 001 (Wu Qiaosheng & Xue Shuangjiao, 中美贸易变局下关键矿产资源供给安全分析)',
  year: 2016,
  members: [
    m('石油 petroleum'),
    m('天然气 natural gas'),
    m('页岩气 shale gas'),
    m('煤炭 coal'),
    m('煤层气 coalbed methane'),
    m('铀 uranium'),
    m('铁 iron', 'iron'),
    m('铬 chromium', 'chromium'),
    m('铜 copper', 'copper'),
    m('铝 aluminium', 'aluminum'),
    m('金 gold'),
    m('镍 nickel', 'nickel'),
    m('钨 tungsten', 'tungsten'),
    m('锡 tin', 'tin'),
    m('钼 molybdenum', 'molybdenum'),
    m('锑 antimony', 'antimony'),
    m('钴 cobalt', 'cobalt'),
    m('锂 lithium', 'lithium'),
    m('稀土 rare earths', REE),
    m('锆 zirconium', 'zirconium'),
    m('磷 phosphate'),
    m('钾盐 potash', 'potash'),
    m('晶质石墨 crystalline graphite', 'graphite'),
    m('萤石 fluorspar', 'fluorspar'),
  ],
};

export const MINERAL_LISTS: readonly MineralList[] = [US_2022, EU_2023, CN_2016];
