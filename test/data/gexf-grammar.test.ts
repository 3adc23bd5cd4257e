// Both GEXF exports (the CLI/API writer src/data/export.ts and the view's web/src/gexf.ts) validated against the
// normative GEXF 1.3 RELAX NG grammar (test/fixtures/gexf-1.3, copied from ../shared/specs/gexf-1.3) with xmllint
// --relaxng (Debian libxml2-utils; .ci/run installs it). No npm RELAX NG validator handles this grammar's interleaves and
// includes as well as libxml2 does, so the test shells out to it. `<meta>` may hold only creator, keywords, description.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterDataset, toGexf } from '../../src/data/export.ts';
import { readShippedDataset } from '../../src/data/index.ts';
import { buildSupplyGraph } from '../../src/domain/graph.ts';
import { buildViewGraph } from '../../web/src/graph.ts';
import { viewGraphToGexf } from '../../web/src/gexf.ts';
import { tinyApiGraph } from '../web/fixtures.ts';

const GRAMMAR = resolve(import.meta.dirname, '../fixtures/gexf-1.3/gexf.rng');
const xmllint = spawnSync('xmllint', ['--version']).status === 0;
const ready = xmllint && existsSync(GRAMMAR);

/** xmllint's verdict: '' when the file validates, else its messages. */
function validate(path: string): string {
  const run = spawnSync('xmllint', ['--noout', '--relaxng', GRAMMAR, path], { encoding: 'utf8' });
  return run.status === 0 ? '' : run.stderr;
}

describe.skipIf(!ready)(`GEXF exports against the GEXF 1.3 RELAX NG grammar (skipped without xmllint or ${GRAMMAR})`, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chokepoint-gexf-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the grammar itself rejects what the exports used to write (<version> in <meta>, xsi:schemaLocation)', async () => {
    const bad = join(dir, 'bad.gexf');
    await writeFile(bad, '<?xml version="1.0"?><gexf version="1.3" xmlns="http://gexf.net/1.3"><meta><version>x</version></meta><graph><nodes/><edges/></graph></gexf>');
    expect(validate(bad)).toMatch(/fails to validate/);
  });

  it('the CLI/API export of the shipped niobium graph validates, its meta limited to creator, keywords, description', async () => {
    const graph = buildSupplyGraph(filterDataset(await readShippedDataset(), 'niobium', 2025));
    const xml = toGexf(graph);
    const path = join(dir, 'cli.gexf');
    await writeFile(path, xml);
    expect(validate(path)).toBe('');
    const meta = /<meta>([\s\S]*?)<\/meta>/.exec(xml)![1]!;
    expect([...meta.matchAll(/<(\w+)>/g)].map((m) => m[1])).toEqual(['creator', 'keywords', 'description']);
    // the graph keeps its own attributes after the export
    expect(graph.getAttribute('years')).toEqual([2025]);
  });

  it("the view's export (positions, sizes, colours) validates, without <year> or <maxTonnes> in meta", async () => {
    const xml = viewGraphToGexf(buildViewGraph(tinyApiGraph()), { nodeSize: () => 7, nodeColor: () => '#ff0000' });
    const path = join(dir, 'view.gexf');
    await writeFile(path, xml);
    expect(validate(path)).toBe('');
    expect(xml).not.toMatch(/<year>|<maxTonnes>|schemaLocation/);
    expect(execFileSync('xmllint', ['--xpath', 'count(//*[local-name()="node"])', path], { encoding: 'utf8' }).trim()).toBe(String(buildViewGraph(tinyApiGraph()).order));
  });
});
