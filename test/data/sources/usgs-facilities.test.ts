// The USGS facility-layer reader and its ICMM matcher, on the real layers in ../shared/data: units normalised, the
// `c` (shared) and `g` (gross ore) notes honoured, and real sites matched by coordinates, name and operator.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSharedDataDir } from '../../../src/data/index.ts';
import { loadCountries } from '../../../src/data/build/countries.ts';
import { readShippedDataset } from '../../../src/data/index.ts';
import type { FacilityNode } from '../../../src/domain/model.ts';
import {
  matchFacilities,
  mineralOfUsgsCommodity,
  nameSimilarity,
  readUsgsFacilities,
  stageOfUsgsRow,
  tonnesPerCapacityUnit,
  USGS_FACILITY_FILES,
  type FacilityMatch,
  type UsgsFacility,
} from '../../../src/data/sources/usgs-facilities.ts';

const shared = defaultSharedDataDir();
const hasShared = existsSync(join(shared, USGS_FACILITY_FILES.africa)) && existsSync(join(shared, USGS_FACILITY_FILES.indopacific));

describe('USGS facility rows, read by rule', () => {
  it('normalises the capacity units of both layers, and refuses non-mass units', () => {
    expect(tonnesPerCapacityUnit('Thousand metric tons')).toBe(1000);
    expect(tonnesPerCapacityUnit('kmt')).toBe(1000);
    expect(tonnesPerCapacityUnit('Kilograms')).toBe(0.001);
    expect(tonnesPerCapacityUnit('mt')).toBe(1);
    expect(tonnesPerCapacityUnit('million mt')).toBe(1e6);
    expect(tonnesPerCapacityUnit('42-gallon barrels per day')).toBeUndefined();
    expect(tonnesPerCapacityUnit('Thousand carats')).toBeUndefined();
  });
  it('maps USGS commodity spellings to our slugs and products to stages', () => {
    expect(mineralOfUsgsCommodity('Niobium (columbium)')).toBe('niobium');
    expect(mineralOfUsgsCommodity('Aluminum')).toBe('aluminum');
    expect(mineralOfUsgsCommodity('Rare Earths')).toBe('rare-earths');
    expect(mineralOfUsgsCommodity('Cement')).toBeUndefined();
    expect(stageOfUsgsRow('Mineral Processing Plants', 'Mine')).toBe('mine');
    expect(stageOfUsgsRow('Mineral Processing Plants', 'Refined')).toBe('refined');
    expect(stageOfUsgsRow('Mines and Quarries', '')).toBe('mine');
  });
  it('compares names on their distinctive words, accents and site words aside', () => {
    expect(nameSimilarity('Tenke Fungurume Mine', 'Tenke Fungurume')).toBe(1);
    expect(nameSimilarity('Catalão', 'Catalao')).toBe(1);
    expect(nameSimilarity('Mutanda Mine', 'Kamoto')).toBe(0);
  });
});

describe.skipIf(!hasShared)('USGS facility layers on the real files (skipped without ../shared/data)', () => {
  let rows: UsgsFacility[];
  let matches: FacilityMatch[];
  beforeAll(async () => {
    rows = await readUsgsFacilities(shared);
    const countries = await loadCountries(shared);
    const dataset = await readShippedDataset();
    const icmm = dataset.nodes.filter((n): n is FacilityNode => (n.kind === 'mine' || n.kind === 'refiner') && n.icmmId !== undefined);
    matches = matchFacilities(rows, icmm, (name) => {
      try {
        return countries.resolve(name, 'test');
      } catch {
        return undefined;
      }
    });
  });
  const row = (layer: string, uid: string, commodity: string) => rows.find((r) => r.layer === layer && r.uid === uid && r.commodity === commodity)!;
  const matchOf = (uid: string, commodity: string) => matches.find((m) => m.usgs.uid === uid && m.usgs.commodity === commodity);

  it('reads all 2,408 + 1,573 rows with the capacity notes as published', () => {
    expect(rows.filter((r) => r.layer === 'africa')).toHaveLength(2408);
    expect(rows.filter((r) => r.layer === 'indopacific')).toHaveLength(1573);
    // Katanga KOV: 30,000 t cobalt shared with KTO and Mashamba East (c).
    expect(row('africa', 'COD011', 'Cobalt')).toMatchObject({ capacityTonnes: 30000, combined: true, mineral: 'cobalt', stage: 'mine' });
    expect(row('africa', 'COD011', 'Cobalt').sharedWith).toEqual(expect.arrayContaining(['COD011', 'COD012', 'COD013']));
    // Kansanshi's "cobalt" is 12 Mt of ore (g): no capacity in the mineral's basis.
    expect(row('africa', 'ZMB020', 'Cobalt')).toMatchObject({ gross: true, capacityTonnes: undefined });
    // Indo-Pacific: Korea Zinc's Onsan gallium, 10,000 kg (E) = 10 t; its shared-UID column is DsgAttr9, not 10.
    expect(row('indopacific', 'KOR092', 'Gallium')).toMatchObject({ capacityTonnes: 10, estimatedCapacity: true, mineral: 'gallium', stage: 'refined' });
  });

  it('matches real sites to their ICMM records by coordinates, name and operator', () => {
    expect(matchOf('COD083', 'Cobalt')?.icmm.id).toBe('mine:tenke-fungurume-icmm07541');
    expect(matchOf('COD056', 'Cobalt')?.icmm.id).toBe('mine:mutanda-icmm07550');
    expect(matchOf('MDG001', 'Cobalt')?.icmm.id).toBe('mine:ambatovy-icmm14722');
    expect(matchOf('COD083', 'Cobalt')!.distanceKm!).toBeLessThan(2);
    // A match never crosses a border.
    for (const m of matches) expect(m.icmm.country).not.toBe('');
  });
});
