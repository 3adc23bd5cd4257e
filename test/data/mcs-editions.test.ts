// The MCS 2022-2024 editions reader on the real long table: figures in metric tons, the revision rule (latest
// edition wins), units that differ between editions, the upstream series, and clear errors for bad cells.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSharedDataDir } from '../../src/data/index.ts';
import { loadCountries, type CountryIndex } from '../../src/data/build/countries.ts';
import {
  figuresOfRows,
  latestEditionFigures,
  MCS_EDITIONS_FILE,
  readMcsEditions,
  resolveMcsCountry,
  type McsEditionFigure,
} from '../../src/data/sources/usgs-mcs-editions.ts';

const shared = defaultSharedDataDir();
const hasShared = existsSync(join(shared, MCS_EDITIONS_FILE));

describe.skipIf(!hasShared)(`MCS 2022-2024 editions (${MCS_EDITIONS_FILE}; skipped when absent)`, () => {
  let countries: CountryIndex;
  let all: McsEditionFigure[];
  let latest: McsEditionFigure[];
  const pick = (series: string, country: string, year: number) =>
    latest.find((f) => f.series === series && f.country === country && f.year === year && f.measure === 'production');

  beforeAll(async () => {
    countries = await loadCountries(shared);
    all = await readMcsEditions(shared, countries.resolve);
    latest = latestEditionFigures(all);
  });

  it("gives the DRC's 2021 cobalt mine output from MCS 2023 (119,000 of 165,000 t, 72.1%), not MCS 2022's 2021e estimate", () => {
    const drc = pick('cobalt', 'COD', 2021)!;
    const world = pick('cobalt', 'WORLD', 2021)!;
    expect(drc).toMatchObject({ tonnes: 119000, edition: 2023, estimated: false });
    expect(drc.source).toContain('Mineral Commodity Summaries 2023');
    expect(drc.source).toContain('mcs2023-cobal_world.csv');
    expect(world.tonnes).toBe(165000);
    expect(drc.tonnes! / world.tonnes!).toBeCloseTo(0.7212, 4);
    // The older edition's 2021 estimate exists in the unrevised list and is superseded.
    const older = all.find((f) => f.series === 'cobalt' && f.country === 'COD' && f.year === 2021 && f.edition === 2022)!;
    expect(older).toMatchObject({ tonnes: 120000, estimated: true });
  });

  it('flags the edition-year estimate (2023e) and keeps 2020 only where MCS 2022 has the commodity', () => {
    expect(pick('cobalt', 'COD', 2023)).toMatchObject({ tonnes: 170000, edition: 2024, estimated: true });
    expect(pick('cobalt', 'COD', 2023)!.rule).toMatch(/2023e/);
    expect(pick('cobalt', 'COD', 2020)).toMatchObject({ tonnes: 98000, edition: 2022, estimated: false });
    expect(pick('niobium', 'BRA', 2020)).toBeUndefined();
    expect(pick('niobium', 'BRA', 2021)!.edition).toBe(2023);
  });

  it('normalises units to metric tons: kt (copper), kg (gallium), and the MCS 2023 chromite header corrected to kt', () => {
    expect(pick('copper-mine', 'CHL', 2020)).toMatchObject({ tonnes: 5730000, raw: '5730 kt' });
    const chinaGallium = pick('gallium', 'CHN', 2022)!;
    expect(chinaGallium.tonnes).toBeGreaterThan(300);
    expect(chinaGallium.tonnes).toBeLessThan(1000);
    const za2021 = pick('chromium', 'ZAF', 2021)!;
    const za2022 = pick('chromium', 'ZAF', 2022)!;
    expect(za2021.tonnes).toBe(18600000);
    expect(za2021.notes).toMatch(/unit read as kt/);
    expect(za2022.tonnes).toBe(19100000);
  });

  it('between editions the same (series, country, year) never differs by a factor of 1,000 (a unit slip)', () => {
    const byKey = new Map<string, McsEditionFigure[]>();
    for (const f of all) {
      if (f.measure !== 'production' || !f.tonnes) continue;
      const k = `${f.series}|${f.country}|${f.year}`;
      byKey.set(k, [...(byKey.get(k) ?? []), f]);
    }
    const slips: string[] = [];
    for (const [k, list] of byKey) {
      for (const a of list) for (const b of list) if (a.tonnes! / b.tonnes! > 300) slips.push(`${k} ${a.edition}/${b.edition}`);
    }
    expect(slips).toEqual([]);
  });

  it('covers the upstream stages: copper mine output, bauxite, alumina, ilmenite and rutile, 2021-2023 at least', () => {
    for (const series of ['copper-mine', 'bauxite', 'alumina', 'ilmenite', 'rutile']) {
      const years = new Set(latest.filter((f) => f.series === series && f.measure === 'production').map((f) => f.year));
      for (const y of [2021, 2022, 2023]) expect(years.has(y), `${series} ${y}`).toBe(true);
    }
    expect(pick('bauxite', 'GIN', 2022)!.tonnes).toBeGreaterThan(50e6);
    expect(pick('alumina', 'CHN', 2022)!.tonnes).toBeGreaterThan(50e6);
    expect(pick('ilmenite', 'USA', 2021)!.basis).toMatch(/Ilmenite and rutile/);
    expect(pick('rutile', 'USA', 2022)).toMatchObject({ tonnes: null });
  });

  it('every catalogued figure resolves to ISO3, WORLD or OTH, with the country name as published', () => {
    for (const f of all) expect(f.country).toMatch(/^([A-Z]{3}|WORLD)$/);
    expect(pick('palladium', 'RUS', 2023)!.countryName).toBe('Russiae');
    expect(pick('palladium', 'RUS', 2023)!.estimated).toBe(true);
  });

  it('resolves qualified names (Argentina, crude ore; Congo (Kinshasa); Korea, Republic ofe) and refuses unknown ones', () => {
    const r = countries.resolve;
    expect(resolveMcsCountry('Argentina, crude ore', r, 'test').iso3).toBe('ARG');
    expect(resolveMcsCountry('Congo (Kinshasa)', r, 'test').iso3).toBe('COD');
    expect(resolveMcsCountry('Korea, Republic ofe', r, 'test')).toEqual({ iso3: 'KOR', markedEstimated: true });
    expect(resolveMcsCountry('World total (rounded), excluding U.S. production', r, 'test').iso3).toBe('WORLD');
    expect(() => resolveMcsCountry('Atlantis', r, 'the test row')).toThrow(/Atlantis.*the test row/);
  });

  it('a cell in an unknown unit names the line and the fix', () => {
    const row = {
      edition: 'MCS2023', commodity_file: 'cobal', country: 'Cuba', country_clean: 'Cuba', type: 'Mine production', measure: 'production',
      qualifier: '', year: '2021', estimated: 'N', unit_token: 'kct', unit: 'thousand carats', value_raw: '5', value: '5', notes: '', source_file: 'x.csv',
    };
    expect(() => figuresOfRows([row], countries.resolve)).toThrow(/kct.*line 2 .*TONNES_PER_TOKEN/);
    expect(() => figuresOfRows([{ ...row, unit_token: 't', year: 'soon' }], countries.resolve)).toThrow(/year "soon"/);
  });
});
