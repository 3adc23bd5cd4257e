// The BACI reader on the real extract: ISO2 -> ISO3, label -> slug, tonnes only where BACI has them, and figures
// pinned by reading the raw JSON here independently of the reader (Japan's ferroniobium comes ~98% from Brazil).
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/domain/errors.ts';
import { defaultSharedDataDir } from '../../src/data/index.ts';
import { MINERALS } from '../../src/data/sources/minerals.ts';
import {
  BACI_ATTRIBUTION,
  BACI_YEARS,
  baciFile,
  baciMapping,
  baciMappingFor,
  baciSource,
  readBaciYear,
} from '../../src/data/sources/baci.ts';

const shared = defaultSharedDataDir();
const hasBaci = existsSync(join(shared, baciFile(2024)));
const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface RawRow {
  from: string;
  to: string;
  value: number;
  qty?: number;
}
const raw = async (year: number): Promise<{ materials: Record<string, RawRow[]>; iso: Record<string, string> }> =>
  JSON.parse(await readFile(join(shared, baciFile(year)), 'utf8'));

describe('BACI mapping file', () => {
  it('maps each label to a catalogue slug, one entry per slug, with a citation for every conversion factor', () => {
    const slugs = new Set(MINERALS.map((m) => m.slug));
    const seen = new Set<string>();
    for (const m of baciMapping()) {
      expect(slugs.has(m.slug), `${m.label} -> ${m.slug}`).toBe(true);
      expect(seen.has(m.slug), `${m.slug} mapped twice`).toBe(false);
      seen.add(m.slug);
      expect(m.hs).toMatch(/^\d{6}$/);
      if (m.basis === 'contained') {
        expect(m.factor).toBeGreaterThan(0);
        expect(m.factorSource).toMatch(/IUPAC/);
      } else expect(m.factor).toBeUndefined();
    }
    expect(baciMappingFor('niobium')).toMatchObject({ label: 'niobium', hs: '720293', form: 'ferroniobium', basis: 'gross' });
    expect(baciMappingFor('rare-earths')).toMatchObject({ label: 'magnets', hs: '850511', flags: ['magnet'] });
    expect(baciMappingFor('gallium')!.flags).toContain('shared_refined');
    expect(baciSource(baciMappingFor('niobium')!)).toBe(`${BACI_ATTRIBUTION}, HS 720293 (ferroniobium)`);
  });

  it.skipIf(!hasBaci)('covers every BACI label whose material is in the catalogue, with the crosswalk codes and flags (skipped without ../shared/data)', async () => {
    const crosswalk = JSON.parse(await readFile(join(shared, 'baci_trade', 'crosswalk.json'), 'utf8')) as Record<string, { title_code: string; flags: string[] }>;
    const slugs = new Set(MINERALS.map((m) => m.slug));
    const synonyms: Record<string, string> = { baryte: 'barite', magnets: 'rare-earths' };
    for (const [label, entry] of Object.entries(crosswalk)) {
      const slug = synonyms[label] ?? label;
      const mapping = baciMapping().find((m) => m.label === label);
      expect(Boolean(mapping), `label ${label}`).toBe(slugs.has(slug));
      if (!mapping) continue;
      // Hafnium is the one exception: its rows are the 811292 rows (next test).
      if (label !== 'hafnium') expect(mapping.hs, label).toBe(entry.title_code);
      for (const flag of entry.flags.filter((f) => label !== 'hafnium' || f !== 'shared_refined')) expect(mapping.flags, label).toContain(flag);
    }
  });

  it.skipIf(!hasBaci)('the hafnium label holds the 811292 rows of gallium and germanium, row for row, in 2024 and 2010', async () => {
    for (const year of [2024, 2010]) {
      const file = await raw(year);
      expect(file.materials.hafnium).toEqual(file.materials.gallium);
      expect(file.materials.germanium).toEqual(file.materials.gallium);
    }
  });
});

describe.skipIf(!hasBaci)('readBaciYear on the shipped extract', () => {
  it("Japan's 2024 ferroniobium imports: ~98% of tonnes from Brazil, computed from the raw file and from the reader", async () => {
    const file = await raw(2024);
    const japan = file.materials.niobium!.filter((r) => r.to === 'JP');
    const total = japan.reduce((s, r) => s + r.qty!, 0);
    const brazil = japan.find((r) => r.from === 'BR')!.qty! / total;
    expect(brazil).toBeGreaterThan(0.97);
    expect(brazil).toBeLessThan(0.99);

    const year = await readBaciYear(shared, 2024);
    const rows = year.rows.filter((r) => r.mineral === 'niobium' && r.importer === 'JPN');
    expect(rows.length).toBe(japan.length);
    const readerTotal = rows.reduce((s, r) => s + r.productTonnes!, 0);
    const fromBrazil = rows.filter((r) => r.exporter === 'BRA').reduce((s, r) => s + r.productTonnes!, 0);
    expect(fromBrazil / readerTotal).toBeCloseTo(brazil, 12);
    // Ferroniobium has no cited Nb factor: tonnes in the mineral's unit stay null, gross product tonnes are kept.
    expect(rows.every((r) => r.tonnes === null && r.hs === '720293' && r.year === 2024)).toBe(true);
  });

  it('keeps every row of each mapped label, ISO3 codes, value always and tonnes only in 2024', async () => {
    for (const y of [2024, 2015]) {
      const file = await raw(y);
      const year = await readBaciYear(shared, y);
      for (const m of baciMapping()) {
        const rawRows = file.materials[m.label] ?? [];
        const rows = year.rows.filter((r) => r.label === m.label);
        expect(rows.length, `${y} ${m.label}`).toBe(rawRows.length);
        expect(rows.reduce((s, r) => s + r.valueUsd, 0)).toBe(rawRows.reduce((s, r) => s + r.value, 0));
      }
      expect(year.rows.every((r) => /^[A-Z]{3}$/.test(r.exporter) && /^[A-Z]{3}$/.test(r.importer) && r.exporter !== r.importer)).toBe(true);
      expect(year.rows.every((r) => (y === 2024 ? r.productTonnes !== null : r.productTonnes === null))).toBe(true);
      expect(year.unmappedLabels).toEqual(['bauxite', 'cokingcoal', 'feldspar', 'helium', 'phosphate', 'phosphorus', 'silicon', 'strontium']);
    }
  });

  it('maps Taiwan, Namibia and Hong Kong and converts lithium carbonate to Li content with the stoichiometric factor', async () => {
    const year = await readBaciYear(shared, 2024);
    const file = await raw(2024);
    const codes = new Set(year.rows.flatMap((r) => [r.exporter, r.importer]));
    for (const iso3 of ['TWN', 'NAM', 'HKG', 'CHN', 'BRA']) expect(codes.has(iso3), iso3).toBe(true);
    const chile = file.materials.lithium!.find((r) => r.from === 'CL' && r.to === 'CN')!;
    const row = year.rows.find((r) => r.mineral === 'lithium' && r.exporter === 'CHL' && r.importer === 'CHN')!;
    expect(row.productTonnes).toBe(chile.qty);
    // The factor is stored to 6 digits: agreement to 1e-5 relative.
    expect(Math.abs(row.tonnes! / ((chile.qty! * (2 * 6.94)) / (2 * 6.94 + 12.011 + 3 * 15.999)) - 1)).toBeLessThan(1e-5);
    const copper = year.rows.find((r) => r.mineral === 'copper' && r.exporter === 'COD' && r.importer === 'CHN')!;
    expect(copper.tonnes).toBe(copper.productTonnes);
  });

  it('names the file and the record at fault for a bad file, and refuses years outside 2002-2024', async () => {
    await expect(readBaciYear(shared, 2025)).rejects.toThrow(/no trade file for 2025; the extract covers 2002-2024/);
    expect(BACI_YEARS).toHaveLength(23);
    const dir = await mkdtemp(join(tmpdir(), 'chokepoint-baci-'));
    temps.push(dir);
    await mkdir(join(dir, 'baci_trade'));
    await cp(join(shared, 'country_ref'), join(dir, 'country_ref'), { recursive: true });
    const file = await raw(2024);
    file.materials.niobium![3]!.from = 'QQ';
    await writeFile(join(dir, baciFile(2024)), JSON.stringify({ year: 2024, source: 'test', ...file }));
    const error = await readBaciYear(dir, 2024).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/flows_2024\.json, materials\.niobium\[3\]: country code "QQ" is not in country_ref/);
  });
});
