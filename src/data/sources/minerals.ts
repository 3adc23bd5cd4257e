// The mineral catalogue: our slugs, the USGS MCS 2026 table each comes from, and for the United States which
// salient-statistics rows and import-source category the build reads (the choices README.md documents per mineral).

export type ProductionStage = 'mine' | 'refined';

/** How the build turns the US import figure into tonnes on the partner -> USA flows. */
export type UsImportRule =
  /** share x US imports for consumption (the listed salient rows, summed), in the world table's basis. */
  | 'imports'
  /** share x net imports = NIR x apparent consumption: the only figure USGS gives in the world table's basis. */
  | 'nir-x-consumption'
  /** USGS gives US imports only in another basis than the world table: flows carry the share, tonnes null. */
  | 'share-only';

export interface UsProfile {
  /** `commodity` label in the salient-statistics and import-sources CSVs. */
  commodity: string;
  /** `commodity` column of the net-import-reliance CSV (one row per series). */
  nirRow: string;
  /** Import-sources category whose partner shares the flows and the reliance record use. */
  importCategory: string | null;
  importRule: UsImportRule;
  /** Salient rows summed into "imports" (flows and reliance). */
  imports: string[];
  /** Salient rows summed into "exports" for the reliance record. */
  exports: string[];
  /** Salient rows summed into "production" for the reliance record. */
  production: string[];
  /** Salient row of the consumption the NIR is based on (apparent, reported or estimated), or null. */
  consumption: string | null;
  /** Rows subtracted from the world-table US output for the domestic flow US producer -> country:USA. */
  domesticExports?: string[];
  /** Why this series, or what does not fit; lands in README and in the reliance record's `basis`. */
  note?: string;
}

export interface MineralSpec {
  slug: string;
  name: string;
  /** `commodity` label of mcs2026_world_production.csv; absent when USGS has no world table. */
  worldCommodity?: string;
  /** Stage of the world table (refined = refinery, smelter, primary metal or sponge). */
  stage?: ProductionStage;
  us?: UsProfile;
  /** Reserves column read as thousand metric tons (PROVENANCE: molybdenum, vanadium). */
  reservesInThousands?: boolean;
  /** Minerals known only from the seed papers (no USGS figures in our sources). */
  seedOnly?: boolean;
}

const apparent = 'Consumption, apparent';

export const MINERALS: readonly MineralSpec[] = [
  {
    slug: 'aluminum', name: 'Aluminum', worldCommodity: 'Aluminum', stage: 'refined',
    us: { commodity: 'Aluminum', nirRow: 'Aluminum', importCategory: 'All forms', importRule: 'imports',
      imports: ['Imports for consumption: Crude and semi-fabricated products'], exports: ['Exports: Crude and semi-fabricated products'],
      production: ['Production: Primary'], consumption: 'Consumption, apparent',
      note: 'imports = crude and semi-fabricated products (scrap excluded: the world table is primary smelter output)' },
  },
  {
    slug: 'antimony', name: 'Antimony', worldCommodity: 'Antimony', stage: 'mine',
    us: { commodity: 'Antimony', nirRow: 'Antimony', importCategory: 'Total metal and oxide', importRule: 'imports',
      imports: ['Imports for consumption: Oxide', 'Imports for consumption: Unwrought, powder'],
      exports: ['Exports: Oxide', 'Exports: Unwrought, powder'], production: ['Production: Mine (recoverable antimony)'], consumption: apparent,
      note: 'the "Total metal and oxide" import sources apply to oxide + unwrought metal imports, the bulk of US antimony imports' },
  },
  {
    slug: 'arsenic', name: 'Arsenic', worldCommodity: 'Arsenic', stage: 'refined',
    us: { commodity: 'Arsenic', nirRow: 'Arsenic', importCategory: 'All forms of arsenic', importRule: 'share-only',
      imports: ['Imports for consumption: Total'], exports: ['Exports, arsenic metal'], production: [],
      consumption: 'Consumption, estimated, all forms of arsenic',
      note: 'US imports are in arsenic content, the world table in arsenic trioxide: flows carry shares only' },
  },
  {
    slug: 'barite', name: 'Barite', worldCommodity: 'Barite', stage: 'mine',
    us: { commodity: 'Barite', nirRow: 'Barite', importCategory: 'All forms', importRule: 'imports',
      imports: ['Imports: For consumption'], exports: ['Exports'], production: ['Production: Sold or used, mine'],
      consumption: 'Consumption, apparent (crude and ground)' },
  },
  {
    slug: 'beryllium', name: 'Beryllium', worldCommodity: 'Beryllium', stage: 'mine',
    us: { commodity: 'Beryllium', nirRow: 'Beryllium', importCategory: 'All forms', importRule: 'imports',
      imports: ['Imports for consumption'], exports: ['Exports'], production: ['Production, mine shipments'], consumption: 'Consumption: Apparent' },
  },
  {
    slug: 'bismuth', name: 'Bismuth', worldCommodity: 'Bismuth', stage: 'refined',
    us: { commodity: 'Bismuth', nirRow: 'Bismuth', importCategory: 'All forms', importRule: 'imports',
      imports: ['Imports for consumption, metal, alloys, and scrap: Total'], exports: ['Exports, metal, alloys, and scrap: Total'],
      production: ['Production: Refinery'], consumption: 'Consumption: Apparent' },
  },
  {
    slug: 'boron', name: 'Boron', worldCommodity: 'Boron', stage: 'mine',
    us: { commodity: 'Boron', nirRow: 'Boron', importCategory: 'All forms', importRule: 'imports',
      imports: ['Imports for consumption: Refined borax', 'Imports for consumption: Boric acid', 'Imports for consumption: Colemanite (calcium borates)', 'Imports for consumption: Ulexite (sodium borates)'],
      exports: ['Exports: Boric acid', 'Exports: Refined borax'], production: ['Production'], consumption: apparent,
      note: 'gross weight of borate products, as the world table (whose product form differs by country)' },
  },
  { slug: 'cadmium', name: 'Cadmium', seedOnly: true },
  {
    slug: 'cesium', name: 'Cesium',
    us: { commodity: 'Cesium', nirRow: 'Cesium', importCategory: null, importRule: 'imports', imports: [], exports: [], production: [], consumption: null,
      note: 'no salient table and no import sources in MCS 2026; the 2025 NIR comes from the USGS domestic-use text' },
  },
  {
    slug: 'chromium', name: 'Chromium', worldCommodity: 'Chromium', stage: 'mine',
    us: { commodity: 'Chromium', nirRow: 'Chromium', importCategory: 'Total imports', importRule: 'share-only',
      imports: ['Imports for consumption'], exports: ['Exports'], production: ['Production: Mine'],
      consumption: 'Consumption (includes recycling): Apparent',
      note: 'US trade is in chromium content, the world table in chromite gross weight: flows carry shares only' },
  },
  {
    slug: 'cobalt', name: 'Cobalt', worldCommodity: 'Cobalt', stage: 'mine',
    us: { commodity: 'Cobalt', nirRow: 'Cobalt', importCategory: 'Metal, oxide, and salts', importRule: 'imports',
      imports: ['Imports for consumption'], exports: ['Exports'], production: ['Production: Mine'],
      consumption: 'Consumption (includes secondary): Apparent' },
  },
  {
    slug: 'copper', name: 'Copper', worldCommodity: 'Copper', stage: 'refined',
    us: { commodity: 'Copper', nirRow: 'Copper', importCategory: 'Refined copper', importRule: 'imports',
      imports: ['Imports for consumption: Refined'], exports: ['Exports: Refined'],
      production: ['Production: Refinery: Primary (from ore)', 'Production: Refinery: Secondary (from scrap)'],
      consumption: 'Consumption: Apparent, primary refined copper and copper from old scrap',
      note: 'refined copper: the world table holds refinery output only (mine columns missing in the source)' },
  },
  {
    slug: 'fluorspar', name: 'Fluorspar', worldCommodity: 'Fluorspar', stage: 'mine',
    us: { commodity: 'Fluorspar', nirRow: 'Fluorspar', importCategory: 'All forms', importRule: 'imports',
      imports: ['Imports for consumption: Total fluorspar imports'], exports: ['Exports, fluorspar, all grades'],
      production: ['Production: Finished, metallurgical grade'], consumption: apparent },
  },
  {
    slug: 'gallium', name: 'Gallium', worldCommodity: 'Gallium', stage: 'refined',
    us: { commodity: 'Gallium', nirRow: 'Gallium', importCategory: 'Metal', importRule: 'imports',
      imports: ['Imports for consumption: Metal'], exports: ['Exports'], production: ['Production, primary'], consumption: 'Consumption, reported',
      note: 'NIR is a percentage of reported consumption; GaAs wafers (gross weight) are excluded' },
  },
  {
    slug: 'germanium', name: 'Germanium',
    us: { commodity: 'Germanium', nirRow: 'Germanium', importCategory: 'Combined total', importRule: 'imports',
      imports: ['Imports for consumption: Germanium metal', 'Imports for consumption: Germanium dioxide'],
      exports: ['Exports: Germanium metal', 'Exports: Germanium dioxide'], production: ['Production, refinery: Primary'],
      consumption: 'Consumption, estimated', note: 'no world production table (USGS withholds it): US import flows only' },
  },
  {
    slug: 'graphite', name: 'Graphite (natural)', worldCommodity: 'Graphite (natural)', stage: 'mine',
    us: { commodity: 'Graphite (natural)', nirRow: 'Graphite (natural)', importCategory: 'All forms', importRule: 'imports',
      imports: ['Imports for consumption'], exports: ['Exports'], production: ['Production, mine'], consumption: apparent },
  },
  {
    slug: 'hafnium', name: 'Hafnium',
    us: { commodity: 'Hafnium', nirRow: 'Hafnium', importCategory: 'Hafnium, unwrought', importRule: 'imports',
      imports: ['Imports: Hafnium, unwrought'], exports: ['Exports: Hafnium, unwrought'], production: [], consumption: null,
      note: 'no world production table; NIR not available (NA)' },
  },
  {
    slug: 'indium', name: 'Indium', worldCommodity: 'Indium', stage: 'refined',
    us: { commodity: 'Indium', nirRow: 'Indium', importCategory: 'All forms', importRule: 'imports',
      imports: ['Imports for consumption'], exports: ['Exports'], production: ['Production, refinery'], consumption: 'Consumption, estimated',
      note: 'the published import sources sum to 78%' },
  },
  { slug: 'iron', name: 'Iron', seedOnly: true },
  {
    slug: 'lead', name: 'Lead', worldCommodity: 'Lead', stage: 'mine',
    us: { commodity: 'Lead', nirRow: 'Lead', importCategory: 'Refined metal', importRule: 'imports',
      imports: ['Imports for consumption: Refined metal, unwrought'], exports: ['Exports: Refined metal, unwrought (gross weight)'],
      production: ['Production: Primary refinery', 'Production: Secondary refinery, old scrap'], consumption: 'Consumption, apparent',
      domesticExports: ['Exports: Lead in concentrates'],
      note: 'USGS gives US lead import sources for refined metal only; they start at the partner mine aggregate, the only lead producer node' },
  },
  {
    slug: 'lithium', name: 'Lithium', worldCommodity: 'Lithium', stage: 'mine',
    us: { commodity: 'Lithium', nirRow: 'Lithium', importCategory: 'All forms', importRule: 'imports',
      imports: ['Imports for consumption'], exports: ['Exports'], production: ['Production'], consumption: apparent },
  },
  {
    slug: 'magnesium', name: 'Magnesium (metal)', worldCommodity: 'Magnesium metal', stage: 'refined',
    us: { commodity: 'Magnesium metal', nirRow: 'Magnesium metal',
      importCategory: 'Combined total (includes magnesium content of alloys, metal, powder, scrap, sheet, and other)', importRule: 'imports',
      imports: ['Imports for consumption'], exports: ['Exports'], production: ['Production: Primary'], consumption: 'Consumption: Apparent' },
  },
  {
    slug: 'manganese', name: 'Manganese', worldCommodity: 'Manganese', stage: 'mine',
    us: { commodity: 'Manganese', nirRow: 'Manganese', importCategory: 'Manganese contained in principal manganese imports', importRule: 'nir-x-consumption',
      imports: [], exports: [], production: ['Production, mine'], consumption: 'Consumption, apparent, manganese content',
      note: 'US imports are published in gross weight only; net imports in Mn content = NIR x apparent consumption (Mn content)' },
  },
  {
    slug: 'molybdenum', name: 'Molybdenum', worldCommodity: 'Molybdenum', stage: 'mine', reservesInThousands: true,
    us: { commodity: 'Molybdenum', nirRow: 'Molybdenum', importCategory: 'Total', importRule: 'imports',
      imports: ['Imports for consumption: Ore and concentrates', 'Imports for consumption: Primary products'],
      exports: ['Exports: Ore and concentrates', 'Exports: Primary products'], production: ['Production, mine'], consumption: 'Consumption: Apparent' },
  },
  {
    slug: 'nickel', name: 'Nickel', worldCommodity: 'Nickel', stage: 'mine',
    us: { commodity: 'Nickel', nirRow: 'Nickel', importCategory: 'Primary nickel', importRule: 'imports',
      imports: ['Imports: Primary'], exports: ['Exports: Primary'], production: ['Production: Mine'], consumption: 'Consumption: Apparent, total',
      note: 'primary nickel imports; the NIR is a percentage of total apparent consumption (incl. scrap)' },
  },
  {
    slug: 'niobium', name: 'Niobium', worldCommodity: 'Niobium', stage: 'mine',
    us: { commodity: 'Niobium', nirRow: 'Niobium', importCategory: 'Total imports', importRule: 'imports',
      imports: ['Imports for consumption'], exports: ['Exports'], production: ['Production, mine'], consumption: 'Consumption: Apparent' },
  },
  {
    slug: 'palladium', name: 'Palladium', worldCommodity: 'Palladium', stage: 'mine',
    us: { commodity: 'Palladium', nirRow: 'Palladium', importCategory: 'Palladium', importRule: 'imports',
      imports: ['Imports for consumption: Palladium'], exports: ['Exports: Palladium'], production: ['Mine production: Palladium'],
      consumption: 'Consumption, apparent: Palladium' },
  },
  {
    slug: 'platinum', name: 'Platinum', worldCommodity: 'Platinum', stage: 'mine',
    us: { commodity: 'Platinum', nirRow: 'Platinum', importCategory: 'Platinum', importRule: 'imports',
      imports: ['Imports for consumption: Platinum'], exports: ['Exports: Platinum'], production: ['Mine production: Platinum'],
      consumption: 'Consumption, apparent: Platinum' },
  },
  { slug: 'platinum-group-metals', name: 'Platinum-group metals', worldCommodity: 'Platinum-group metals', stage: 'mine' },
  {
    slug: 'potash', name: 'Potash', worldCommodity: 'Potash', stage: 'mine',
    us: { commodity: 'Potash', nirRow: 'Potash', importCategory: 'All forms', importRule: 'imports',
      imports: ['Imports for consumption'], exports: ['Exports'], production: ['Production, marketable'], consumption: apparent },
  },
  {
    slug: 'rare-earths', name: 'Rare earths', worldCommodity: 'Rare earths', stage: 'mine',
    us: { commodity: 'Rare earths', nirRow: 'Rare earths (compounds and metals)', importCategory: 'Rare-earth compounds and metals', importRule: 'imports',
      imports: ['Imports: Compounds', 'Imports: Metals: Ferrocerium, alloys', 'Imports: Metals: Rare-earth metals and alloys'],
      exports: [], production: ['Production: Compounds and metals'], consumption: 'Consumption, apparent, compounds and metals',
      note: 'compounds and metals (the NIR series USGS headlines; mineral concentrates are a net export); US exports of compounds are lumped with ores, so exports are left null' },
  },
  {
    slug: 'rhenium', name: 'Rhenium', worldCommodity: 'Rhenium', stage: 'mine',
    us: { commodity: 'Rhenium', nirRow: 'Rhenium', importCategory: 'Total imports', importRule: 'imports',
      imports: ['Imports for consumption: Rhenium, unwrought and powders', 'Imports for consumption: Ammonium perrhenate'],
      exports: ['Exports'], production: ['Production'], consumption: apparent },
  },
  { slug: 'rhodium', name: 'Rhodium', seedOnly: true },
  {
    slug: 'scandium', name: 'Scandium',
    us: { commodity: 'Scandium', nirRow: 'Scandium', importCategory: 'All forms', importRule: 'imports',
      imports: ['Imports, scandium oxide'], exports: [], production: [], consumption: null,
      note: 'no world production table; imports in scandium oxide equivalent' },
  },
  { slug: 'selenium', name: 'Selenium', seedOnly: true },
  {
    slug: 'silver', name: 'Silver', worldCommodity: 'Silver', stage: 'mine',
    us: { commodity: 'Silver', nirRow: 'Silver', importCategory: 'All forms', importRule: 'imports',
      imports: ['Imports for consumption'], exports: ['Exports'], production: ['Production: Mine'], consumption: apparent,
      note: 'the merged import-source entry "Chile and Turkey" (5%) cannot be split: with "other" (25%) and the 5% the source does not list, it is part of the unattributed remainder' },
  },
  {
    slug: 'tantalum', name: 'Tantalum', worldCommodity: 'Tantalum', stage: 'mine',
    us: { commodity: 'Tantalum', nirRow: 'Tantalum', importCategory: 'Total', importRule: 'imports',
      imports: ['Imports for consumption'], exports: ['Exports'], production: ['Production: Mine'], consumption: 'Consumption, apparent' },
  },
  {
    slug: 'tellurium', name: 'Tellurium', worldCommodity: 'Tellurium', stage: 'refined',
    us: { commodity: 'Tellurium', nirRow: 'Tellurium', importCategory: 'All forms', importRule: 'imports',
      imports: ['Imports for consumption'], exports: ['Exports'], production: ['Production, copper telluride'], consumption: apparent },
  },
  {
    slug: 'tin', name: 'Tin', worldCommodity: 'Tin', stage: 'mine',
    us: { commodity: 'Tin', nirRow: 'Tin', importCategory: 'Refined tin', importRule: 'imports',
      imports: ['Imports for consumption: Refined'], exports: ['Exports: Refined'], production: [], consumption: 'Consumption, apparent, refined',
      note: 'refined tin imports start at the partner mine aggregate, the only tin producer node; USGS gives no US mine-production row' },
  },
  {
    slug: 'titanium', name: 'Titanium (sponge metal)', worldCommodity: 'Titanium', stage: 'refined',
    us: { commodity: 'Titanium', nirRow: 'Titanium (sponge metal)', importCategory: 'Sponge metal', importRule: 'imports',
      imports: ['Sponge metal: Imports for consumption'], exports: ['Sponge metal: Exports'], production: ['Sponge metal: Production'],
      consumption: 'Sponge metal: Consumption, apparent', note: 'sponge metal (TiO2 pigment, a net export, is not modelled)' },
  },
  {
    slug: 'tungsten', name: 'Tungsten', worldCommodity: 'Tungsten', stage: 'mine',
    us: { commodity: 'Tungsten', nirRow: 'Tungsten', importCategory: 'Ores, concentrates, and other forms', importRule: 'imports',
      imports: ['Imports for consumption: Ores and concentrates', 'Imports for consumption: Other forms'],
      exports: ['Exports: Ores and concentrates', 'Exports: Other forms'], production: ['Production: Mine'], consumption: 'Consumption: Apparent, all forms' },
  },
  {
    slug: 'vanadium', name: 'Vanadium', worldCommodity: 'Vanadium', stage: 'mine', reservesInThousands: true,
    us: { commodity: 'Vanadium', nirRow: 'Vanadium', importCategory: 'Total', importRule: 'imports',
      imports: ['Imports for consumption: Aluminum-vanadium master alloy', 'Imports for consumption: Ash and residues', 'Imports for consumption: Ferrovanadium', 'Imports for consumption: Oxides and hydroxides, other', 'Imports for consumption: Vanadium chemicals', 'Imports for consumption: Vanadium metal', 'Imports for consumption: Vanadium ores and concentrates', 'Imports for consumption: Vanadium pentoxide'],
      exports: ['Exports: Aluminum-vanadium master alloy', 'Exports: Ash and residues', 'Exports: Ferrovanadium', 'Exports: Oxides and hydroxides, other', 'Exports: Vanadium metal', 'Exports: Vanadium ores and concentrates', 'Exports: Vanadium pentoxide'],
      production: ['Production from primary ore and concentrate', 'Production from ash, residues, and spent catalysts'], consumption: 'Consumption: Apparent' },
  },
  { slug: 'yttrium', name: 'Yttrium', seedOnly: true },
  {
    slug: 'zinc', name: 'Zinc', worldCommodity: 'Zinc', stage: 'mine',
    us: { commodity: 'Zinc', nirRow: 'Zinc (refined zinc)', importCategory: 'Refined metal', importRule: 'imports',
      imports: ['Imports for consumption: Refined zinc'], exports: ['Exports: Refined zinc'], production: ['Production: Refined zinc'],
      consumption: 'Consumption, apparent, refined zinc', domesticExports: ['Exports: Ores and concentrates'],
      note: 'refined zinc (the form the US imports; ores and concentrates are a net export); refined imports start at the partner mine aggregate' },
  },
  {
    slug: 'zirconium', name: 'Zirconium', worldCommodity: 'Zirconium', stage: 'mine',
    us: { commodity: 'Zirconium', nirRow: 'Zirconium (ores and concentrates)', importCategory: 'Zirconium ores and concentrates', importRule: 'share-only',
      imports: ['Imports: Zirconium ores and concentrates (ZrO2 content)'], exports: ['Exports: Zirconium ores and concentrates (ZrO2 content)'],
      production: ['Production, zirconium ores and concentrates [zirconium oxide (ZrO2) content]'],
      consumption: 'Consumption, apparent, zirconium ores and concentrates (ZrO2 content)',
      note: 'US trade is in ZrO2 content, the world table in concentrate gross weight: flows carry shares only' },
  },
];

/** ICMM commodity words (lower case) -> our slugs. Generic PGM words map to platinum-group-metals only. */
export const ICMM_COMMODITIES: Readonly<Record<string, readonly string[]>> = {
  aluminium: ['aluminum'], antimony: ['antimony'], arsenic: ['arsenic'], aresnic: ['arsenic'],
  barium: ['barite'], beryllium: ['beryllium'], bismuth: ['bismuth'], boron: ['boron'], borates: ['boron'],
  cadmium: ['cadmium'], cadmiuum: ['cadmium'], cadimium: ['cadmium'], caesium: ['cesium'],
  chromium: ['chromium'], chromite: ['chromium'], chormite: ['chromium'], ferrochrome: ['chromium'],
  cobalt: ['cobalt'], copper: ['copper'], fluorspar: ['fluorspar'], gallium: ['gallium'], germanium: ['germanium'],
  graphite: ['graphite'], indium: ['indium'], 'iron ore': ['iron'], iron: ['iron'], lead: ['lead'],
  lithium: ['lithium'], spodumene: ['lithium'], petalite: ['lithium'], magnesium: ['magnesium'],
  manganese: ['manganese'], ferromanganese: ['manganese'], silicomanganese: ['manganese'], 'ferrosilicon manganese': ['manganese'],
  molybdenum: ['molybdenum'], ferromolybdenum: ['molybdenum'], nickel: ['nickel'], ferronickel: ['nickel'],
  niobium: ['niobium'], ferroniobium: ['niobium'], palladium: ['palladium'], platinum: ['platinum'],
  'platinum group metals': ['platinum-group-metals'], 'platinum group elements': ['platinum-group-metals'], pgm: ['platinum-group-metals'],
  iridium: ['platinum-group-metals'], ruthenium: ['platinum-group-metals'], osmium: ['platinum-group-metals'], rhodium: ['rhodium'],
  potash: ['potash'], 'potassium oxide': ['potash'], 'potassium sulfate': ['potash'],
  lanthanides: ['rare-earths'], lanthanum: ['rare-earths'], cerium: ['rare-earths'], praseodymium: ['rare-earths'],
  neodymium: ['rare-earths'], europium: ['rare-earths'], terbium: ['rare-earths'], thulium: ['rare-earths'], monazite: ['rare-earths'],
  yttrium: ['yttrium'], rhenium: ['rhenium'], scandium: ['scandium'], selenium: ['selenium'], silver: ['silver'],
  tantalum: ['tantalum'], tellurium: ['tellurium'], tin: ['tin'], titanium: ['titanium'], ilmenite: ['titanium'],
  rutile: ['titanium'], leucoxene: ['titanium'], tungsten: ['tungsten'], vanadium: ['vanadium'], zinc: ['zinc'],
  zircon: ['zirconium'], zicron: ['zirconium'],
};
