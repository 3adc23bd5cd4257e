// End-to-end: the built web view in real Chromium (Debian's, driven by playwright-core) against the real API
// (createApp on the shipped dataset, memory store) on 127.0.0.1. Checks that nodes are drawn (pixels of a screenshot),
// the search -> niobium -> remove Brazil flow with the API's own impact numbers in the table, the error, empty and
// shared-link states, exports, and a phone-width layout. Prints first-render and impact-on-screen times (not asserted).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf/node/index.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImpactResult } from '../../src/analysis/types.ts';
import { LAND_FILL } from '../../web/src/layout/world.ts';
import { lossColor, riskColor } from '../../web/src/colors.ts';
import { IMPACT_CSV_HEADER } from '../../web/src/impact.ts';
import { overlaps, type Placement } from '../../web/src/labels.ts';
import { MAX_NODE_SIZE } from '../../web/src/reducers.ts';
import { hasChromium, startView } from './browser.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(REPO, 'test', 'artifacts');

interface ViewHandle {
  store: { getState(): { graphStatus: string; mineral: string; stage: string; year: number | null; selected: string | null; impactStatus: string; removed: string[] } };
  graph: { order: number; size: number; getNodeAttribute(n: string, a: string): unknown };
  sigma: { getNodeDisplayData(id: string): { label: string | null; color: string; size: number; forceLabel?: boolean } | undefined };
  labels: { placements(): ReadonlyMap<string, Placement> };
}

describe.skipIf(!hasChromium)('web view in Chromium', () => {
  let base: string;
  let browser: Browser;

  let view: Awaited<ReturnType<typeof startView>>;

  beforeAll(async () => {
    view = await startView();
    ({ base, browser } = view);
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await view?.close();
  });

  async function open(query = '', viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await browser.newPage({ viewport, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Console errors too: a CSP refusal (helmet) or a failed asset load shows up there, not as a page error.
    page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
    (page as Page & { errors?: string[] }).errors = errors;
    await page.goto(`${base}/${query}`);
    return page;
  }

  /** Waits until the element exists and its text contains `text` (the panels re-render when answers arrive). */
  async function waitText(page: Page, selector: string, text: string): Promise<void> {
    await page.waitForFunction(([sel, t]) => document.querySelector(sel!)?.textContent?.includes(t!) ?? false, [selector, text], { timeout: 15_000 });
  }

  const state = (page: Page) => page.evaluate(() => (window as unknown as { chokepoint: ViewHandle }).chokepoint.store.getState());

  async function graphReady(page: Page, mineral = 'all'): Promise<void> {
    await page.waitForFunction(
      (m) => {
        const v = (window as unknown as { chokepoint?: ViewHandle }).chokepoint;
        return !!v && v.store.getState().graphStatus === 'ready' && v.store.getState().mineral === m;
      },
      mineral,
      { timeout: 30_000 },
    );
    await page.waitForTimeout(300); // one more frame or two: sigma renders on the next animation frame
  }

  /** Counts, in a screenshot of the graph area, pixels that are neither background, map nor near-grey. */
  async function colouredPixels(page: Page): Promise<number> {
    const png = await page.locator('#graph').screenshot();
    return page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) n++; // saturated: node or flow colours, not the beige map
      }
      return n;
    }, png.toString('base64'));
  }

  /** Where the map's land is drawn in the graph area (pixels of the land colour), to check it is centred and large. */
  async function landExtent(page: Page): Promise<{ left: number; right: number; top: number; bottom: number; width: number; height: number }> {
    const png = await page.locator('#graph').screenshot();
    const land = [parseInt(LAND_FILL.slice(1, 3), 16), parseInt(LAND_FILL.slice(3, 5), 16), parseInt(LAND_FILL.slice(5, 7), 16)];
    return page.evaluate(
      async ([b64, rgb]) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const { data } = ctx.getImageData(0, 0, c.width, c.height);
        let [left, right, top, bottom] = [Infinity, -Infinity, Infinity, -Infinity];
        for (let y = 0; y < c.height; y++) {
          for (let x = 0; x < c.width; x++) {
            const i = 4 * (y * c.width + x);
            if (Math.abs(data[i]! - rgb[0]!) + Math.abs(data[i + 1]! - rgb[1]!) + Math.abs(data[i + 2]! - rgb[2]!) > 6) continue;
            left = Math.min(left, x);
            right = Math.max(right, x);
            top = Math.min(top, y);
            bottom = Math.max(bottom, y);
          }
        }
        return { left, right, top, bottom, width: c.width, height: c.height };
      },
      [png.toString('base64'), land] as const,
    );
  }

  /** The forced labels drawn in the last frame, with their boxes: none may cover another. */
  async function placedLabels(page: Page): Promise<Array<[string, Placement]>> {
    await page.waitForTimeout(200); // placed at the next frame
    return page.evaluate(() => [...(window as unknown as { chokepoint: ViewHandle }).chokepoint.labels.placements()]);
  }

  function expectNoOverprint(placed: Array<[string, Placement]>): void {
    for (const [i, [a, pa]] of placed.entries()) {
      for (const [b, pb] of placed.slice(i + 1)) expect(overlaps(pa.box, pb.box), `labels of ${a} and ${b} overlap`).toBe(false);
    }
  }

  async function timing(page: Page): Promise<Record<string, number>> {
    return page.evaluate(() => Object.fromEntries(performance.getEntriesByType('measure').filter((m) => m.name.startsWith('chokepoint:')).map((m) => [m.name, Math.round(m.duration)])));
  }

  it('draws the supply graph on the map (non-blank canvas) and no page error', async () => {
    const page = await open();
    await graphReady(page);
    const view = await page.evaluate(() => {
      const v = (window as unknown as { chokepoint: ViewHandle }).chokepoint;
      return { order: v.graph.order, size: v.graph.size };
    });
    expect(view.order).toBeGreaterThan(500);
    expect(view.size).toBeGreaterThan(500);
    expect(await colouredPixels(page)).toBeGreaterThan(2_000);
    await expect(page.locator('#status').textContent()).resolves.toBe('');
    await page.screenshot({ path: path.join(ARTIFACTS, 'view-all.png') });
    console.info('e2e timing (all minerals):', await timing(page));
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('search Brazil, select niobium, remove Brazil: the table lists the consumers with the API losses', async () => {
    const page = await open();
    await graphReady(page);

    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('search-input');
    await page.keyboard.type('Brazil');
    const hit = page.locator('#search-results li[data-id="country:BRA"]');
    await hit.waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await waitText(page, '#details-panel h2', 'Brazil');
    expect((await state(page)).selected).toBe('country:BRA');

    await page.selectOption('#mineral-select', 'niobium');
    await graphReady(page, 'niobium');
    expect(page.url()).toContain('mineral=niobium');
    await page.locator('#chokepoints-table tbody tr').first().waitFor();
    expect(await page.locator('#chokepoints-table tbody tr').first().getAttribute('data-node')).toBe('country:BRA');
    // Countries by default; the market HHI is said once, in the header, not on every row.
    const rankedNodes = await page.locator('#chokepoints-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-node')!));
    expect(rankedNodes.every((n) => n.startsWith('country:'))).toBe(true);
    expect(await page.locator('#chokepoints-table th').allTextContents()).not.toContain('HHI');
    expect(await page.locator("#market-hhi").textContent()).toMatch(/Production HHI \(market concentration of output\): [\d,]+ mine \(highly concentrated\)/);

    // The details agree with the ranking: Brazil's share of niobium is the first row's, and Brazil is drawn large.
    const rankedShare = (await page.locator('#chokepoints-table tbody tr[data-node="country:BRA"] td:nth-child(4)').textContent())!.trim();
    expect(rankedShare).toMatch(/^9\d\.\d%$/);
    await waitText(page, '#details-panel dl.facts', `${rankedShare} of world niobium mine production`);
    const brazilSize = await page.evaluate(() => (window as unknown as { chokepoint: ViewHandle }).chokepoint.sigma.getNodeDisplayData('country:BRA')!.size);
    expect(brazilSize).toBeGreaterThan(0.9 * MAX_NODE_SIZE);
    // Its customers are niobium's, not another mineral's trade
    await page.locator('#details-panel table[data-peers="customers"]').waitFor();
    const customers = await page.locator('#details-panel table[data-peers="customers"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(customers.length).toBeGreaterThan(0);
    expect(customers.map((c) => c[1])).toEqual(customers.map(() => 'niobium'));
    // Named consumers (BACI trade): China and the Netherlands among those that lose Brazil's niobium.
    expect(customers.map((c) => c[0])).toContain('China');

    const answer = page.waitForResponse((r) => r.url().endsWith('/api/impact') && r.request().method() === 'POST');
    await page.locator('#remove-node').click();
    const response = await answer;
    expect(response.status()).toBe(200);
    const fromPage = (await response.json()) as ImpactResult;
    await page.locator('#impact-table tbody tr').first().waitFor({ timeout: 10_000 });

    // The same question asked of the API directly: same numbers, so the page shows what the API computes.
    const request = JSON.parse(response.request().postData() ?? '{}');
    expect(request).toMatchObject({ remove: ['country:BRA'], mineral: 'niobium' });
    const direct = (await (await fetch(`${base}/api/impact`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) })).json()) as ImpactResult;
    expect(direct.consumers).toEqual(fromPage.consumers);
    expect(direct.minerals[0]!.shareLost).toBeGreaterThanOrEqual(0.9); // DOMAIN.md: Brazil ~93% of niobium

    const rows = await page.locator('#impact-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        consumer: tr.getAttribute('data-consumer'),
        mineral: tr.getAttribute('data-mineral'),
        tonnesLost: Number(tr.getAttribute('data-tonnes-lost')),
        shareLost: Number(tr.getAttribute('data-share-lost')),
      })),
    );
    const expected = direct.consumers
      .filter((c) => c.tonnesLost > 0)
      .map((c) => ({ consumer: c.country, mineral: c.mineral, tonnesLost: c.tonnesLost, shareLost: c.shareLost }));
    expect(expected.length).toBeGreaterThan(0);
    expect([...rows].sort((a, b) => a.consumer!.localeCompare(b.consumer!))).toEqual([...expected].sort((a, b) => a.consumer.localeCompare(b.consumer)));
    // sorted by share lost, largest first, by default
    expect(rows.map((r) => r.shareLost)).toEqual([...rows.map((r) => r.shareLost)].sort((a, b) => b - a));
    // Each row's bar carries its uncertainty band (p5-p95), which contains the point value.
    const bands = await page.locator('#impact-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const band = tr.querySelector('.loss-band')!;
        return [Number(band.getAttribute('data-low')), Number(tr.getAttribute('data-share-lost')), Number(band.getAttribute('data-high'))];
      }),
    );
    for (const [low, point, high] of bands) {
      expect(low).toBeLessThanOrEqual(point! + 1e-12);
      expect(high).toBeGreaterThanOrEqual(point! - 1e-12);
    }
    await expect.poll(() => page.locator('#impact-ranges').count()).toBe(1);

    // On the graph: Brazil struck through, consumers recoloured by their loss.
    const drawn = await page.evaluate(() => {
      const v = (window as unknown as { chokepoint: ViewHandle }).chokepoint;
      return { brazil: v.sigma.getNodeDisplayData('country:BRA'), usa: v.sigma.getNodeDisplayData('country:USA') };
    });
    expect(drawn.brazil?.label).toContain('\u0336');
    expect(drawn.usa?.label).toMatch(/−\d+%$/);
    expect(page.url()).toContain('removed=country:BRA');
    // One label for the removal, on Brazil, counting what went with it; its mines and national total stay silent.
    expect(drawn.brazil?.label).toMatch(/· \d+ mines?/);
    const silent = await page.evaluate(() => {
      const v = (window as unknown as { chokepoint: ViewHandle }).chokepoint;
      return ['mine:bra-niobium', 'mine:catalao-icmm01156', 'mine:mibra-icmm01308'].map((n) => v.sigma.getNodeDisplayData(n)?.label ?? null);
    });
    expect(silent).toEqual([null, null, null]);

    // Sorting by consumer name flips the order of the rows.
    await page.locator('#impact-table th button[data-sort="consumer"]').click();
    const names = await page.locator('#impact-table tbody tr td:first-child').allTextContents();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));

    // Esc clears the selection; the whole world then shows every producer and the consumers coloured by loss.
    await page.keyboard.press('Escape');
    expect((await state(page)).selected).toBeNull();
    await page.locator('#zoom-reset').click();
    await page.waitForTimeout(600);
    // The answer on the map: the removal, the consumers' losses (China, the largest named consumer) and the remaining
    // suppliers, all labelled, none written over another (the clump of struck-through labels around Brazil is gone).
    const placed = await placedLabels(page);
    const labelled = placed.map(([n]) => n);
    expect(labelled).toEqual(expect.arrayContaining(['country:BRA', 'country:USA', 'country:CHN', 'country:CAN']));
    expect(labelled.filter((n) => n.startsWith('mine:bra') || n.includes('icmm'))).toEqual([]);
    expectNoOverprint(placed);
    await page.screenshot({ path: path.join(ARTIFACTS, 'view-niobium-without-brazil.png') });
    if (process.env.CHOKEPOINT_UPDATE_SCREENSHOT === '1') await page.screenshot({ path: path.join(REPO, 'web', 'screenshot.png') });
    console.info('e2e timing (search, niobium, remove Brazil):', await timing(page));

    // The severity control of the removed node: half of Brazil loses half of what all of it loses.
    const fullLost = direct.minerals[0]!.tonnesLost;
    const halfResponse = page.waitForResponse((r) => r.url().endsWith('/api/impact') && r.request().postData()?.includes('country:BRA@0.5') === true);
    await page.locator('input.severity[data-severity-for="country:BRA"]').evaluate((el: HTMLInputElement) => {
      el.value = '0.5';
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const half = (await (await halfResponse).json()) as ImpactResult;
    expect(half.minerals[0]!.tonnesLost).toBeCloseTo(fullLost / 2, 6);
    await expect.poll(() => page.locator('.chip[data-id="country:BRA"] .severity-value').textContent()).toBe('50%');
    const fullAgain = page.waitForResponse((r) => r.url().endsWith('/api/impact') && r.request().postData()?.includes('@') === false);
    await page.locator('input.severity[data-severity-for="country:BRA"]').evaluate((el: HTMLInputElement) => {
      el.value = '1';
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await fullAgain;
    await expect.poll(() => page.locator('#impact-table tbody tr').count()).toBe(rows.length);

    // CSV of the impact table: one line per row shown.
    const csvDownload = page.waitForEvent('download');
    await page.locator('#impact-csv').click();
    const csv = readFileSync((await (await csvDownload).path())!, 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe(IMPACT_CSV_HEADER.join(','));
    expect(csv).toHaveLength(rows.length + 1);

    // Restore brings everything back.
    await page.locator('#restore').click();
    await page.locator('#impact-panel').waitFor({ state: 'hidden' });
    expect((await state(page)).removed).toEqual([]);
    expect(page.url()).not.toContain('removed=');
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('clicking a node selects it; shift-click adds it to the removal; a chokepoint row selects its node', async () => {
    const page = await open('?mineral=niobium');
    await graphReady(page, 'niobium');
    /** Where a node is drawn, in page pixels. */
    const at = (id: string) =>
      page.evaluate((node) => {
        const v = (window as unknown as { chokepoint: ViewHandle & { sigma: { graphToViewport(p: { x: number; y: number }): { x: number; y: number } }; graph: { getNodeAttributes(n: string): { x: number; y: number } } } }).chokepoint;
        const p = v.sigma.graphToViewport(v.graph.getNodeAttributes(node));
        const box = document.getElementById('graph')!.getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y };
      }, id);

    const usa = await at('country:USA');
    await page.mouse.click(usa.x, usa.y);
    await page.waitForFunction(() => (window as unknown as { chokepoint: ViewHandle }).chokepoint.store.getState().selected === 'country:USA');
    await waitText(page, '#details-panel h2', 'United States');

    const canada = await at('mine:can-niobium');
    await page.waitForTimeout(400); // sigma reads two clicks within 300 ms as a double click (zoom), not two clicks
    await page.keyboard.down('Shift');
    await page.mouse.click(canada.x, canada.y);
    await page.keyboard.up('Shift');
    await page.waitForFunction(() => (window as unknown as { chokepoint: ViewHandle }).chokepoint.store.getState().removed.includes('mine:can-niobium'));
    await page.locator('#impact-table tbody tr').first().waitFor({ timeout: 10_000 });
    expect((await state(page)).removed).toEqual(['mine:can-niobium']);

    // Facilities on request: CBMM's Araxá first, its share split by published company figures and marked with the rule
    await page.locator('#chokepoints-facilities').check();
    await page.locator('#chokepoints-table tbody tr[data-node="refiner:araxa-cbbm-icmm07943"]').waitFor();
    expect(page.url()).toContain('level=facility');
    expect(await page.locator('#chokepoints-table tbody tr').first().getAttribute('data-node')).toBe('refiner:araxa-cbbm-icmm07943');
    const marker = page.locator('#chokepoints-table tbody tr[data-node="mine:catalao-icmm01156"][data-estimated="true"] .estimated');
    expect(await marker.getAttribute('title')).toMatch(/^Estimated: .*in proportion to facility figures/);
    await page.locator('#chokepoints-facilities').uncheck();
    await page.locator('#chokepoints-table tbody tr[data-node="country:BRA"]').waitFor();

    await page.locator('#chokepoints-table tbody tr[data-node="country:BRA"]').click();
    expect((await state(page)).selected).toBe('country:BRA');
    await waitText(page, '#details-panel h2', 'Brazil');
    // the removal button there, shift-clicked, adds Brazil to the removal instead of replacing it
    await page.locator('#remove-node').click({ modifiers: ['Shift'] });
    await page.waitForFunction(() => (window as unknown as { chokepoint: ViewHandle }).chokepoint.store.getState().removed.length === 2);
    expect((await state(page)).removed).toEqual(['mine:can-niobium', 'country:BRA']);
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('switches to the force-directed layout (worker) and back, and resizes / recolours by score', async () => {
    const page = await open('?mineral=niobium&removed=country:BRA');
    await graphReady(page, 'niobium');
    await page.locator('#impact-table tbody tr').first().waitFor({ timeout: 10_000 });
    type Probe = { chokepoint: ViewHandle & { graph: { nodes(): string[]; getNodeAttributes(n: string): { x: number; y: number; geoX: number; geoY: number; pagerank: number | null } } } };
    const moved = () =>
      page.evaluate(() => {
        const v = (window as unknown as Probe).chokepoint;
        return v.graph.nodes().filter((n) => {
          const a = v.graph.getNodeAttributes(n);
          return Math.hypot(a.x - a.geoX, a.y - a.geoY) > 1;
        }).length;
      });
    expect(await moved()).toBe(0);
    await page.selectOption('#layout-select', 'force');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('layout') === 'force');
    await page.waitForTimeout(3_500); // ForceAtlas2 runs 2.5 s in its worker, then noverlap
    expect(await moved()).toBeGreaterThan(10);
    expect(await colouredPixels(page)).toBeGreaterThan(500);
    await page.screenshot({ path: path.join(ARTIFACTS, 'view-niobium-force-without-brazil.png') });
    // Not only the removal and the losses: the suppliers the consumers still have are named too.
    const placed = await placedLabels(page);
    expect(placed.map(([n]) => n)).toEqual(expect.arrayContaining(['country:BRA', 'country:CHN', 'country:USA', 'country:CAN']));
    expectNoOverprint(placed);

    await page.selectOption('#size-select', 'pagerank');
    await page.waitForFunction(() => {
      const v = (window as unknown as Probe).chokepoint;
      return v.graph.nodes().some((n) => (v.graph.getNodeAttributes(n).pagerank ?? 0) > 0);
    });
    await page.selectOption('#color-select', 'risk');
    await waitText(page, '#legend', 'Supply risk (all other nodes)');
    // Colour and legend agree: the consumers that lost supply on the loss scale (off the risk ramp), the rest by risk.
    const colours = await page.evaluate(() => {
      const v = (window as unknown as { chokepoint: ViewHandle }).chokepoint;
      const of = (n: string) => ({ color: v.sigma.getNodeDisplayData(n)!.color, risk: v.graph.getNodeAttribute(n, 'risk') as number | null });
      return { usa: of('country:USA'), can: of('country:CAN'), mine: of('mine:can-niobium') };
    });
    const impactNow = await page.evaluate(() => (window as unknown as { chokepoint: { store: { getState(): { impact: ImpactResult } } } }).chokepoint.store.getState().impact);
    const usaLoss = Math.max(...impactNow.consumers.filter((c) => c.country === 'country:USA').map((c) => c.shareLost));
    expect(colours.usa.color).toBe(lossColor(usaLoss, 'risk'));
    expect(colours.can.risk).not.toBeNull();
    expect(colours.can.color).toBe(riskColor(colours.can.risk));
    expect(colours.mine.color).toBe(riskColor(colours.mine.risk));

    await page.selectOption('#layout-select', 'geo');
    await page.waitForTimeout(1_000); // animated back to the map
    expect(await moved()).toBe(0);
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('analyst polish: "niobum" and "Catalão" are found, Remove frames the removal and the consumers hit, both HHIs labelled', async () => {
    const page = await open('?mineral=niobium');
    await graphReady(page, 'niobium');
    // A typo and an accent: the search still finds niobium and ICMM's "Catalao".
    await page.keyboard.press('/');
    await page.keyboard.type('niobum');
    await page.locator('#search-results li[data-id="mineral:niobium"]').waitFor({ timeout: 10_000 });
    await page.fill('#search-input', '');
    await page.keyboard.type('Catalão');
    await page.locator('#search-results li[data-id="mine:catalao-icmm01156"]').waitFor({ timeout: 10_000 });
    await page.fill('#search-input', '');
    await page.keyboard.type('Brazil');
    await page.locator('#search-results li[data-id="country:BRA"]').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await waitText(page, '#details-panel h2', 'Brazil');
    await page.waitForTimeout(600); // the camera has zoomed in on Brazil

    await page.locator('#remove-node').click();
    await page.waitForFunction(() => (window as unknown as { chokepoint: ViewHandle }).chokepoint.store.getState().impactStatus === 'ready', undefined, { timeout: 15_000 });
    await page.waitForTimeout(800); // the framing animation (450 ms)
    const framed = await page.evaluate(() => {
      const v = (window as unknown as { chokepoint: ViewHandle & { sigma: { graphToViewport(p: { x: number; y: number }): { x: number; y: number }; getDimensions(): { width: number; height: number } } } }).chokepoint;
      const impact = (v.store.getState() as unknown as { impact: ImpactResult }).impact;
      const hit = impact.consumers.filter((c) => c.tonnesLost > 0).map((c) => c.country);
      const { width, height } = v.sigma.getDimensions();
      return ['country:BRA', ...hit].map((id) => {
        const p = v.sigma.graphToViewport({ x: v.graph.getNodeAttribute(id, 'x') as number, y: v.graph.getNodeAttribute(id, 'y') as number });
        return { id, inside: p.x >= 0 && p.x <= width && p.y >= 0 && p.y <= height };
      });
    });
    expect(framed.length).toBeGreaterThan(1);
    expect(framed.filter((f) => !f.inside)).toEqual([]);

    // Two concentrations, each named: the ranking's production HHI, the impact's supply and production HHIs.
    expect(await page.locator('#market-hhi').textContent()).toMatch(/^Production HHI/);
    const heads = await page.locator('#impact-minerals th').allTextContents();
    expect(heads).toEqual(expect.arrayContaining(['Supply HHI before → after', 'Production HHI before → after']));
    expect(await page.locator('#impact-minerals td[data-hhi="production"]').first().textContent()).toMatch(/^[\d,]+ → [\d,]+$/);
    expect(await page.locator('#impact-minerals td[data-hhi="supply"]').first().textContent()).toMatch(/^[\d,]+ → [\d,]+$/);
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('browser Back steps back through view states (select, remove, mineral) instead of leaving the app', async () => {
    const page = await open('?mineral=niobium');
    await graphReady(page, 'niobium');
    const start = page.url();
    await page.locator('#chokepoints-table tbody tr[data-node="country:BRA"]').click();
    await waitText(page, '#details-panel h2', 'Brazil');
    await page.locator('#remove-node').click();
    await page.waitForFunction(() => (window as unknown as { chokepoint: ViewHandle }).chokepoint.store.getState().removed.length === 1);
    await page.selectOption('#mineral-select', 'beryllium');
    await graphReady(page, 'beryllium');

    await page.goBack();
    await graphReady(page, 'niobium');
    expect(await state(page)).toMatchObject({ mineral: 'niobium', removed: ['country:BRA'], selected: 'country:BRA' });
    await page.goBack();
    await page.waitForFunction(() => (window as unknown as { chokepoint: ViewHandle }).chokepoint.store.getState().removed.length === 0);
    expect(await state(page)).toMatchObject({ mineral: 'niobium', removed: [], selected: 'country:BRA' });
    await page.goBack();
    await page.waitForFunction(() => (window as unknown as { chokepoint: ViewHandle }).chokepoint.store.getState().selected === null);
    // Back at the first view, still in the app (the view settled its year on that entry without adding one).
    expect(page.url()).toBe(start);
    await page.goForward();
    await page.waitForFunction(() => (window as unknown as { chokepoint: ViewHandle }).chokepoint.store.getState().selected === 'country:BRA');
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('a shared link opens the same what-if: mineral, removal and selection from the URL', async () => {
    const page = await open('?mineral=niobium&removed=country:BRA&sel=country:BRA');
    await graphReady(page, 'niobium');
    await page.locator('#impact-table tbody tr').first().waitFor({ timeout: 10_000 });
    await waitText(page, '#details-panel h2', 'Brazil');
    expect(await page.locator('#removed-list .chip').count()).toBe(1);
    // The selection dims the rest of the graph, not the what-if's answer: Canada still supplies and keeps its colour
    await page.waitForFunction(() => (window as unknown as { chokepoint: ViewHandle }).chokepoint.store.getState().impactStatus === 'ready');
    const canada = await page.evaluate(() => (window as unknown as { chokepoint: ViewHandle }).chokepoint.sigma.getNodeDisplayData('country:CAN')!);
    expect(canada.color).not.toBe('#cdcdcd');
    // (With 60 named consumers the labels go to the largest losses first: Canada keeps its colour, not always a label.)
    await page.close();
  });

  it('a link to a node that does not exist says so and offers the nearest ids, with no Remove button', async () => {
    const page = await open('?sel=country:ZZZ');
    const card = page.locator('#details-panel [data-state="not-found"]');
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain('country:ZZZ');
    expect(await page.locator('#remove-node').count()).toBe(0);
    const suggestion = page.locator('#details-panel .suggestions button').first();
    const id = (await suggestion.getAttribute('data-id'))!;
    expect(id).toMatch(/^country:[A-Z]{3}$/);
    await suggestion.click();
    expect((await state(page)).selected).toBe(id);
    await page.close();
  });

  it('a mineral or year the data does not have: a way out (suggestion, reset filters), no Retry, the map centred', async () => {
    const page = await open('?mineral=niobiu');
    const box = page.locator('#status [data-state="error"]');
    await box.waitFor({ timeout: 20_000 });
    expect(await box.locator('button[data-action="retry"]').count()).toBe(0);
    expect(await box.locator('button[data-action="suggestion"]').textContent()).toBe('Show niobium');
    await page.waitForTimeout(300);
    // The map outline is drawn for the world's frame even with no graph: centred in the graph area
    const land = await landExtent(page);
    expect(Math.abs((land.left + land.right) / 2 - land.width / 2)).toBeLessThan(0.05 * land.width);
    expect(Math.abs((land.top + land.bottom) / 2 - land.height / 2)).toBeLessThan(0.15 * land.height);
    await page.screenshot({ path: path.join(ARTIFACTS, 'view-unknown-mineral.png') });
    await box.locator('button[data-action="reset"]').click();
    await graphReady(page, 'all');
    const after = await state(page);
    expect(after).toMatchObject({ mineral: 'all', stage: 'all', graphStatus: 'ready' });
    expect(page.url()).not.toContain('mineral=');
    await page.close();
  });

  it('exports the view as PNG (with legend) and the subgraph as GEXF', async () => {
    const page = await open('?mineral=niobium');
    await graphReady(page, 'niobium');
    await page.locator('#export-menu summary').click();
    const pngDownload = page.waitForEvent('download');
    await page.locator('#export-png').click();
    const png = readFileSync((await (await pngDownload).path())!);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
    writeFileSync(path.join(ARTIFACTS, 'export-niobium.png'), png);

    await page.locator('#export-menu summary').click();
    const gexfDownload = page.waitForEvent('download');
    await page.locator('#export-gexf').click();
    const gexf = parseGexf(MultiDirectedGraph, readFileSync((await (await gexfDownload).path())!, 'utf8'));
    const shown = await page.evaluate(() => {
      const v = (window as unknown as { chokepoint: ViewHandle }).chokepoint;
      return { order: v.graph.order, size: v.graph.size };
    });
    expect(gexf.order).toBe(shown.order);
    expect(gexf.size).toBe(shown.size);
    expect(gexf.getNodeAttribute('mine:bra-niobium', 'kind')).toBe('mine');
    await page.close();
  });

  it('says so when the API is down, and recovers on retry', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.route('**/api/graph**', (route) => route.abort('connectionrefused'));
    await page.goto(`${base}/`);
    const box = page.locator('#status [data-state="error"]');
    await box.waitFor({ timeout: 20_000 });
    expect(await box.textContent()).toContain('could not be loaded');
    await page.screenshot({ path: path.join(ARTIFACTS, 'view-api-down.png') });
    await page.unroute('**/api/graph**');
    await box.locator('button[data-action="retry"]').click();
    await graphReady(page);
    await expect(page.locator('#status').textContent()).resolves.toBe('');
    await page.close();
  });

  it('says so when the filter matches no flow', async () => {
    // Potash has no trade-stage flow (no BACI code, no US intermediary); niobium has BACI trade since issue 11.
    const page = await open('?mineral=potash&stage=trade');
    await graphReady(page, 'potash');
    await waitText(page, '#status [data-state="empty"]', 'No flows match');
    await page.close();
  });

  it('works at phone width: the map over most of the screen height, panels stacked below it', async () => {
    const page = await open('?mineral=niobium&removed=country:BRA', { width: 390, height: 844 });
    await graphReady(page, 'niobium');
    await page.locator('#impact-table tbody tr').first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(400);
    expect(await colouredPixels(page)).toBeGreaterThan(200);
    const graphBox = (await page.locator('#stage').boundingBox())!;
    const sideBox = (await page.locator('#side').boundingBox())!;
    expect(graphBox.width).toBeLessThanOrEqual(390);
    expect(graphBox.height).toBeGreaterThanOrEqual(0.55 * 844);
    expect(sideBox.y).toBeGreaterThanOrEqual(graphBox.y + graphBox.height - 1);
    // Not a thin strip: the map is zoomed to fill most of the stage's height
    const land = await landExtent(page);
    expect(land.bottom - land.top).toBeGreaterThan(0.6 * land.height);
    // Labels stay inside the stage (the removal's shortened if need be) and never overprint
    const placed = await placedLabels(page);
    // At phone width the removal and at least one consumer's loss are labelled (which consumers fit varies).
    expect(placed.map(([n]) => n)).toContain('country:BRA');
    expect(placed.length).toBeGreaterThan(1);
    for (const [node, p] of placed.filter(([n]) => ['country:BRA', 'country:CHN', 'country:USA'].includes(n))) {
      expect(p.box.x, node).toBeGreaterThanOrEqual(0);
      expect(p.box.x + p.box.width, node).toBeLessThanOrEqual(graphBox.width);
    }
    expectNoOverprint(placed);
    await page.screenshot({ path: path.join(ARTIFACTS, 'view-phone.png'), fullPage: true });
    await page.close();
  });
});
