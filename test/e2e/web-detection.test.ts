import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  browserTestsRunnable,
  openWebHarness,
  poll,
  shot,
  type WebHarness,
} from '../support/web-harness.ts';

/**
 * The detection view in a real browser on the demo data: a real indicator signal's chart draws the whole
 * band of its own method with the numbers of the API in its accessible table; re-running with a
 * stricter alpha overlays a second bound with fewer (or as many) alarms and lists the disagreements; the
 * series explorer runs EARS C3 on a chosen series.
 */
const runnable = browserTestsRunnable('web-detection.test.ts');

let harness: WebHarness | undefined;
let browser: Browser | undefined;
let baseUrl = '';

afterAll(async () => {
  await harness?.close();
});

interface ApiEpoch {
  readonly epoch: string;
  readonly upperBound: number | null;
  readonly alarm: boolean | null;
}

/** The chart's accessible table: one row per monitored period with raw values in data-value. */
async function summaryRows(page: Page) {
  return page.getByTestId('chart-summary').evaluate((table) =>
    [...table.querySelectorAll('tbody tr')].map((tr) => ({
      epoch: tr.getAttribute('data-epoch') ?? '',
      values: [...tr.querySelectorAll('td')].map((td) => td.getAttribute('data-value') ?? ''),
    })),
  );
}

describe.skipIf(!runnable)('the detection view in a real browser', () => {
  beforeAll(async () => {
    harness = await openWebHarness();
    ({ browser, baseUrl } = harness);
  }, 120_000);

  it("draws a real signal's band, matches the API's numbers, and compares a stricter alpha", async () => {
    if (browser === undefined || harness === undefined) throw new Error('no browser');
    const context = await harness.newContext();
    const page = await context.newPage();
    await harness.signIn(page, 'ana', '/signals');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Signal inbox');

    // A real indicator signal of the improved Farrington configuration (salmonellosis, campylobacteriosis…).
    const list = await page.request.get(`${baseUrl}/api/signals?source=indicator&limit=200`);
    expect(list.status()).toBe(200);
    const items = (await list.json()).items as Array<{
      id: string;
      seriesId: string;
      explanation: { algorithm: string; control: Record<string, unknown> };
    }>;
    const signal = items.find((s) => s.explanation.algorithm === 'farringtonFlexible') ?? items[0];
    expect(signal).toBeDefined();
    await page.goto(`${baseUrl}/signals/${signal.id}`);

    const chart = page.getByTestId('series-chart');
    await poll(() => chart.locator('canvas').count(), { timeout: 20_000 }).toBe(1);
    await poll(() => page.getByTestId('run-a-alarms').count(), { timeout: 20_000 }).toBe(1);
    // Observed, expected, upper bound and alarms drawn, with one band below the bound.
    await poll(() => chart.getAttribute('data-series')).toBe('4');
    expect(await chart.getAttribute('data-bands')).toBe('1');
    const legend = (await chart.locator('.u-legend').textContent()) ?? '';
    for (const label of ['Observed', 'Expected', 'Upper bound', 'Alarm']) expect(legend).toContain(label);
    expect(await page.locator('.detection-chart-key').textContent()).toContain(
      'Band: from the expected count',
    );
    expect(await page.getByTestId('run-a').textContent()).toContain(signal.explanation.algorithm);

    // The accessible table holds the API's numbers for every monitored period.
    const rows = await summaryRows(page);
    expect(rows.length).toBeGreaterThan(20);
    const api = await page.request.post(`${baseUrl}/api/series/${signal.seriesId}/detection`, {
      data: {
        algorithm: signal.explanation.algorithm,
        options: signal.explanation.control,
        from: rows[0].epoch,
        to: rows[rows.length - 1].epoch,
      },
    });
    expect(api.status()).toBe(200);
    const run = (await api.json()) as { alarms: number; epochs: ApiEpoch[] };
    expect(run.epochs.map((e) => e.epoch)).toEqual(rows.map((r) => r.epoch));
    run.epochs.forEach((e, i) => {
      // Columns: observed, expected, upper bound, alarm.
      expect(rows[i].values[2]).toBe(e.upperBound === null ? '' : String(e.upperBound));
      expect(rows[i].values[3]).toBe(String(e.alarm));
    });
    expect(await page.getByTestId('run-a-alarms').textContent()).toBe(String(run.alarms));
    await shot(page, 'detection-01-signal-band');

    // Re-run with alpha 0.01: the comparison's bound is drawn too, with no more alarms than before.
    const form = page.locator('form.detection-compare');
    await form.locator('input[name=alpha]').fill('0.01');
    await form.getByRole('button', { name: 'Run and compare' }).click();
    await poll(() => page.getByTestId('compare-counts').count(), { timeout: 20_000 }).toBe(1);
    const counts = (await page.getByTestId('compare-counts').textContent()) ?? '';
    const [a, b] = [...counts.matchAll(/(\d+) alarms/g)].map((m) => Number(m[1]));
    expect(a).toBe(run.alarms);
    expect(b).toBeLessThanOrEqual(a);
    await poll(() => chart.getAttribute('data-series')).toBe('6');
    expect(await chart.locator('.u-legend').textContent()).toContain('Upper bound (comparison)');
    expect(await page.getByTestId('run-b').textContent()).toContain('alpha = 0.01');
    const disagreements = page.getByTestId('disagreements');
    if (b < a) expect(await disagreements.locator('tbody tr').count()).toBeGreaterThanOrEqual(a - b);
    else expect(await disagreements.textContent()).toContain('agree');
    await shot(page, 'detection-02-signal-compare');
    await page
      .locator('figure.detection-chart')
      .screenshot({ path: join(ARTIFACTS, 'detection-02-chart.png') });

    // A bad option is refused in plain words naming it.
    await form.locator('input[name=alpha]').fill('2');
    await form.getByRole('button', { name: 'Run and compare' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain('options.alpha');
    await context.close();
  }, 90_000);

  it('runs EARS C3 on a chosen series in the series explorer', async () => {
    if (browser === undefined || harness === undefined) throw new Error('no browser');
    const context = await harness.newContext();
    const page = await context.newPage();
    await harness.signIn(page, 'ana', '/series');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Series explorer');
    // Only hazards with series are on offer (the catalogue has 754), so salmonellosis is among them.
    await poll(() => page.locator('select[name=seriesHazard] option').allTextContents()).toContain(
      'Salmonellosis',
    );
    expect(await page.locator('select[name=seriesHazard] option').count()).toBeLessThan(20);
    await page.locator('select[name=seriesHazard]').selectOption({ label: 'Salmonellosis' });
    await poll(() =>
      page.locator('select[name=seriesStratum] option', { hasText: 'serotype=Hadar' }).count(),
    ).toBe(1);
    await page.locator('select[name=seriesStratum]').selectOption('serotype=Hadar');
    await poll(() => page.locator('select[name=series] option').allTextContents()).toEqual([
      'Salmonellosis — Germany (serotype=Hadar)',
    ]);
    const chart = page.getByTestId('series-chart');
    await poll(() => chart.locator('canvas').count()).toBe(1);
    expect(await chart.getAttribute('data-series')).toBe('1');

    await poll(() => page.locator('select[name=algorithm] option').count()).toBe(10);
    await page.locator('select[name=algorithm]').selectOption('earsC');
    await page.locator('form.detection-run select[name=method]').selectOption('C3');
    await page.getByRole('button', { name: 'Run detection' }).click();
    await poll(() => page.getByTestId('explore-run-alarms').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('explore-run').textContent()).toContain('method = C3');
    expect(await page.getByTestId('explore-run').textContent()).toContain('alpha = 0.025');
    await poll(() => chart.getAttribute('data-series')).toBe('4');
    expect(await chart.getAttribute('data-bands')).toBe('1');
    const rows = await summaryRows(page);
    expect(rows).toHaveLength(104);
    const alarms = rows.filter((r) => r.values[3] === 'true').length;
    expect(await page.getByTestId('explore-run-alarms').textContent()).toBe(String(alarms));
    await shot(page, 'detection-03-series-explorer');
    await page
      .locator('figure.detection-chart')
      .screenshot({ path: join(ARTIFACTS, 'detection-03-chart.png') });

    // The same view in Chinese: legend, key and the run's facts.
    await page.getByLabel('Language').selectOption('zh-CN');
    await poll(() => page.locator('.detection-chart-key').textContent()).toContain('阴影带：从期望值到上限');
    expect(await chart.locator('.u-legend').textContent()).toContain('上限');
    expect(await page.getByTestId('explore-run').textContent()).toContain('检测器版本');
    // The options' meanings too (the server sends them in English).
    expect(await page.locator('form.detection-run').textContent()).toContain(
      '显著性水平（null：C1/C2 为 0.001，C3 为 0.025）',
    );
    await shot(page, 'detection-04-series-explorer-zh');
    await context.close();
  }, 90_000);
  it('opens the explorer on the place a link names (as the map links do)', async () => {
    if (browser === undefined || harness === undefined) throw new Error('no browser');
    const context = await harness.newContext();
    const page = await context.newPage();
    await harness.signIn(page, 'ana', '/series');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Series explorer');
    const list = await page.request.get(`${baseUrl}/api/series?limit=500`);
    expect(list.status()).toBe(200);
    const body = (await list.json()) as { items: ReadonlyArray<{ placeId: string }> };
    const district = body.items.find((s) => /^DE-\d{5}$/.test(s.placeId))?.placeId;
    if (district === undefined) throw new Error('the demo data has no district series');
    const expected = body.items.filter((s) => s.placeId === district).length;

    await page.goto(`${baseUrl}/series?place=${district}`);
    await poll(() => page.locator('select[name=seriesPlace]').inputValue()).toBe(district);
    await poll(() => page.locator('select[name=series] option').count()).toBe(expected);
    await context.close();
  }, 90_000);
});
