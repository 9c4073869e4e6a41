import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRunnable, openWebHarness, poll, shot, type WebHarness } from '../support/web-harness.ts';

/**
 * Accessibility of the key pages on a 1366×768 laptop screen, in English and Chinese: axe-core finds no
 * serious or critical violation, no page scrolls sideways, and the virtualised inbox has a sensible focus
 * order, keyboard movement, loading and empty states.
 */
const runnable = browserTestsRunnable('web-accessibility.test.ts');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let harness: WebHarness | undefined;
/** A verified signal escalated to an event, and another (indicator) signal, made in beforeAll. */
let eventId = '';
let signalId = '';

afterAll(async () => {
  await harness?.close();
});

/** Calls the API as `username` (a session cookie from the login route). */
async function apiAs(username: string) {
  if (harness === undefined) throw new Error('no harness');
  const { baseUrl, logins } = harness;
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: logins.get(username) }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  return async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: ReadonlyArray<{ readonly target: ReadonlyArray<unknown>; readonly html: string }>;
}

/** axe-core's serious and critical violations on the page, one line each (rule, help, first elements). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  // (a string: the test's TypeScript has no DOM types)
  const violations: unknown = await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  );
  return (violations as ReadonlyArray<Violation>)
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => `${JSON.stringify(n.target)} ${n.html.slice(0, 160)}`)
          .join(', ')}`,
    );
}

/** How far the page is wider than the window (0: no sideways scrolling). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

/** The focused element as `tag:name` (name, label or text), or `rowN:tag` inside the inbox's row N. */
const FOCUS_STOP = `(() => {
  const el = document.activeElement;
  if (el === null) return 'none';
  const row = el.closest('tbody tr')?.getAttribute('data-index');
  const what = el.getAttribute('name') ?? el.getAttribute('aria-label') ?? el.textContent.trim();
  const tag = el.tagName.toLowerCase();
  return row === null || row === undefined ? tag + ':' + what : 'row' + row + ':' + tag;
})()`;
/** aria-rowindex of the row holding the focused element. */
const FOCUSED_ROW_INDEX = "document.activeElement?.closest('tr')?.getAttribute('aria-rowindex')";

interface KeyPage {
  readonly name: string;
  readonly user: string;
  readonly path: () => string;
  /** A selector that is there once the page has drawn its data. */
  readonly ready: string;
}

const KEY_PAGES: ReadonlyArray<KeyPage> = [
  { name: 'board', user: 'ana', path: () => '/', ready: '[data-testid=district-map] path' },
  { name: 'inbox', user: 'ana', path: () => '/signals', ready: 'table.signals tbody tr a' },
  { name: 'signal', user: 'ana', path: () => `/signals/${signalId}`, ready: 'canvas' },
  { name: 'series', user: 'ana', path: () => '/series', ready: 'h1' },
  { name: 'event', user: 'cora', path: () => `/events/${eventId}`, ready: '[data-testid=timeline]' },
  { name: 'tasks', user: 'cora', path: () => '/tasks', ready: '[data-testid=column-open]' },
  { name: 'audit', user: 'admin', path: () => '/audit', ready: 'h1' },
  { name: 'admin', user: 'admin', path: () => '/admin', ready: 'h1' },
];

describe.skipIf(!runnable)('accessibility of the web application at 1366×768', () => {
  beforeAll(async () => {
    harness = await openWebHarness();
    const cora = await apiAs('cora');
    const me = await cora<{ userId: string }>('GET', '/api/auth/me');
    const open = await cora<{ items: ReadonlyArray<{ id: string; version: number; source: string }> }>(
      'GET',
      '/api/signals?state=new&limit=5',
    );
    const [first, second] = open.items;
    if (first === undefined || second === undefined)
      throw new Error('the demo store has too few new signals');
    signalId = second.id;
    const path = `/api/signals/${encodeURIComponent(first.id)}/transitions`;
    const reviewed = await cora<{ version: number }>('POST', path, {
      version: first.version,
      to: 'under-review',
      reason: 'Checking the page for the accessibility test.',
    });
    await cora('POST', path, { version: reviewed.version, to: 'verified', reason: 'A real cluster.' });
    const departments = await cora<{ items: ReadonlyArray<{ id: string; name: string }> }>(
      'GET',
      '/api/departments',
    );
    const lead = departments.items.find((d) => d.name === 'Health authority') ?? departments.items[0];
    if (lead === undefined) throw new Error('the demo store has no departments');
    const event = await cora<{ id: string }>('POST', '/api/events', {
      signalIds: [first.id],
      title: 'Accessibility check event',
      leadDepartmentId: lead.id,
      coordinatorId: me.userId,
      reason: 'Escalated for the accessibility test.',
    });
    eventId = event.id;
  }, 120_000);

  for (const locale of ['en-GB', 'zh-CN'] as const) {
    it(`finds no serious or critical axe violation and no sideways scrolling on the login page (${locale})`, async () => {
      if (harness === undefined) throw new Error('no harness');
      const context = await harness.newContext(locale);
      context.setDefaultTimeout(30_000);
      const page = await context.newPage();
      await page.goto(`${harness.baseUrl}/`);
      await page.locator('input[type=password]').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await context.close();
    });

    for (const key of KEY_PAGES) {
      it(`finds no serious or critical axe violation and no sideways scrolling on the ${key.name} page (${locale})`, async () => {
        if (harness === undefined) throw new Error('no harness');
        const context = await harness.newContext();
        context.setDefaultTimeout(30_000);
        const page = await context.newPage();
        // Sign in in English (the harness fills English labels), then switch the language if asked.
        await harness.signIn(page, key.user, key.path());
        await page.locator('[data-testid=role]').waitFor();
        if (locale === 'zh-CN') await page.getByLabel('Language').selectOption('zh-CN');
        await page.locator(key.ready).first().waitFor({ timeout: 20_000 });
        await page.waitForLoadState('networkidle');
        expect(await page.evaluate<string>('document.documentElement.lang')).toBe(
          locale === 'zh-CN' ? 'zh-CN' : 'en',
        );
        expect(await seriousViolations(page)).toEqual([]);
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
        await shot(page, `a11y-${key.name}-${locale}`);
        await context.close();
      }, 60_000);
    }
  }

  it('moves focus through the inbox in reading order, with one tab stop in the list', async () => {
    if (harness === undefined) throw new Error('no harness');
    const context = await harness.newContext();
    const page = await context.newPage();
    await harness.signIn(page, 'ana', '/signals');
    await page.locator('table.signals tbody tr a').first().waitFor();
    await page.locator('select[name=state]').focus();
    const stops: string[] = [];
    for (let i = 0; i < 40 && stops.length < 24; i++) {
      const stop = await page.evaluate<string>(FOCUS_STOP);
      // a date field is one stop with several parts (day, month, year): count it once
      if (stops[stops.length - 1] !== stop) stops.push(stop);
      await page.keyboard.press('Tab');
    }
    expect(stops.slice(0, 10)).toEqual([
      'select:state',
      'select:source',
      'select:assignee',
      'select:hazard',
      'select:place',
      'input:from',
      'input:to',
      'input:q',
      'select:sort',
      'select:direction',
    ]);
    expect(stops.slice(10, 14)).toEqual([
      'button:Review',
      'button:Monitor',
      'button:Discard',
      'button:Verify',
    ]);
    expect(stops.slice(14, 19)).toEqual([
      'input:Select every loaded signal',
      'button:Priority',
      'button:Last seen ▼',
      'row0:input',
      'row0:a',
    ]);
    // after the cursor row, Tab leaves the list: no other row is a tab stop
    expect(stops.slice(19).filter((s) => s.startsWith('row'))).toEqual([]);
    await context.close();
  }, 60_000);

  it('renders only the rows in view, tells their position, and moves by keyboard to the last one', async () => {
    if (harness === undefined) throw new Error('no harness');
    const context = await harness.newContext();
    const page = await context.newPage();
    await harness.signIn(page, 'ana', '/signals');
    await page.locator('select[name=state]').selectOption('all');
    const grid = page.getByRole('grid');
    const totalNow = async () =>
      Number(((await page.getByTestId('total').textContent()) ?? '').replace(/\D/g, ''));
    // settled: the list of every state has arrived (row count = its total + the header row)
    await poll(
      async () =>
        (await grid.getAttribute('aria-busy')) === 'false' &&
        (await grid.getAttribute('aria-rowcount')) === String((await totalNow()) + 1),
    ).toBe(true);
    const total = await totalNow();
    expect(total).toBeGreaterThan(60);
    const rendered = await page.locator('table.signals tbody tr').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(50);
    await page.locator('table.signals tbody tr a').first().focus();
    await page.keyboard.press('ArrowDown');
    await poll(() => page.evaluate<string | undefined>(FOCUSED_ROW_INDEX)).toBe('3');
    await page.keyboard.press('End');
    await poll(() => page.locator('tr.cursor').getAttribute('aria-rowindex')).toBe(String(total + 1));
    await poll(() => page.evaluate<string | undefined>(FOCUSED_ROW_INDEX)).toBe(String(total + 1));
    // the last row is scrolled into the visible part of the list
    const box = await page.locator('.inbox-scroll').boundingBox();
    const last = await page.locator('tr.cursor').boundingBox();
    if (box === null || last === null) throw new Error('no boxes');
    expect(last.y + last.height).toBeLessThanOrEqual(box.y + box.height + 1);
    expect(last.y).toBeGreaterThanOrEqual(box.y);
    await shot(page, 'a11y-inbox-end');
    await context.close();
  }, 60_000);

  it('selects a range with shift-click, and the triage keys act on the whole selection', async () => {
    if (harness === undefined) throw new Error('no harness');
    const context = await harness.newContext();
    const page = await context.newPage();
    await harness.signIn(page, 'ana', '/signals');
    const rows = page.locator('table.signals tbody tr');
    await poll(() => rows.locator('a').count()).toBeGreaterThan(6);
    await rows.nth(1).getByRole('checkbox').click();
    await rows
      .nth(4)
      .getByRole('checkbox')
      .click({ modifiers: ['Shift'] });
    await poll(() => page.locator('tr[aria-selected=true]').count()).toBe(4);
    expect(
      await page
        .locator('tr[aria-selected=true]')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-index'))),
    ).toEqual(['1', '2', '3', '4']);
    expect(await page.getByText('4 selected').count()).toBe(1);
    await page.locator('h1').click();
    await page.keyboard.press('m');
    expect(await page.locator('.triage-panel label').textContent()).toContain(
      'Move 4 signal(s) to “Monitoring”',
    );
    await context.close();
  }, 60_000);

  it('says when no signal matches the filters and offers to clear them', async () => {
    if (harness === undefined) throw new Error('no harness');
    const context = await harness.newContext();
    const page = await context.newPage();
    await harness.signIn(page, 'ana', '/signals');
    await page.locator('table.signals tbody tr a').first().waitFor();
    await page.locator('input[name=q]').fill('no signal has this title');
    await poll(() => page.getByTestId('inbox-empty').textContent()).toContain(
      'No signals match these filters.',
    );
    expect(await page.getByTestId('total').textContent()).toBe('0 signals');
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await poll(() => page.locator('table.signals tbody tr a').count()).toBeGreaterThan(0);
    expect(await page.locator('input[name=q]').inputValue()).toBe('');
    await context.close();
  }, 60_000);

  it('shows a loading skeleton while the first signals are on their way', async () => {
    if (harness === undefined) throw new Error('no harness');
    const context = await harness.newContext();
    const page = await context.newPage();
    await harness.signIn(page, 'ana', '/');
    await page.locator('[data-testid=role]').waitFor();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/signals?*', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('link', { name: 'Signal inbox' }).first().click();
    await poll(() => page.locator('tr.inbox-skeleton').count()).toBeGreaterThan(3);
    expect(await page.getByRole('grid').getAttribute('aria-busy')).toBe('true');
    expect(await page.getByTestId('total').textContent()).toBe('Loading…');
    release();
    await poll(() => page.locator('table.signals tbody tr a').count()).toBeGreaterThan(0);
    expect(await page.locator('tr.inbox-skeleton').count()).toBe(0);
    await context.close();
  }, 60_000);
});
