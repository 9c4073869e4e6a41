import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRunnable, openWebHarness, poll, shot, type WebHarness } from '../support/web-harness.ts';

/**
 * The maps in a real browser on the demo store: the situation board's districts coloured by the
 * aggregate endpoint, and the map page's layers (world, China's provinces, one country's regions) with
 * one shape per feature of the bundled TopoJSON, hover values, legend, and links carrying the place.
 */
const runnable = browserTestsRunnable('web-map.test.ts');
const GEO = join(import.meta.dirname, '..', '..', 'datasets', 'geo');

/** The number of features of a bundled layer, read from the file itself. */
function featureCount(file: string, object: string): number {
  const topology = JSON.parse(readFileSync(join(GEO, file), 'utf8')) as {
    objects: Record<string, { geometries: unknown[] }>;
  };
  return topology.objects[object].geometries.length;
}

/** Patience for decoding and drawing a large layer on a loaded machine. */
const SLOW = { timeout: 40_000 };
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let harness: WebHarness | undefined;

/** axe-core's serious and critical violations on the page (rule and the first offending element). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  // (a string: the test's TypeScript has no DOM types)
  const violations = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  )) as ReadonlyArray<{ id: string; impact: string | null; nodes: ReadonlyArray<{ html: string }> }>;
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes[0]?.html.slice(0, 160) ?? ''}`);
}

afterAll(async () => {
  await harness?.close();
});

/** The API's values for a level, as the signed-in page's own session reads them. */
async function apiValues(page: Page, query: string): Promise<Map<string, number>> {
  const response = await page.request.get(`${harness?.baseUrl}/api/signals/map?${query}`);
  expect(response.status()).toBe(200);
  const rows = (await response.json()) as Array<{ placeId: string; value: number }>;
  return new Map(rows.map((r) => [r.placeId, r.value]));
}

/** place id → drawn count of every feature link of a map. */
async function drawnCounts(page: Page, testId: string): Promise<Map<string, number>> {
  const pairs = await page
    .getByTestId(testId)
    .locator('a')
    .evaluateAll((links) =>
      links.map((a) => [
        a.getAttribute('data-place') ?? '',
        Number(a.querySelector('path')?.getAttribute('data-count')),
      ]),
    );
  return new Map(pairs as Array<[string, number]>);
}

describe.skipIf(!runnable)('maps in a real browser', () => {
  beforeAll(async () => {
    harness = await openWebHarness();
  }, 120_000);

  it("colours the board's 140 districts with the API's open-signal counts, and a district opens its signals", async () => {
    if (harness === undefined) throw new Error('no harness');
    const context = await harness.newContext();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await harness.signIn(page, 'ana', '/');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Situation board');

    const map = page.getByTestId('district-map');
    await poll(() => map.locator('a').count()).toBe(140);
    const api = await apiValues(page, 'level=admin2&metric=signals');
    const drawn = await drawnCounts(page, 'district-map');
    expect(drawn.size).toBe(140);
    for (const [placeId, count] of drawn) expect(count, placeId).toBe(api.get(placeId) ?? 0);
    const [busiest, most] = [...drawn].reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(most).toBeGreaterThan(0);
    // The API's count is the inbox's: the same open signals of that district.
    const inbox = await page.request.get(`${harness.baseUrl}/api/signals?place=${busiest}&limit=1`);
    expect(((await inbox.json()) as { total: number }).total).toBe(most);

    const legend = page.getByTestId('map-legend');
    expect(await legend.getAttribute('aria-label')).toBe('Open signals per district');
    expect(await legend.locator('li').count()).toBeGreaterThan(1);
    const area = map.locator(`a[data-place="${busiest}"]`);
    const name = ((await area.getAttribute('aria-label')) ?? '').split(':')[0];
    await area.hover();
    await poll(() => page.getByTestId('map-focus').textContent(), SLOW).toBe(`${name}: ${most} open signals`);
    await shot(page, 'map-01-board');
    await area.click();
    await poll(() => new URL(page.url()).searchParams.get('place')).toBe(busiest);
    expect(new URL(page.url()).pathname).toBe('/signals');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Signal inbox');
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 180_000);

  it("switches the map page to the world and China's provinces, one shape per bundled feature", async () => {
    if (harness === undefined) throw new Error('no harness');
    const context = await harness.newContext();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await harness.signIn(page, 'ana', '/');
    await page.getByRole('navigation').getByRole('link', { name: 'Map' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Map');
    const map = page.getByTestId('area-map');
    await poll(() => map.locator('a').count()).toBe(140);

    // The world: every country of the 1:50m file drawn; Germany carries the API's count.
    await page.locator('select[name=layer]').selectOption('world');
    const countries = featureCount('ne-countries-50m.topo.json', 'countries');
    await poll(() => map.locator('path').count(), SLOW).toBe(countries);
    const perCountry = await apiValues(page, 'level=country&metric=signals');
    const germany = perCountry.get('DE') ?? 0;
    expect(germany).toBeGreaterThan(0);
    await poll(async () => (await drawnCounts(page, 'area-map')).get('DE')).toBe(germany);
    await map.locator('a[data-place="DE"]').hover();
    await poll(() => page.getByTestId('map-focus').textContent(), SLOW).toBe(
      `Germany: ${germany} open signals`,
    );
    expect(await page.getByTestId('map-legend').locator('li').count()).toBeGreaterThan(1);
    // Territories without an ISO code are drawn but are not links.
    expect(await map.locator('a').count()).toBe(countries - 4);
    expect(await seriousViolations(page)).toEqual([]);
    expect(
      await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      ),
    ).toBe(0);
    await shot(page, 'map-02-world');

    // China's provinces (and the districts of Taiwan, Hong Kong and Macao).
    await page.locator('select[name=layer]').selectOption('china');
    await poll(() => map.locator('path').count(), SLOW).toBe(
      featureCount('ne-china-admin1.topo.json', 'admin1'),
    );
    expect(await map.locator('a[data-place="CN-BJ"]').getAttribute('aria-label')).toBe(
      'Beijing: 0 open signals',
    );
    // Keyboard: focusing a province shows its value too.
    await map.locator('a[data-place="CN-HB"]').focus();
    await poll(() => page.getByTestId('map-focus').textContent(), SLOW).toBe('Hubei: 0 open signals');
    await shot(page, 'map-03-china');

    // One country's first-level regions: Germany's 16 states, Bavaria with the API's count.
    await page.locator('select[name=layer]').selectOption('admin1');
    await page.locator('select[name=country]').selectOption('DE');
    await poll(() => map.locator('path').count(), SLOW).toBe(featureCount('admin1/DE.topo.json', 'admin1'));
    const perState = await apiValues(page, 'level=admin1&metric=signals&place=DE');
    await poll(async () => (await drawnCounts(page, 'area-map')).get('DE-BY')).toBe(
      perState.get('DE-BY') ?? 0,
    );
    expect(perState.get('DE-BY') ?? 0).toBeGreaterThan(0);
    await shot(page, 'map-04-germany');

    // Observed cases per district: a district opens the series explorer with its place.
    await page.locator('select[name=layer]').selectOption('districts');
    await page.locator('select[name=metric]').selectOption('observations');
    await poll(() => map.locator('a').count()).toBe(140);
    const cases = await apiValues(page, 'level=admin2&metric=observations');
    const [place, value] = [...cases].reduce((a, b) => (b[1] > a[1] ? b : a));
    await poll(async () => (await drawnCounts(page, 'area-map')).get(place)).toBe(value);
    await map.locator(`a[data-place="${place}"]`).click();
    await poll(() => new URL(page.url()).pathname).toBe('/series');
    expect(new URL(page.url()).searchParams.get('place')).toBe(place);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 180_000);
  it("shows an analyst of Bavaria only Bavaria's counts, and the map page in Chinese", async () => {
    if (harness === undefined) throw new Error('no harness');
    const context = await harness.newContext();
    const page = await context.newPage();
    await harness.signIn(page, 'bea', '/');
    const board = page.getByTestId('district-map');
    await poll(() => board.locator('a').count()).toBe(140);
    const drawn = await drawnCounts(page, 'district-map');
    // Baden-Württemberg's districts (keys 08…) lie outside her jurisdiction: nothing is counted there.
    const bw = [...drawn].filter(([id]) => id.startsWith('DE-08'));
    expect(bw.length).toBeGreaterThan(30);
    expect(bw.filter(([, n]) => n > 0)).toEqual([]);
    const bavaria = [...drawn].filter(([id]) => id.startsWith('DE-09'));
    expect(bavaria.reduce((sum, [, n]) => sum + n, 0)).toBeGreaterThan(0);

    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('navigation').getByRole('link', { name: '地图' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('地图');
    await page.locator('select[name=layer]').selectOption('china');
    const map = page.getByTestId('area-map');
    await poll(() => map.locator('path').count(), SLOW).toBe(
      featureCount('ne-china-admin1.topo.json', 'admin1'),
    );
    await map.locator('a[data-place="CN-HB"]').hover();
    await poll(() => page.getByTestId('map-focus').textContent(), SLOW).toBe('湖北省: 未结信号 0 条');
    // Nothing of hers lies in China: the page says so in plain words.
    expect(await page.locator('p.empty').textContent()).toBe(
      '在您的管辖范围内，按当前筛选条件，此图层上没有可统计的内容。',
    );
    expect(await page.getByTestId('map-legend').getAttribute('aria-label')).toBe('各区域未结信号');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'map-05-china-zh');
    await context.close();
  }, 180_000);
});
