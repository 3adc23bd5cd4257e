// Seed 000 tables 1-3 transcribed: 32 entries of US/China net import reliance, HHI, main producers, reserves and
// applications (Wang Luohan & Chen Zhi, 中美战略性矿产竞争的三大热点类型分析). Strings are kept as printed; the
// parser below turns them into numbers so that a transcription slip shows up as a parse error, not a silent value.

export const SEED000_CITATION = 'Wang Luohan & Chen Zhi, 中美战略性矿产竞争的三大热点类型分析 (seed 000)';

/**
 * Data vintage of the tables. The paper builds on the RAND 2017 report and USGS data and states its most recent
 * figure as 2017 ("2017 年，其进口的 83% 来自中国"; potash reserves "/2017"); reserves carry their own year.
 */
export const SEED000_YEAR = 2017;

/** The nine table-1 materials for which the paper's section 2 names China as the main US import source. */
export const SEED000_US_MAIN_SOURCE_CHINA = ['锑', '铋', '精炼钴', '低纯镓', '锗', '铟', '碲', '钇', '稀土'] as const;

export interface Seed000Row {
  table: 1 | 2 | 3;
  /** Entry as printed (Chinese). */
  entry: string;
  entryEn: string;
  /** Our mineral slug. */
  mineral: string;
  /** Table 1: US NIR; table 2: China NIR; table 3: China NIR then US NIR, as printed. */
  usNir?: string;
  chinaNir?: string;
  hhi: string;
  producers: string;
  usReserves: string;
  chinaReserves: string;
  applications: string;
  applicationsEn: string[];
  /** The paper's footnote for starred rows. */
  note?: string;
}

// Table 1 (US highly import-dependent), 13 rows incl. the continuation (续表) printed after section 3.
// Table 2 (China highly import-dependent), 8 rows incl. its continuation. Table 3 (both), 11 rows.
export const SEED000_ROWS: readonly Seed000Row[] = [
  { table: 1, entry: '稀土', entryEn: 'rare earths', mineral: 'rare-earths', usNir: '0.68', hhi: '7 142', producers: '中国（0.83）', usReserves: '180/2015', chinaReserves: '5 500/2015', applications: '航空航天制导、激光、光纤', applicationsEn: ['aerospace guidance', 'lasers', 'optical fibre'] },
  { table: 1, entry: '锡', entryEn: 'tin', mineral: 'tin', usNir: '0.74', hhi: '2 705', producers: '中国、印度尼西亚、马来西亚、秘鲁、玻利维亚', usReserves: '—', chinaReserves: '150/2015', applications: '焊料、平板显示器（氧化铟锡）', applicationsEn: ['solder', 'flat-panel displays (indium tin oxide)'] },
  { table: 1, entry: '银', entryEn: 'silver', mineral: 'silver', usNir: '0.63', hhi: '1 036', producers: '墨西哥、加拿大、秘鲁、韩国', usReserves: '2.5/2015', chinaReserves: '4.3/2015', applications: '催化剂、摄影业、电子工业', applicationsEn: ['catalysts', 'photography', 'electronics'] },
  { table: 1, entry: '锗', entryEn: 'germanium', mineral: 'germanium', usNir: '0.84', hhi: '5 329', producers: '中国（0.71）', usReserves: '0.387/2013', chinaReserves: '0.35/2014', applications: '红外设备、光纤', applicationsEn: ['infrared equipment', 'optical fibre'] },
  { table: 1, entry: '钾盐', entryEn: 'potash', mineral: 'potash', usNir: '0.85', hhi: '1 605', producers: '加拿大、俄罗斯、白俄罗斯、以色列', usReserves: '13 000/2017', chinaReserves: '21 000/2017', applications: '农业肥料', applicationsEn: ['agricultural fertiliser'] },
  { table: 1, entry: '碲', entryEn: 'tellurium', mineral: 'tellurium', usNir: '0.9', hhi: '1 097', producers: '加拿大、中国、德国', usReserves: '0.35/2015', chinaReserves: '1.4/2015', applications: '红外设备（夜视）、太阳能电池', applicationsEn: ['infrared equipment (night vision)', 'solar cells'] },
  { table: 1, entry: '钇', entryEn: 'yttrium', mineral: 'yttrium', usNir: '0.97', hhi: '7 997', producers: '中国', usReserves: '', chinaReserves: '', applications: '特种玻璃和合金', applicationsEn: ['special glass and alloys'], note: '* 钇的中美储量数据缺失。(US and China reserves of yttrium missing.)' },
  { table: 1, entry: '铟', entryEn: 'indium', mineral: 'indium', usNir: '1', hhi: '3 300', producers: '中国', usReserves: '0.028/2014', chinaReserves: '0.8/2014', applications: '半导体、液晶显示器与平板屏幕', applicationsEn: ['semiconductors', 'liquid-crystal displays and flat screens'] },
  { table: 1, entry: '铋', entryEn: 'bismuth', mineral: 'bismuth', usNir: '1', hhi: '8 060', producers: '中国', usReserves: '0.5/2015', chinaReserves: '24/2015', applications: '消防装置、自动喷水器、锅炉的安全塞', applicationsEn: ['fire-protection devices', 'automatic sprinklers', 'boiler safety plugs'] },
  { table: 1, entry: '精炼钴', entryEn: 'refined cobalt', mineral: 'cobalt', usNir: '1', hhi: '2 176', producers: '中国', usReserves: '3.6/2015', chinaReserves: '8/2015', applications: '喷气发动机（超级合金）、可充电电池', applicationsEn: ['jet engines (superalloys)', 'rechargeable batteries'] },
  { table: 1, entry: '低纯镓', entryEn: 'low-purity gallium', mineral: 'gallium', usNir: '1', hhi: '7 105', producers: '中国（0.93）', usReserves: '0', chinaReserves: '13.66/2015', applications: '红外设备、光纤', applicationsEn: ['infrared equipment', 'optical fibre'] },
  { table: 1, entry: '锑', entryEn: 'antimony', mineral: 'antimony', usNir: '1', hhi: '6 071', producers: '中国（0.58）', usReserves: '0', chinaReserves: '95/2015', applications: '铅酸电池', applicationsEn: ['lead-acid batteries'] },
  { table: 1, entry: '锌', entryEn: 'zinc', mineral: 'zinc', usNir: '0.81', hhi: '2 053', producers: '加拿大、墨西哥、秘鲁、澳大利亚', usReserves: '11/2015', chinaReserves: '44/2015', applications: '喷气发动机中的热障涂层、核应用', applicationsEn: ['thermal barrier coatings in jet engines', 'nuclear applications'] },

  { table: 2, entry: '镉', entryEn: 'cadmium', mineral: 'cadmium', chinaNir: '0.58', hhi: '1 630', producers: '加拿大、澳大利亚、中国、比利时', usReserves: '3.2/2015', chinaReserves: '9.2/2015', applications: '镍镉电池', applicationsEn: ['nickel-cadmium batteries'] },
  { table: 2, entry: '铁', entryEn: 'iron', mineral: 'iron', chinaNir: '0.6', hhi: '1 833', producers: '加拿大、巴西、韩国', usReserves: '4.7/2015', chinaReserves: '39/2015', applications: '—', applicationsEn: [] },
  { table: 2, entry: '铜', entryEn: 'copper', mineral: 'copper', chinaNir: '0.6', hhi: '1 311', producers: '智利、加拿大、墨西哥', usReserves: '1 260/2015', chinaReserves: '1710/2015', applications: '—', applicationsEn: [] },
  { table: 2, entry: '高纯镓', entryEn: 'high-purity gallium', mineral: 'gallium', chinaNir: '0.65', hhi: '2 344', producers: '加拿大、巴西、墨西哥', usReserves: '—', chinaReserves: '—', applications: '可充电电池，防弹衣', applicationsEn: ['rechargeable batteries', 'body armour'], note: '说明：* 高纯镓（GaH）中美储量缺失数据。(US and China reserves of high-purity gallium missing.)' },
  { table: 2, entry: '铍', entryEn: 'beryllium', mineral: 'beryllium', chinaNir: '0.69', hhi: '8 432', producers: '美国（0.89）', usReserves: '6/2015', chinaReserves: '0.002/2015', applications: '卫星通信，航空航天', applicationsEn: ['satellite communications', 'aerospace'] },
  { table: 2, entry: '硼', entryEn: 'boron', mineral: 'boron', chinaNir: '0.74', hhi: '2 144', producers: '土耳其、美国、阿根廷', usReserves: '40/2015', chinaReserves: '24/2015', applications: '玻璃、陶瓷、洗涤剂、农用化肥', applicationsEn: ['glass', 'ceramics', 'detergents', 'agricultural fertiliser'] },
  { table: 2, entry: '硒', entryEn: 'selenium', mineral: 'selenium', chinaNir: '0.8', hhi: '2 385', producers: '马来西亚', usReserves: '1/2015', chinaReserves: '2.6/2015', applications: '电解阳极泥', applicationsEn: ['electrolytic anode slime (source, as printed)'] },
  { table: 2, entry: '钴', entryEn: 'cobalt', mineral: 'cobalt', chinaNir: '0.89', hhi: '2 709', producers: '刚果（0.54）', usReserves: '3.8/2015', chinaReserves: '8/2015', applications: '喷气发动机（超级合金）、可充电电池', applicationsEn: ['jet engines (superalloys)', 'rechargeable batteries'] },

  { table: 3, entry: '钛', entryEn: 'titanium', mineral: 'titanium', chinaNir: '0.56', usNir: '0.92', hhi: '992', producers: '日本、哈萨克斯坦、乌克兰、中国', usReserves: '0.2/2015', chinaReserves: '23/2015', applications: '喷气发动机（超合金）和机身（钛合金）装甲', applicationsEn: ['jet engines (superalloys) and airframes (titanium alloys)', 'armour'] },
  { table: 3, entry: '锰', entryEn: 'manganese', mineral: 'manganese', chinaNir: '0.65', usNir: '1.00', hhi: '1 775', producers: '南非、加蓬、澳大利亚、格鲁吉亚', usReserves: '—', chinaReserves: '5400/2015', applications: '铝和钢的生产、轻质合金', applicationsEn: ['aluminium and steel production', 'lightweight alloys'] },
  { table: 3, entry: '钽', entryEn: 'tantalum', mineral: 'tantalum', chinaNir: '0.91', usNir: '1.00', hhi: '3 014', producers: '巴西、卢旺达、澳大利亚、刚果（金）', usReserves: '—', chinaReserves: '—', applications: '手机、喷气发动机（超合金）中的电容器', applicationsEn: ['capacitors in mobile phones and jet engines (superalloys)'], note: '* 钽（Ta）的中美储量数据缺失。(US and China reserves of tantalum missing.)' },
  { table: 3, entry: '铬', entryEn: 'chromium', mineral: 'chromium', chinaNir: '0.98', usNir: '1.00', hhi: '2 585', producers: '南非、哈萨克斯坦、俄罗斯', usReserves: '62/2015', chinaReserves: '—', applications: '喷气发动机（超合金）、不锈钢', applicationsEn: ['jet engines (superalloys)', 'stainless steel'] },
  { table: 3, entry: '铼', entryEn: 'rhenium', mineral: 'rhenium', chinaNir: '0.53', usNir: '0.75', hhi: '3 465', producers: '智利（0.55）', usReserves: '400/2015', chinaReserves: '—', applications: '喷气发动机', applicationsEn: ['jet engines'] },
  { table: 3, entry: '铑', entryEn: 'rhodium', mineral: 'rhodium', chinaNir: '0.95', usNir: '0.74', hhi: '5 678', producers: '南非、俄罗斯、加拿大', usReserves: '—', chinaReserves: '—', applications: '喷气发动机（超合金）、催化剂', applicationsEn: ['jet engines (superalloys)', 'catalysts'] },
  { table: 3, entry: '铌', entryEn: 'niobium', mineral: 'niobium', chinaNir: '1.00', usNir: '1.00', hhi: '8 256', producers: '巴西（0.91）、加拿大', usReserves: '18/2015', chinaReserves: '—', applications: '用于国防和基础设施的高强度钢', applicationsEn: ['high-strength steel for defence and infrastructure'] },
  { table: 3, entry: '铂', entryEn: 'platinum', mineral: 'platinum', chinaNir: '0.78', usNir: '0.66', hhi: '4 469', producers: '南非（0.51）', usReserves: '900/2015', chinaReserves: '—', applications: '用于喷气发动机的催化剂、高温合金', applicationsEn: ['catalysts', 'superalloys for jet engines'] },
  { table: 3, entry: '钯', entryEn: 'palladium', mineral: 'palladium', chinaNir: '0.84', usNir: '0.62', hhi: '2 963', producers: '俄罗斯、南非、加拿大', usReserves: '—', chinaReserves: '—', applications: '航天航空、航海、兵器、核能等、汽车制造', applicationsEn: ['aerospace', 'marine', 'ordnance', 'nuclear energy', 'automobile manufacturing'] },
  { table: 3, entry: '锂', entryEn: 'lithium', mineral: 'lithium', chinaNir: '0.83', usNir: '0.50', hhi: '3 000', producers: '阿根廷、智利、中国、俄罗斯', usReserves: '3.8/2014', chinaReserves: '350/2014', applications: '可充电电池、航空航天用铝锂合金', applicationsEn: ['rechargeable batteries', 'aluminium-lithium alloys for aerospace'] },
  { table: 3, entry: '锆', entryEn: 'zirconium', mineral: 'zirconium', chinaNir: '0.84', usNir: '0.50', hhi: '2 860', producers: '南非（0.83）和澳大利亚', usReserves: '0.5/2015', chinaReserves: '0.5/2015', applications: '喷气发动机中的热障涂层、核应用', applicationsEn: ['thermal barrier coatings in jet engines', 'nuclear applications'] },
];

/** Country names of the producer column -> ISO3. "刚果" alone (cobalt) is the DRC, the cobalt producer with 0.54. */
export const SEED000_COUNTRIES: Readonly<Record<string, string>> = {
  中国: 'CHN', 印度尼西亚: 'IDN', 马来西亚: 'MYS', 秘鲁: 'PER', 玻利维亚: 'BOL', 墨西哥: 'MEX', 加拿大: 'CAN',
  韩国: 'KOR', 俄罗斯: 'RUS', 白俄罗斯: 'BLR', 以色列: 'ISR', 德国: 'DEU', 澳大利亚: 'AUS', 比利时: 'BEL',
  巴西: 'BRA', 智利: 'CHL', 美国: 'USA', 土耳其: 'TUR', 阿根廷: 'ARG', 刚果: 'COD', '刚果（金）': 'COD',
  日本: 'JPN', 哈萨克斯坦: 'KAZ', 乌克兰: 'UKR', 南非: 'ZAF', 加蓬: 'GAB', 格鲁吉亚: 'GEO', 卢旺达: 'RWA',
};
