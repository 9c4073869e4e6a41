import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRunnable, openWebHarness, poll, shot, type WebHarness } from '../support/web-harness.ts';

/**
 * Event-based surveillance in a real browser on the demo store (253 WHO Disease Outbreak News reports
 * ingested as event-based signals): the inbox shows them, a signal's page lists its story's reports,
 * an analyst marks one not relevant (stored, as the API shows), the sources page shows the demo
 * source's health, and markup in a report title is shown as text, never run.
 */
const runnable = browserTestsRunnable('web-reports.test.ts');
const DEMO_SOURCE = 'WHO Disease Outbreak News (demo sample)';

let harness: WebHarness | undefined;

afterAll(async () => {
  await harness?.close();
});

interface SignalItem {
  readonly id: string;
  readonly title: string;
  readonly priority: string;
  readonly lastEpoch: string;
  readonly explanation: { readonly details?: { storyId?: string; reportCount?: number; flags?: string[] } };
}

async function apiJson<T>(page: Page, path: string): Promise<T> {
  const r = await page.request.get(`${harness?.baseUrl}${path}`);
  expect(r.status(), `${path}: ${await r.text()}`).toBe(200);
  return (await r.json()) as T;
}

async function eventSignals(page: Page): Promise<SignalItem[]> {
  const out: SignalItem[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `/api/signals?source=event-based&limit=200${cursor === null ? '' : `&cursor=${cursor}`}`;
    const p: { items: SignalItem[]; nextCursor: string | null } = await apiJson(page, q);
    out.push(...p.items);
    cursor = p.nextCursor;
  } while (cursor !== null);
  return out;
}

describe.skipIf(!runnable)('event-based signals and their reports in a real browser', () => {
  beforeAll(async () => {
    harness = await openWebHarness();
  }, 180_000);

  it('shows event-based signals in the inbox, a story’s reports on its page, and stores a “not relevant”', async () => {
    if (harness === undefined) throw new Error('no harness');
    const context = await harness.newContext();
    const page = await context.newPage();
    await harness.signIn(page, 'ines', '/signals');
    await page.locator('select[name=source]').selectOption('event-based');
    const grid = page.locator('table.signals tbody');
    await poll(() => grid.textContent()).toContain('Illness of unknown cause');
    // Black-swan signals carry a badge beside their title (and are high priority).
    await poll(() => grid.textContent()).toContain('Black swan');
    await poll(() => page.getByTestId('total').textContent()).toMatch(/^\d[\d,]* signals$/);
    await shot(page, 'reports-01-inbox-event-based');

    // A story of several reports (the demo's Ebola, plague or avian influenza stories).
    const signals = await eventSignals(page);
    const story = signals
      .filter((s) => (s.explanation.details?.reportCount ?? 0) >= 3)
      .sort(
        (a, b) => (b.explanation.details?.reportCount ?? 0) - (a.explanation.details?.reportCount ?? 0),
      )[0];
    expect(story).toBeDefined();
    const storyId = story?.explanation.details?.storyId ?? 'missing';
    const reports = await apiJson<{ items: { id: string; title: string; duplicateOf: string | null }[] }>(
      page,
      `/api/reports?story=${storyId}&limit=200`,
    );
    await page.goto(`${harness.baseUrl}/signals/${story?.id}`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(story?.title);
    const rows = page.getByTestId('report-row');
    await poll(() => rows.count()).toBe(reports.items.length);
    expect(reports.items.length).toBeGreaterThanOrEqual(3);
    const panel = page.getByTestId('signal-reports');
    for (const r of reports.items.slice(0, 3)) expect(await panel.textContent()).toContain(r.title);
    const header = (await panel.locator('thead').textContent()) ?? '';
    for (const col of [
      'Published',
      'Source',
      'Language',
      'Affected countries',
      'Hazards',
      'Cases / deaths',
      'Relevance',
    ])
      expect(header).toContain(col);
    expect(await rows.first().textContent()).toContain(DEMO_SOURCE);
    expect(await rows.first().textContent()).toContain('English');

    // Mark the first report not relevant: the page says so, and the store has it.
    const first = rows.first();
    const firstId = ((await first.getAttribute('id')) ?? '').replace(/^report-/, '');
    await first.getByRole('button', { name: 'Not relevant' }).click();
    await poll(() => first.getByTestId('report-judgement').textContent()).toBe('You marked it not relevant.');
    expect(await first.getByRole('button', { name: 'Not relevant' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const stored = await apiJson<{ mine: { relevant: boolean; userId: string } | null; history: unknown[] }>(
      page,
      `/api/reports/${firstId}/feedback`,
    );
    expect(stored.mine?.relevant).toBe(false);
    expect(stored.history).toHaveLength(1);
    await shot(page, 'reports-02-signal-reports');

    // After a reload the judgement is still shown.
    await page.reload();
    await poll(() =>
      page.getByTestId('report-row').first().getByTestId('report-judgement').textContent(),
    ).toBe('You marked it not relevant.');
    await context.close();
  }, 90_000);

  it('flags a black-swan signal (illness of unknown cause) as high priority on its page', async () => {
    if (harness === undefined) throw new Error('no harness');
    const context = await harness.newContext();
    const page = await context.newPage();
    await harness.signIn(page, 'ines', '/signals');
    await poll(() => page.getByTestId('total').textContent()).toMatch(/signals$/);
    const wuhan = (await eventSignals(page)).find(
      (s) => s.title.startsWith('Illness of unknown cause') && s.lastEpoch === '2020-01-05',
    );
    expect(wuhan?.priority).toBe('high');
    await page.goto(`${harness.baseUrl}/signals/${wuhan?.id}`);
    const flag = page.getByTestId('black-swan');
    await poll(() => flag.textContent()).toContain('Illness of unknown cause');
    expect(await flag.textContent()).toContain('Black swan');
    expect(await page.locator('dl.facts').first().textContent()).toContain('High');
    await poll(() => page.getByTestId('report-row').count()).toBe(1);
    expect(await page.getByTestId('report-title').textContent()).toContain('(no title)');
    await shot(page, 'reports-03-black-swan');
    // The same panel in Chinese.
    await page.getByLabel('Language').selectOption('zh-CN');
    await poll(() => flag.textContent()).toContain('黑天鹅');
    expect(await flag.textContent()).toContain('不明原因疾病');
    expect(await page.getByRole('heading', { name: '报告（1）' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '不相关' }).count()).toBe(1);
    await shot(page, 'reports-03-black-swan-zh');
    await context.close();
  }, 60_000);

  it('shows the demo source’s health on the sources page, and lets the administrator edit a source', async () => {
    if (harness === undefined) throw new Error('no harness');
    const context = await harness.newContext();
    const page = await context.newPage();
    await harness.signIn(page, 'admin', '/');
    await page.getByRole('link', { name: 'Sources' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Report sources');
    const row = page.getByTestId('source-row').filter({ hasText: DEMO_SOURCE });
    await poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('source-items').textContent()).toBe('253');
    expect(await row.getByTestId('source-last-success').textContent()).not.toBe('never');
    expect(await row.getByTestId('source-last-error').textContent()).toBe('none');
    await shot(page, 'reports-04-sources');

    // Add a feed source, then disable it.
    await page.getByRole('button', { name: 'Add a source' }).click();
    await page.getByLabel('Name').fill('Example outbreak feed');
    await page.getByLabel('Feed address (http or https)').fill('https://feeds.example.org/outbreaks.xml');
    await page.getByRole('button', { name: 'Save' }).click();
    const added = page.getByTestId('source-row').filter({ hasText: 'Example outbreak feed' });
    await poll(() => added.count()).toBe(1);
    expect(await added.textContent()).toContain('never');
    await added.getByRole('button', { name: 'Disable: Example outbreak feed' }).click();
    await poll(() => added.textContent()).toContain('No (disabled)');
    const sources = await apiJson<{ items: { name: string; active: boolean }[] }>(page, '/api/sources');
    expect(sources.items.find((s) => s.name === 'Example outbreak feed')?.active).toBe(false);
    await context.close();
  }, 60_000);

  it('shows markup in a report title as text and never runs it', async () => {
    if (harness === undefined) throw new Error('no harness');
    const context = await harness.newContext();
    const page = await context.newPage();
    await harness.signIn(page, 'admin', '/');
    await poll(() => page.getByTestId('role').textContent()).toBe('Administrator');
    const source = (
      await apiJson<{ items: { id: string; name: string }[] }>(page, '/api/sources')
    ).items.find((s) => s.name === DEMO_SOURCE);
    // Entities decode to a literal tag: the stored title holds "<script>…" and "<img … onerror>" as text.
    const posted = await page.request.post(`${harness.baseUrl}/api/sources/${source?.id}/reports`, {
      data: {
        items: [
          {
            id: 'injection-1',
            title:
              '&lt;img src=x onerror="window.__pwned=1"&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt; Cholera outbreak in Chad',
            text: "Chad: the Ministry of Health reported 25 cases of cholera and 3 deaths in N'Djamena this week.",
            published: '2026-11-27',
          },
        ],
      },
    });
    expect(posted.status()).toBe(200);
    const outcome = (await posted.json()) as { signalIds: string[]; items: { reportId?: string }[] };
    expect(outcome.signalIds.length).toBeGreaterThan(0);
    const report = await apiJson<{ title: string }>(page, `/api/reports/${outcome.items[0]?.reportId}`);
    expect(report.title).toContain('<script>');
    await page.goto(`${harness.baseUrl}/signals/${outcome.signalIds[0]}`);
    const title = page.getByTestId('report-title');
    await poll(() => title.count()).toBe(1);
    expect(await title.textContent()).toBe(report.title);
    expect(await page.getByTestId('signal-reports').locator('img, script').count()).toBe(0);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    await shot(page, 'reports-05-injection-as-text');
    await context.close();
  }, 60_000);
});
