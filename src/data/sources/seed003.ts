// Seed 003 (Wang, Li & Liu 2024, 科技导报 42(24)) transcribed: table 1 (normalised market dynamics M, 2013-2022) and
// table 2 (normalised supply risk R, 2013-2021), for the minerals whose Chinese name maps to one of our slugs without
// doubt. Rows the extracted text garbles are left out, with the reason, rather than guessed.

export const SEED003_CITATION = 'Wang Zhao, Li Ying & Liu Pingping, 大国博弈背景下美国关键矿产供应链安全态势及其启示, 科技导报 2024, 42(24): 21-29 (seed 003)';

export interface Seed003Row {
  slug: string;
  /** As printed in the table's first column. */
  printed: string;
  /** Year -> value as printed (blank cells are absent). */
  values: Record<number, number>;
  /** The stage the printed form stands for, where it names one (钛(金红石): rutile, a mine-stage concentrate). */
  stage?: 'mine' | 'refined';
  /** Why our figures of that stage are not quite the seed's form, said beside every comparison. */
  caveat?: string;
}

/** 钛(金红石) is rutile: the seed's titanium rows compare with our mine stage (titanium concentrates), not sponge. */
const TITANIUM_RUTILE = {
  stage: 'mine' as const,
  caveat:
    "seed 003's 钛(金红石) is rutile; our titanium mine stage is ilmenite + rutile concentrates (TiO2 content, 2022-2023e, USGS MCS 2024), so the comparison is with that stage, not with sponge metal (refined)",
};

const row = (slug: string, printed: string, first: number, cells: Array<number | null>): Seed003Row => {
  const values: Record<number, number> = {};
  cells.forEach((v, i) => {
    if (v !== null) values[first + i] = v;
  });
  return { slug, printed, values };
};

/** Table 1 "2013—2022年各关键矿种标准化市场动态值" (eq. 2-3: 5-year CV of the annual price, min-max normalised). */
export const SEED003_TABLE1: readonly Seed003Row[] = [
  row('niobium', '铌', 2013, [0.05, 0.04, 0.04, 0.07, 0.11, 0.09, 0.07, 0.05, 0.05, 0.05]),
  row('tantalum', '钽', 2013, [0.3, 0.19, 0.09, 0.09, 0.09, 0.05, 0.07, 0.09, 0.1, 0.1]),
  row('lithium', '锂', 2013, [0.09, 0.09, 0.07, 0.05, 0.26, 0.3, 0.25, 0.21, 0.15, 0.45]),
  row('beryllium', '铍', 2013, [0.09, 0.03, 0.03, 0.03, 0.09, 0.09, 0.08, 0.06, 0.04, 0.06]),
  row('zirconium', '锆', 2013, [0.4, 0.38, 0.35, 0.36, 0.01, 0.07, 0.12, 0.11, 0.09, 0.12]),
  row('hafnium', '铪', 2013, [0.4, 0.38, 0.35, 0.36, 0.01, 0.07, 0.12, 0.11, 0.09, 0.12]),
  row('gallium', '镓', 2013, [0.11, 0.15, 0.21, 0.21, 0.21, 0.21, 0.19, 0.11, 0.09, 0.06]),
  row('germanium', '锗', 2013, [0.17, 0.16, 0.08, 0.14, 0.15, 0.15, 0.13, 0.11, 0.1, 0.1]),
  row('indium', '铟', 2013, [0.14, 0.09, 0.1, 0.16, 0.2, 0.23, 0.12, 0.04, null, null]),
  row('tellurium', '碲', 2013, [0.31, 0.35, 0.45, 0.29, 0.35, 0.32, 0.25, 0.24, 0.18, 0.07]),
  row('chromium', '铬', 2013, [0.1, 0.09, 0.08, 0.06, 0.16, 0.14, 0.14, 0.16, 0.16, 0.23]),
  row('vanadium', '钒', 2013, [0.06, 0.05, 0.12, 0.17, 0.15, 0.52, 0.47, 0.42, 0.32, 0.25]),
  { ...row('titanium', '钛(金红石)', 2013, [0.6, 0.53, 0.48, 0.54, 0.32, 0.1, 0.14, 0.15, 0.16, 0.11]), ...TITANIUM_RUTILE },
  row('magnesium', '镁', 2013, [0.04, 0.04, 0.01, 0.01, 0.0, 0.0, 0.04, 0.05, 0.15, 0.42]),
  row('nickel', '镍', 2013, [0.14, 0.12, 0.16, 0.16, 0.17, 0.16, 0.11, 0.12, 0.15, 0.2]),
  row('cobalt', '钴', 2013, [0.13, 0.14, 0.09, 0.05, 0.26, 0.36, 0.34, 0.32, 0.24, 0.25]),
  row('tin', '锡', 2013, [0.15, 0.07, 0.09, 0.07, 0.07, 0.06, 0.04, 0.05, 0.21, 0.23]),
  row('bismuth', '铋', 2013, [0.23, 0.14, 0.17, 0.16, 0.1, 0.08, 0.06, 0.11, 0.16, 0.26]),
  row('manganese', '锰', 2013, [0.18, 0.2, 0.16, 0.11, 0.09, 0.22, 0.22, 0.19, 0.14, 0.12]),
  row('aluminum', '铝', 2013, [0.09, 0.05, 0.07, 0.07, 0.07, 0.09, 0.09, 0.09, 0.12, 0.15]),
  row('zinc', '锌', 2013, [0.08, 0.04, 0.04, 0.04, 0.1, 0.12, 0.11, 0.09, 0.08, 0.14]),
  row('graphite', '天然石墨', 2013, [0.21, 0.15, 0.06, 0.04, 0.04, 0.05, 0.04, 0.04, 0.04, 0.04]),
  row('arsenic', '砷', 2013, [null, null, 0.05, 0.05, 0.03, 0.16, 0.17, 0.19, 0.13, 0.2]),
  row('barite', '重晶石', 2013, [0.26, 0.19, 0.04, 0.02, 0.03, 0.04, 0.04, 0.02, 0.03, 0.03]),
  row('platinum', '铂', 2013, [0.09, 0.06, 0.12, 0.13, 0.14, 0.13, 0.06, 0.04, 0.07, 0.07]),
];
/** Left out of table 1: the tungsten row (钨, printed once, but the text repeats 钨 where other names stood), the
 * rare-earth element rows (we have one rare-earths series) and the rows whose names are duplicated in the text. */
export const SEED003_TABLE1_OMITTED = 'tungsten and the rare-earth element rows (names garbled or duplicated in the extracted text; we have one rare-earths series)';

/** Table 2 "2013—2021年各关键矿种标准化供应风险值" (eq. 4-7). */
export const SEED003_TABLE2: readonly Seed003Row[] = [
  row('niobium', '铌', 2013, [0.56, 0.57, 0.59, 0.6, 0.57, 0.59, 0.63, 0.62, 0.61]),
  row('tantalum', '钽*', 2013, [0.16, 0.17, 0.13, 0.12, 0.16, 0.13, 0.13, 0.19, 0.18]),
  row('lithium', '锂', 2013, [0.08, 0.08, 0.08, 0.08, 0.13, 0.11, 0.1, 0.1, 0.1]),
  row('beryllium', '铍', 2013, [0.36, 0.33, 0.35, 0.3, 0.24, 0.24, 0.22, 0.22, 0.22]),
  row('zirconium', '锆*', 2013, [0.04, 0.07, 0.05, 0.06, 0.04, 0.03, 0.03, 0.03, 0.06]),
  row('gallium', '镓', 2013, [0.44, 0.68, 0.84, 0.56, 0.69, 0.71, 0.72, 0.71, 0.71]),
  row('germanium', '锗', 2013, [0.38, 0.39, 0.38, 0.37, 0.2, 0.26, 0.29, 0.29, null]),
  row('tellurium', '碲', 2013, [0.38, 0.41, 0.37, 0.32, 0.27, 0.24, 0.25, 0.24, 0.19]),
  row('chromium', '铬*', 2013, [0.1, 0.12, 0.13, 0.13, 0.14, 0.13, 0.1, 0.1, 0.13]),
  row('vanadium', '钒', 2013, [0.28, 0.28, 0.24, 0.27, 0.32, 0.34, 0.33, 0.34, 0.34]),
  { ...row('titanium', '钛(金红石)', 2013, [0.02, 0.0, 0.0, 0.1, 0.08, 0.1, 0.11, 0.13, 0.06]), ...TITANIUM_RUTILE },
  row('nickel', '镍*', 2013, [0.07, 0.08, 0.04, 0.03, 0.03, 0.04, 0.06, 0.03, 0.06]),
  row('cobalt', '钴*', 2013, [0.19, 0.19, 0.19, 0.23, 0.32, 0.36, 0.45, 0.43, 0.48]),
  row('tin', '锡*', 2013, [0.12, 0.14, 0.14, 0.15, 0.13, 0.13, 0.14, 0.19, 0.03]),
  row('indium', '铟*', 2013, [0.51, 0.47, 0.45, 0.45, 0.4, 0.38, 0.3, 0.22, 0.23]),
  row('aluminum', '铝', 2013, [0.17, 0.17, 0.19, 0.2, 0.18, 0.2, 0.2, 0.2, 0.21]),
  row('zinc', '锌', 2013, [0.09, 0.1, 0.1, 0.12, 0.11, 0.09, 0.11, 0.11, 0.12]),
  row('graphite', '天然石墨', 2013, [0.32, 0.33, 0.34, 0.35, 0.54, 0.44, 0.43, 0.43, 0.37]),
  row('arsenic', '砷*', 2013, [0.26, 0.23, 0.37, 0.37, 0.35, 0.35, 0.41, 0.42, 0.41]),
  row('barite', '重晶石*', 2013, [0.11, 0.08, 0.1, 0.11, 0.09, 0.09, 0.07, 0.12, 0.08]),
  row('platinum', '铂*', 2013, [0.32, 0.25, 0.33, 0.31, 0.34, 0.35, 0.33, 0.31, 0.36]),
  row('rare-earths', '稀土', 2013, [0.63, 0.55, 0.51, 0.48, 0.37, 0.27, 0.25, 0.23, 0.22]),
];
/** Left out of table 2: 镁* and 锰* (printed with identical values, so one of them is a copy), 铋* and the repeated
 * 钨 rows (the extracted text repeats 钨 where other names stood), 钢 (not a mineral: a garbled name). */
export const SEED003_TABLE2_OMITTED = 'magnesium and manganese (identical rows in the text), bismuth, tungsten and "钢" (garbled or repeated names)';

/** Least-squares slope per year of a year -> value series (0 for fewer than two points). */
export function slopePerYear(values: Record<number, number>): number {
  const pts = Object.entries(values).map(([y, v]) => [Number(y), v] as const);
  if (pts.length < 2) return 0;
  const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  let num = 0;
  let den = 0;
  for (const [x, y] of pts) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den > 0 ? num / den : 0;
}

export type Direction = 'rising' | 'falling' | 'flat';

/** Rising / falling when the fitted change over the span exceeds `flat` (0.02 on the 0..1 scales of seed 003). */
export function directionOf(values: Record<number, number>, flat = 0.02): Direction {
  const years = Object.keys(values).map(Number);
  if (years.length < 2) return 'flat';
  const change = slopePerYear(values) * (Math.max(...years) - Math.min(...years));
  return change > flat ? 'rising' : change < -flat ? 'falling' : 'flat';
}
