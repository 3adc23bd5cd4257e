// End-to-end: the year slider in real Chromium (Debian's, playwright-core) against the real API on the shipped dataset:
// moving the slider and playing redraw the graph for each year, the URL carries the year, the current removal's impact
// is recomputed for the year on screen (the API's own 2021 figure), and the details show share and HHI sparklines.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { impact } from '../../src/analysis/impact.ts';
import { readShippedDataset } from '../../src/data/index.ts';
import { buildSupplyGraph } from '../../src/domain/graph.ts';
import { hasChromium, useView } from './browser.ts';

interface ViewState {
  graphStatus: string;
  year: number | null;
  years: number[];
  impactStatus: string;
  impact: { year: number; minerals: Array<{ mineral: string; tonnesLost: number }> } | null;
}

describe.skipIf(!hasChromium)('year slider in Chromium', () => {
  const view = useView();

  const state = (page: Page): Promise<ViewState> =>
    page.evaluate(() => (window as unknown as { chokepoint: { store: { getState(): ViewState } } }).chokepoint.store.getState());
  const ready = (page: Page, year: number) =>
    page.waitForFunction(
      (y) => {
        const s = (window as unknown as { chokepoint?: { store: { getState(): ViewState } } }).chokepoint?.store.getState();
        return !!s && s.graphStatus === 'ready' && s.year === y && s.impactStatus !== 'loading';
      },
      year,
      { timeout: 60_000 },
    );

  it('the slider moves the year: graph, URL and the removal impact follow (DRC cobalt 2021 = the API figure)', async () => {
    const page = await view.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${view.base}/?mineral=cobalt&removed=country:COD`);
    await ready(page, 2025);
    const s0 = await state(page);
    expect(s0.years).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(await page.locator('#year-slider').getAttribute('max')).toBe('5');
    // Slider index 1 = 2021.
    await page.locator('#year-slider').fill('1');
    await ready(page, 2021);
    expect(page.url()).toContain('year=2021');
    expect(await page.locator('#year-slider-label').textContent()).toBe('2021');
    const s1 = await state(page);
    const expected = impact(buildSupplyGraph(await readShippedDataset()), { remove: ['country:COD'], mineral: 'cobalt', year: 2021 });
    expect(s1.impact!.year).toBe(2021);
    expect(s1.impact!.minerals[0]!.tonnesLost).toBeCloseTo(expected.minerals[0]!.tonnesLost, 6);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('play steps through the years and pause stops it', async () => {
    const page = await view.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${view.base}/?mineral=cobalt&year=2022`);
    await ready(page, 2022);
    await page.locator('#year-play').click();
    expect(await page.locator('#year-play').getAttribute('aria-pressed')).toBe('true');
    await ready(page, 2023);
    await page.locator('#year-play').click();
    const stopped = (await state(page)).year;
    await page.waitForTimeout(2500);
    expect((await state(page)).year).toBe(stopped);
    expect(await page.locator('#year-play').getAttribute('aria-pressed')).toBe('false');
    await page.close();
  });

  it("the details of a producer show its share and the market's HHI over the years", async () => {
    const page = await view.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${view.base}/?mineral=cobalt&stage=mine&sel=mine:cod-cobalt`);
    await page.waitForSelector('svg.sparkline', { timeout: 60_000 });
    const points = await page.locator('svg.sparkline').first().getAttribute('data-points');
    const byYear = Object.fromEntries(points!.split(',').map((p) => p.split(':').map(Number)));
    expect(Object.keys(byYear).map(Number)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(byYear[2021]).toBeCloseTo(119000 / 165000, 4);
    await page.close();
  });
});
