// Plausible ranges of estimated inputs (issue 13, item 3): each estimate rule of the dataset maps to a range around
// its point value, and this table says which and why. The data build writes the range onto every estimated flow
// (`range`, `rangeRule`); the analyses read it there, and classify flows that lack one (a user's import) here.
// Ranges are multipliers of the point tonnes unless stated; `conserve` says what a Monte-Carlo draw must keep fixed.

/** How a Monte-Carlo draw treats a flow of the class (analysis/uncertainty.ts). */
export type RangeMode =
  /** Drawn uniformly in [low, high], independently of every other flow. */
  | 'independent'
  /** Drawn uniformly in [low, high], then the source's flows of the class are rescaled to their point sum. */
  | 'conserve-source'
  /** What is left of the source's point output after its other (drawn) out-flows, floored at 0. */
  | 'residual';

export interface RangeRule {
  /** Short key written on the records (`rangeRule`). */
  key: string;
  /** Matches the flow's `rule` text. */
  test: RegExp;
  /** Multipliers of the point value; `n` (the N of an equal split) is read from the rule text. */
  range: (rule: string) => [number, number];
  mode: RangeMode;
  /** Why this range: said once here, in graph/data/README.md and README. */
  why: string;
}

const equalSplitN = (rule: string): number => Number(/N = (\d+)/.exec(rule)?.[1] ?? '1');

export const RANGE_RULES: readonly RangeRule[] = [
  {
    key: 'equal-split',
    test: /^equal split of the USGS country figure across the N = \d+/,
    range: (rule) => [0, equalSplitN(rule)],
    mode: 'independent',
    why: 'ICMM publishes no capacities: a facility may hold anything from none to all of its country figure (N x its equal share); drawn independently, the country aggregate keeps its published total because it passes on the fraction of its (drawn) inputs that arrives',
  },
  {
    key: 'processing-share-2022',
    test: /2022 processing shares/,
    range: () => [0.75, 1.25],
    mode: 'conserve-source',
    why: 'seed 002 (IEA) 2022 processing shares carried to later output: +-25% for the shares moving between 2022 and the year shown; the mine output they allocate is published, so each draw keeps it',
  },
  {
    key: 'row-residual',
    test: /^rest of world = /,
    range: () => [0, Infinity],
    mode: 'residual',
    why: 'rest of world is what a producer does not send the United States: it moves with the drawn US flows so the published output is kept',
  },
  {
    key: 'us-domestic-supply',
    test: /^US domestic supply = /,
    range: () => [0.9, 1.1],
    mode: 'independent',
    why: 'production minus exports leaves out stock changes and unreported trade: +-10%',
  },
  {
    key: 'shared-hs-code',
    test: /shared (HS|trade) code|HS code (is )?shared|several minerals share/i,
    range: () => [0.5, 1.5],
    mode: 'independent',
    why: 'a trade code shared with other goods: the mineral may be half to one and a half times the share assigned to it',
  },
  {
    key: 'truncated-extract',
    test: /truncat/i,
    range: () => [1, 2],
    mode: 'independent',
    why: 'a truncated extract misses rows: the figure is at least what the extract holds, up to twice it',
  },
  {
    key: 'import-share-period',
    test: /share of US imports|US imports from unnamed partners|as intermediary \(trader\/processor\) of US imports/,
    range: () => [0.75, 1.25],
    mode: 'independent',
    why: 'USGS import sources are 4-year averages (2021-24) in whole percent, applied to one year: +-25%',
  },
];

/** Any other estimate: +-25% (stated, not measured). */
export const DEFAULT_RANGE_RULE: RangeRule = {
  key: 'unclassified-estimate',
  test: /.*/,
  range: () => [0.75, 1.25],
  mode: 'independent',
  why: 'an estimate whose rule no entry of this table names: +-25%',
};

/** The range rule of an estimated record's `rule` text (DEFAULT_RANGE_RULE when none matches). */
export function rangeRuleOf(rule: string | undefined): RangeRule {
  return RANGE_RULES.find((r) => rule !== undefined && r.test.test(rule)) ?? DEFAULT_RANGE_RULE;
}

export function rangeRuleByKey(key: string | undefined): RangeRule | undefined {
  return key === undefined ? undefined : [...RANGE_RULES, DEFAULT_RANGE_RULE].find((r) => r.key === key);
}

/**
 * The tonnes range of an estimated figure with point value `tonnes` under `rule` ([0, null] for a residual, whose
 * bound is its source's output). Published figures have none.
 */
export function tonnesRange(tonnes: number, rule: string | undefined): { range: [number, number | null]; rangeRule: string } {
  const r = rangeRuleOf(rule);
  const [low, high] = r.range(rule ?? '');
  return { range: [tonnes * low, Number.isFinite(high) ? tonnes * high : null], rangeRule: r.key };
}

/**
 * Range of a censored net import reliance as published (">25" -> [0.25, 1], "<25" -> [0, 0.25], ">95" -> [0.95, 1]),
 * or of an exact one ([v, v]); null when the raw text carries no number.
 */
export function nirRange(raw: string | undefined, nir: number | null): [number, number] | null {
  const m = /^\s*([<>])\s*(\d+(?:\.\d+)?)/.exec(raw ?? '');
  if (m) {
    const v = Number(m[2]) / 100;
    return m[1] === '>' ? [v, 1] : [0, v];
  }
  return nir === null ? null : [nir, nir];
}
