// The build itself: rebuilding from ../shared/data reproduces graph/data exactly, the seed transcriptions parse to the
// paper's 32 entries, the helpers classify and parse as documented, and tampered files are refused.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/domain/errors.ts';
import {
  buildDataset,
  DEFAULT_DATA_DIR,
  defaultSharedDataDir,
  MINERAL_LISTS,
  readShippedDataset,
  SEED000_ROWS,
  writeDataset,
} from '../../src/data/index.ts';
import { allocateByOutput, parseNir } from '../../src/data/build/consumers.ts';
import { mineralsOfCommodities, stagesOfAssetType } from '../../src/data/build/facilities.ts';
import { parseSeed000 } from '../../src/data/build/minerals.ts';
import { normaliseName, slugify, tonnesPerUnit } from '../../src/data/build/util.ts';
import { datasetVersion, serializeRecords } from '../../src/data/serialize.ts';
import { loadCountries } from '../../src/data/build/countries.ts';

const shared = defaultSharedDataDir();
const hasShared = existsSync(join(shared, 'usgs_mcs2026', 'mcs2026_world_production.csv'));
const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('rebuild', () => {
  it.skipIf(!hasShared)(`rebuilding from ${shared} reproduces the committed graph/data byte for byte (skipped when that directory is absent)`, async () => {
    const rebuilt = await buildDataset(shared);
    const shipped = await readShippedDataset();
    expect(rebuilt.version).toBe(shipped.version);
    expect(rebuilt).toEqual(shipped);
    const out = await mkdtemp(join(tmpdir(), 'chokepoint-data-'));
    temps.push(out);
    await writeDataset(rebuilt, out);
    for (const file of ['nodes.json', 'flows.json', 'links.json', 'manifest.json']) {
      expect(await readFile(join(out, file), 'utf8'), file).toBe(await readFile(join(DEFAULT_DATA_DIR, file), 'utf8'));
    }
  });

  it.skipIf(!hasShared)('fails on a country name it cannot map, naming it and the fix', async () => {
    const countries = await loadCountries(shared);
    expect(countries.resolve('Korea, Republic of', 'test')).toBe('KOR');
    expect(countries.resolve('Congo (Kinshasa)', 'test')).toBe('COD');
    expect(countries.resolve('Côte d’Ivoire', 'test')).toBe('CIV');
    expect(() => countries.resolve('Atlantis', 'world table')).toThrow(InvalidInputError);
    expect(() => countries.resolve('Atlantis', 'world table')).toThrow(/"Atlantis" in world table .*NAME_OVERRIDES/);
  });
});

describe('files on disk', () => {
  it('writes one record per line and hashes the three record files into the version', () => {
    const text = serializeRecords([{ a: 1 }, { b: [2, 3] }]);
    expect(text).toBe('[\n{"a":1},\n{"b":[2,3]}\n]\n');
    expect(serializeRecords([])).toBe('[]\n');
    expect(JSON.parse(text)).toEqual([{ a: 1 }, { b: [2, 3] }]);
    const v = datasetVersion('[]\n', '[]\n', '[]\n');
    expect(v).toMatch(/^[0-9a-f]{12}$/);
    expect(datasetVersion('[]\n', '[]\n', '[]\n')).toBe(v);
    expect(datasetVersion('[]\n', '[]\n', '[1]\n')).not.toBe(v);
  });

  it('graph/data has one record per line', async () => {
    const shipped = await readShippedDataset();
    const lines = (await readFile(join(DEFAULT_DATA_DIR, 'flows.json'), 'utf8')).split('\n');
    expect(lines.length).toBe(shipped.flows.length + 3); // "[", records, "]", trailing newline
  });

  it('refuses a record file edited by hand (hash differs from the manifest)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chokepoint-data-'));
    temps.push(dir);
    await cp(DEFAULT_DATA_DIR, dir, { recursive: true });
    const path = join(dir, 'nodes.json');
    await writeFile(path, (await readFile(path, 'utf8')).replace('"name":"Brazil"', '"name":"Brasil"'));
    await expect(readShippedDataset(dir)).rejects.toThrow(InvalidInputError);
    await expect(readShippedDataset(dir)).rejects.toThrow(/manifest\.json says/);
  });

  it('says how to fix a missing dataset directory', async () => {
    await expect(readShippedDataset(join(tmpdir(), 'no-such-chokepoint-dir'))).rejects.toThrow(/npm run data:build/);
  });
});

describe('seed 000 transcription', () => {
  const entries = SEED000_ROWS.map(parseSeed000);

  it('has 32 entries in three tables of 13, 8 and 11 rows', () => {
    expect(entries.length).toBe(32);
    expect([1, 2, 3].map((t) => entries.filter((e) => e.table === t).length)).toEqual([13, 8, 11]);
  });

  it('carries US NIR in table 1, China NIR in table 2, both in table 3', () => {
    for (const e of entries) {
      expect(e.usNir !== null, e.entry).toBe(e.table !== 2);
      expect(e.chinaNir !== null, e.entry).toBe(e.table !== 1);
    }
  });

  it('parses the printed figures: beryllium, niobium, germanium', () => {
    const be = entries.find((e) => e.entry === '铍')!;
    expect(be).toMatchObject({ table: 2, chinaNir: 0.69, hhi: 8432, mainProducers: [{ iso3: 'USA', share: 0.89 }] });
    expect(be.usReserves).toEqual({ value: 6, unit: '10^4 t', year: 2015 });
    const nb = entries.find((e) => e.entry === '铌')!;
    expect(nb).toMatchObject({ table: 3, chinaNir: 1, usNir: 1, hhi: 8256 });
    expect(nb.mainProducers).toEqual([{ iso3: 'BRA', name: '巴西', share: 0.91 }, { iso3: 'CAN', name: '加拿大', share: null }]);
    const ge = entries.find((e) => e.entry === '锗')!;
    expect(ge.usReserves).toEqual({ value: 0.387, unit: '10^4 t', year: 2013 });
    expect(entries.find((e) => e.entry === '钾盐')!.chinaReserves).toEqual({ value: 21000, unit: '10^4 t', year: 2017 });
  });

  it('cobalt and gallium have two entries each; nine table-1 entries mainly come from China', () => {
    expect(entries.filter((e) => e.mineral === 'cobalt').map((e) => e.entry)).toEqual(['精炼钴', '钴']);
    expect(entries.filter((e) => e.mineral === 'gallium').map((e) => e.entry)).toEqual(['低纯镓', '高纯镓']);
    const fromChina = entries.filter((e) => e.usMainSourceChina).map((e) => e.entryEn);
    expect(fromChina.sort()).toEqual(
      ['antimony', 'bismuth', 'germanium', 'indium', 'low-purity gallium', 'rare earths', 'refined cobalt', 'tellurium', 'yttrium'].sort(),
    );
  });
});

describe('mineral lists', () => {
  it('have 50 (US 2022), 34 (EU 2023) and 24 (China 2016) members', () => {
    expect(MINERAL_LISTS.map((l) => [l.id, l.members.length])).toEqual([
      ['us2022', 50],
      ['eu2023', 34],
      ['cn2016', 24],
    ]);
  });
});

describe('helpers', () => {
  it('parses USGS NIR strings', () => {
    expect(parseNir('73')).toEqual({ nir: 0.73, netExporter: false });
    expect(parseNir('>95')).toEqual({ nir: 0.95, netExporter: false });
    expect(parseNir('<25')).toEqual({ nir: 0.25, netExporter: false });
    expect(parseNir('E')).toEqual({ nir: null, netExporter: true });
    expect(parseNir('NA')).toEqual({ nir: null, netExporter: false });
  });

  it('allocates a demand in proportion to output, capping at what each producer has left (water-filling)', () => {
    // A's proportional part 10 x 100/200 = 5 exceeds its 2 t left: it gives 2, B and C split the other 8 equally.
    const capped = allocateByOutput(10, [
      { id: 'A', output: 100, left: 2 },
      { id: 'B', output: 50, left: 50 },
      { id: 'C', output: 50, left: 50 },
    ]);
    expect(Object.fromEntries(capped.tonnes)).toEqual({ A: 2, B: 4, C: 4 });
    expect(capped.shortfall).toBe(0);
    // Thirds are rounded to 1e-6 t and the residue goes to one part, so the parts add up to the demand.
    const thirds = allocateByOutput(1, ['A', 'B', 'C'].map((id) => ({ id, output: 5, left: 5 })));
    expect([...thirds.tonnes.values()].sort()).toEqual([0.333333, 0.333333, 0.333334]);
    // More demand than output left: everything left is given, the rest is the shortfall; no output, no part.
    const short = allocateByOutput(10, [
      { id: 'A', output: 3, left: 1 },
      { id: 'B', output: 0, left: 0 },
    ]);
    expect(Object.fromEntries(short.tonnes)).toEqual({ A: 1 });
    expect(short.shortfall).toBe(9);
  });

  it('classifies ICMM asset types and commodity words', () => {
    expect(stagesOfAssetType('Mine')).toEqual(['mine']);
    expect(stagesOfAssetType('Mine;Smelter;Refinery')).toEqual(['mine', 'refined']);
    expect(stagesOfAssetType('Smelter;Refinery')).toEqual(['refined']);
    expect(stagesOfAssetType('Steel Plant')).toEqual([]);
    expect(mineralsOfCommodities('nickel', 'cobalt', 'chromite;scandium;;')).toEqual(['chromium', 'cobalt', 'nickel', 'scandium']);
    expect(mineralsOfCommodities('platinum group metals', '', 'gold;iron ore')).toEqual(['iron', 'platinum-group-metals']);
    expect(mineralsOfCommodities('thermal coal', 'gold', '')).toEqual([]);
  });

  it('slugs names and normalises country spellings', () => {
    expect(slugify('Ust Kamenogorsk Pb Smelter')).toBe('ust-kamenogorsk-pb-smelter');
    expect(slugify('Catalão / Chapadão')).toBe('catalao-chapadao');
    expect(normaliseName('Côte d’Ivoire')).toBe(normaliseName("Cote d'Ivoire"));
  });

  it('converts USGS units to metric tons and rejects unknown ones', () => {
    expect(tonnesPerUnit('thousand metric tons', 'x')).toBe(1000);
    expect(tonnesPerUnit('metric tons, cobalt content', 'x')).toBe(1);
    expect(tonnesPerUnit('kilograms, gallium content', 'x')).toBe(0.001);
    expect(() => tonnesPerUnit('short tons', 'x')).toThrow(InvalidInputError);
  });
});
