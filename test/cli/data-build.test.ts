// `chokepoint data build` through the CLI writes the same dataset as the one shipped (needs ../shared/data).
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSharedDataDir } from '../../src/data/index.ts';
import { cli } from './helpers.ts';

const shared = defaultSharedDataDir();

describe('chokepoint data build', () => {
  it.skipIf(!existsSync(shared))(`rebuilds graph/data byte for byte from ${shared} (skipped when that directory is absent)`, async () => {
    const out = await mkdtemp(join(tmpdir(), 'chokepoint-build-'));
    try {
      const run = await cli(['data', 'build', '--out', out], { CHOKEPOINT_STORE: 'memory' });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^Wrote dataset [0-9a-f]{12} to /);
      for (const file of ['manifest.json', 'nodes.json', 'flows.json', 'links.json']) {
        expect(await readFile(join(out, file), 'utf8'), file).toBe(await readFile(join('graph/data', file), 'utf8'));
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('names a missing source directory', async () => {
    const run = await cli(['data', 'build', '--shared', '/nonexistent/shared-data', '--out', join(tmpdir(), 'never-written')], { CHOKEPOINT_STORE: 'memory' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('/nonexistent/shared-data');
  });
});
