// The shipped dataset passes the import validator: what `export --format json` writes can be imported again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readShippedDataset } from '../../src/data/index.ts';
import { readImportFile } from '../../src/data/user-import.ts';
import { InvalidInputError } from '../../src/domain/errors.ts';

describe('import validation of the shipped records', () => {
  it('accepts every shipped flow (a plant reporting mine output, e.g. Araxá, feeds the mine-stage national total)', async () => {
    const shipped = await readShippedDataset();
    const dir = mkdtempSync(path.join(tmpdir(), 'chokepoint-import-shipped-'));
    try {
      const file = path.join(dir, 'all.json');
      writeFileSync(file, JSON.stringify({ nodes: shipped.nodes, flows: shipped.flows }));
      const patch = await readImportFile(file, shipped, { replace: true });
      expect(patch.flows.length).toBe(shipped.flows.length);
      expect(patch.flows.some((f) => f.from.startsWith('refiner:araxa') && f.stage === 'mine')).toBe(true);
      // The exception is narrow: a refiner's mine-stage flow to a country is still refused, naming the fix.
      const araxa = shipped.flows.find((f) => f.from.startsWith('refiner:araxa') && f.stage === 'mine')!;
      writeFileSync(file, JSON.stringify({ flows: [{ ...araxa, id: 'x:araxa-to-brazil', to: 'country:BRA' }] }));
      const refused = await readImportFile(file, shipped).then(() => undefined, (e: unknown) => e);
      expect(refused).toBeInstanceOf(InvalidInputError);
      expect((refused as InvalidInputError).problems.map((p) => p.message).join('\n')).toContain('a flow leaving a refiner node cannot carry stage "mine"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
