// By-product coupling as data (issue 13, item 2): which host metal each companion ("by-product") metal is recovered
// from, and the share of the companion's primary production that comes with that host. The build turns each entry
// into a BY_PRODUCT_OF link companion -> host (src/data/build/by-products.ts); impact propagates a host's loss to its
// companions through these links (src/analysis/by-products.ts). Hosts and companions are mineral slugs: when a new
// stage (bauxite, alumina) arrives as a mineral of its own, an entry naming it plugs in without code changes.
//
// THE GAP, stated once: the figures this layer is meant to carry are Nassar, Graedel & Harper (2015), "By-product
// metals are technologically essential but have problematic supply", Science Advances 1(3) e1400180, Fig. 2 ("the
// wheel of metal companionality": the percentage of each companion's primary production that originates with each
// host) and its supplementary Table S1. Neither the figure's values nor the table is in the text this project could
// search (only the article's introduction and figure captions were), so no number from it is transcribed here.
// Instead each share is a RANGE read from a qualitative statement in a source that was read ("most important
// source", "small amount", "predominantly"), by the rule below, with the midpoint as the point value; every entry is
// `estimated: true` with that rule, and the range travels into the impact's uncertainty (shareLostRange). Replace an
// entry's `shareRange` with Nassar et al.'s figure (and drop `estimated`) once it is transcribed from the paper.
//
// The rule (QUALITATIVE_SHARE_RULE): "most important / predominant / dominant / mainly / primarily" source -> the host
// yields more than half of the companion: [0.5, 1]; "small amount / lesser extent / remainder" -> less than half:
// [0, 0.5]; point value = midpoint (a uniform reading of the words, not a measurement).

export const QUALITATIVE_SHARE_RULE =
  'qualitative-share: "most important/predominantly/mainly" -> [0.5, 1], "small amount/lesser extent" -> [0, 0.5]; point = midpoint (figure not transcribed from Nassar et al. 2015)';

export const NASSAR_2015 =
  'Nassar, Graedel & Harper (2015), "By-product metals are technologically essential but have problematic supply", Science Advances 1(3) e1400180, Fig. 2 and Table S1 (companionality framework; per-pair figures not transcribed, see src/data/sources/by-products.ts)';

export interface ByProductEntry {
  /** Companion (by-product) mineral slug. */
  companion: string;
  /** Host mineral slug whose processing yields the companion. */
  host: string;
  /** Plausible share of the companion's world primary production recovered with this host, from the statement. */
  shareRange: readonly [number, number];
  /** The statement the range is read from, quoted as short as it carries the meaning. */
  statement: string;
  /** The document the statement is in (author, year, title, venue, and the part). */
  source: string;
  /** The year the statement's figures describe (the document's data vintage). */
  year: number;
}

const MOST: readonly [number, number] = [0.5, 1];
const LESS: readonly [number, number] = [0, 0.5];

/** One statement covers both tellurium and selenium from copper. */
const COPPER_ANODE_SLIMES = {
  shareRange: MOST,
  statement: 'tellurium and selenium are among the elements "already predominantly produced as by-products from copper anode slimes"',
  source:
    'McNulty, Jowitt & Belousov (2022), "The importance of geology in assessing by- and coproduct metal supply potential; a case study of antimony, bismuth, selenium, and tellurium within the copper production stream", Economic Geology 117(6), 1367-1385, abstract',
  year: 2020,
} as const;

export const BY_PRODUCTS: readonly ByProductEntry[] = [
  {
    companion: 'gallium',
    host: 'aluminum',
    shareRange: MOST,
    statement:
      'primary gallium is "obtained as a by-product during the refining process of other metals, specifically during the production of alumina from bauxite or through zinc residue processing"; "bauxite is the most important primary source of gallium"',
    source:
      'Mining Europe News (2023-11), "Nyrstar to explore for germanium and gallium while zinc mines shut", https://miningeurope.news/nyrstar-to-explore-for-germanium-and-gallium-while-zinc-mines-shut/ (alumina is refined from bauxite on the way to aluminium: our aluminum is the refined stage)',
    year: 2022,
  },
  {
    companion: 'gallium',
    host: 'zinc',
    shareRange: LESS,
    statement: '"a small amount of gallium is produced as a by-product of zinc extraction from sphalerite ores"',
    source:
      'Mining Europe News (2023-11), "Nyrstar to explore for germanium and gallium while zinc mines shut", https://miningeurope.news/nyrstar-to-explore-for-germanium-and-gallium-while-zinc-mines-shut/; also Butcher & Brown (2014), "Gallium", in Gunn (ed.), Critical Metals Handbook, Wiley, pp. 150-176 (abstract: "to a much lesser extent, from the smelting and refining of zinc")',
    year: 2022,
  },
  {
    companion: 'germanium',
    host: 'zinc',
    shareRange: MOST,
    statement:
      '"the most significant commercial source of germanium is zinc ore processing ... the dominant method of germanium production worldwide" (coal fly ash the other primary source)',
    source:
      '"On the geological availability of germanium" (Frenzel et al., abstract: recoverable Ge lies in sulphidic zinc ores and coal); the share statement from SOT, "Get germanium", https://sot.com.sg/get-germanium',
    year: 2024,
  },
  {
    companion: 'indium',
    host: 'zinc',
    shareRange: MOST,
    statement: '"Indium is an important by-product of zinc metal processing operations"; primary indium "is mainly extracted from zinc blende"',
    source:
      'Alfantazi & Moskalyk (2003), "Processing of indium: a review", Minerals Engineering 16, 687-694 (abstract); the "mainly extracted from zinc blende" statement from Firmetal, "Indium sources", https://firmetal.com/blog/blog-show93.html',
    year: 2013,
  },
  {
    companion: 'cobalt',
    host: 'copper',
    shareRange: MOST,
    statement:
      '"Cobalt is dominantly extracted as a by-product of copper and nickel"; the DRC produced 71% of world cobalt in 2021 from "sediment-hosted stratiform Cu-Co deposits"',
    source:
      'Technology Metals (teaching site), "Cobalt extraction", https://sites.google.com/view/technologymetals/technology-metals/cobalt/co-extraction, citing Cobalt Institute (2023), Cobalt Market Report 2022, and BGS World Mineral Production',
    year: 2021,
  },
  {
    companion: 'cobalt',
    host: 'nickel',
    shareRange: LESS,
    statement:
      'the rest of mined cobalt comes from "magmatic Ni-Cu-Co sulfide deposits" (Russia, Canada) and "Ni-Co laterite deposits" (Cuba, Australia, Indonesia): less than the DRC\'s copper-cobalt share',
    source:
      'Technology Metals (teaching site), "Cobalt extraction", https://sites.google.com/view/technologymetals/technology-metals/cobalt/co-extraction, citing Cobalt Institute (2023) and BGS World Mineral Production',
    year: 2021,
  },
  {
    companion: 'tellurium',
    host: 'copper',
    ...COPPER_ANODE_SLIMES,
  },
  {
    companion: 'selenium',
    host: 'copper',
    ...COPPER_ANODE_SLIMES,
  },
  {
    companion: 'rhenium',
    host: 'molybdenum',
    shareRange: MOST,
    statement:
      'rhenium "is primarily captured as a by-product during the processing of copper and molybdenum"; it is recovered when "roasting of the molybdenite concentrates" (from porphyry copper-molybdenum ore) sends it up the flue',
    source:
      'Brainard (2023), "The availability of primary rhenium as a by-product of copper and molybdenum mining", Mineral Economics 36(3), 445-461, abstract; Polyak, USGS 2014 Minerals Yearbook, Rhenium, "Production"',
    year: 2014,
  },
];
