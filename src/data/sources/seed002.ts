// Seed 002 table 2 transcribed: 2022 shares of the top three processing (refining) countries for five minerals,
// which the paper takes from the IEA. The build uses them to allocate mine output to refining countries.

export const SEED002_CITATION =
  'Song Guoyou & Li Wenbo, 中美关键矿产竞争及其影响 (seed 002), Table 2 "2022 年特定矿物加工中前三大生产国的份额", citing IEA (2023), Critical Minerals Market Review 2023';
export const SEED002_YEAR = 2022;

export interface ProcessingShare {
  iso3: string;
  /** As printed, e.g. "印度尼西亚(54%)". */
  printed: string;
  share: number;
}

/** Mineral slug -> processing countries in the paper's order. Graphite's 2nd and 3rd columns read "无" (none). */
export const SEED002_PROCESSING: Readonly<Record<string, readonly ProcessingShare[]>> = {
  nickel: [
    { iso3: 'IDN', printed: '印度尼西亚(54%)', share: 0.54 },
    { iso3: 'CHN', printed: '中国(17%)', share: 0.17 },
    { iso3: 'RUS', printed: '俄罗斯(5%)', share: 0.05 },
  ],
  cobalt: [
    { iso3: 'CHN', printed: '中国(74%)', share: 0.74 },
    { iso3: 'FIN', printed: '芬兰(10%)', share: 0.1 },
    { iso3: 'CAN', printed: '加拿大(4%)', share: 0.04 },
  ],
  lithium: [
    { iso3: 'CHN', printed: '中国(65%)', share: 0.65 },
    { iso3: 'CHL', printed: '智利(29%)', share: 0.29 },
    { iso3: 'ARG', printed: '阿根廷(5%)', share: 0.05 },
  ],
  graphite: [{ iso3: 'CHN', printed: '中国(100%)', share: 1 }],
  'rare-earths': [
    { iso3: 'CHN', printed: '中国(90%)', share: 0.9 },
    { iso3: 'MYS', printed: '马来西亚(9%)', share: 0.09 },
    { iso3: 'EST', printed: '爱沙尼亚(1%)', share: 0.01 },
  ],
};
