import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRunnable, openWebHarness, poll, shot, type WebHarness } from '../support/web-harness.ts';

/**
 * The analyst's first journey in a real browser (Debian chromium through playwright-core) against the
 * real server on the bundled demo store: sign in, the inbox shows real signals, open one, the chart is
 * drawn with its legend, verify it with a reason, and the same pages in Chinese. Screenshots go to
 * test/e2e/artifacts/ (git-ignored).
 */
const runnable = browserTestsRunnable('web.test.ts');

let harness: WebHarness | undefined;
let browser: Browser | undefined;
let baseUrl = '';
let ana = { username: 'ana', password: '' };
let asa = { username: 'asa', password: '' };
let bea = { username: 'bea', password: '' };
let logins: ReadonlyMap<string, string> = new Map();
let verifiedSignal: { id: string; title: string } | null = null;

afterAll(async () => {
  await harness?.close();
});

async function signIn(page: Page, username: string, path: string): Promise<void> {
  if (harness === undefined) throw new Error('no harness');
  await harness.signIn(page, username, path);
}

async function newContext(locale: string): Promise<BrowserContext> {
  if (harness === undefined) throw new Error('no harness');
  return harness.newContext(locale);
}

function demoLogin(username: string): { username: string; password: string } {
  const password = logins.get(username);
  if (password === undefined) throw new Error(`the demo data has no user "${username}"`);
  return { username, password };
}

describe.skipIf(!runnable)('the web application in a real browser', () => {
  beforeAll(async () => {
    harness = await openWebHarness();
    ({ browser, baseUrl, logins } = harness);
    ana = demoLogin('ana');
    asa = demoLogin('asa');
    bea = demoLogin('bea');
  }, 120_000);

  it('serves the UI at / and for its own paths, while unknown API paths stay 404 problems', async () => {
    const root = await fetch(`${baseUrl}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<div id="root">');
    const deep = await fetch(`${baseUrl}/signals/some-id`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toContain('text/html');
    const api = await fetch(`${baseUrl}/api/no-such-thing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });

  it('lets the analyst sign in, triage a real signal from its chart, and read it all in Chinese', async () => {
    if (browser === undefined) throw new Error('no browser');
    const context = await newContext('en-GB');
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await page.goto(`${baseUrl}/`);
    await page.getByLabel('User name').fill(ana.username);
    await page.getByLabel('Password').fill(ana.password);
    await shot(page, '01-login');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await poll(() => page.getByTestId('role').textContent()).toBe('Analyst');
    await poll(() => page.getByTestId('jurisdiction').textContent()).toBe('Germany');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Situation board');
    await poll(() => page.getByTestId('board-new-signals').textContent()).toMatch(/^\d[\d,]* new · /);
    // The map of the demo districts: 140 districts, coloured by their open signals; hover, then open one.
    const map = page.getByTestId('district-map');
    await poll(() => map.locator('a').count(), { timeout: 15_000 }).toBe(140);
    const busiest = await map.locator('path').evaluateAll((paths) => {
      const best = paths.reduce((a, b) =>
        Number(b.getAttribute('data-count')) > Number(a.getAttribute('data-count')) ? b : a,
      );
      return { count: Number(best.getAttribute('data-count')), name: best.textContent ?? '' };
    });
    expect(busiest.count).toBeGreaterThan(0);
    const district = busiest.name.split(':')[0];
    const area = map.getByRole('link', { name: `${district}: ${busiest.count} open signals` });
    await area.hover();
    expect(await page.getByTestId('map-focus').textContent()).toBe(
      `${district}: ${busiest.count} open signals`,
    );
    await shot(page, '02-board');
    await area.click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Signal inbox');
    await poll(() => page.getByTestId('total').textContent()).toBe(
      `${busiest.count} signal${busiest.count === 1 ? '' : 's'}`,
    );
    expect(await page.locator('table.signals tbody tr').first().textContent()).toContain(district);
    await page.locator('select[name=place]').selectOption('');
    const rows = page.locator('table.signals tbody tr');
    await poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(5);
    await poll(() => page.getByTestId('total').textContent()).toMatch(/^\d[\d,]* signals$/);
    await shot(page, '02-inbox');

    // Keyboard: j moves the cursor down one row.
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('j');
    expect(await page.locator('table.signals tbody tr.cursor').getAttribute('data-index')).toBe('1');

    // Open the first new indicator signal.
    const first = rows.first().getByRole('link');
    const title = (await first.textContent()) ?? '';
    await first.click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    const chart = page.getByTestId('series-chart');
    await poll(() => chart.locator('canvas').count(), { timeout: 15_000 }).toBe(1);
    // The band arrives with the detection run (after the counts): wait for its legend entries.
    for (const label of ['Observed', 'Expected', 'Upper bound', 'Alarm'])
      await poll(() => chart.locator('.u-legend').textContent()).toContain(label);
    const box = await chart.locator('canvas').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300);
    await shot(page, '03-signal');

    // Someone else changes the signal meanwhile: the stale version gets a plain-words conflict.
    const signalId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const behind = await page.request.put(`${baseUrl}/api/signals/${signalId}/priority`, {
      data: { version: 1, priority: 'high', reason: 'changed in another tab' },
    });
    expect(behind.status()).toBe(200);
    await page.getByLabel('Reason').fill('Looking at it: counts well above the bound.');
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain(
      'Someone else changed this signal while you were looking at it.',
    );
    expect(await page.getByTestId('signal-state').textContent()).toBe('New');
    await shot(page, '03-conflict');

    // New → under review → verified, each with a reason.
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await poll(() => page.getByTestId('signal-state').textContent()).toBe('Under review');
    await page.getByLabel('Reason').fill('Confirmed with the district office.');
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await poll(() => page.getByRole('status').textContent()).toBe('Moved to “Verified”.');
    expect(await page.getByTestId('signal-state').textContent()).toBe('Verified');
    expect(await page.locator('ol.history').textContent()).toContain('Confirmed with the district office.');
    await page.locator('textarea[name=comment]').fill('Lab confirms Newport in two samples.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await poll(() => page.getByTestId('comments').textContent()).toContain(
      'Lab confirms Newport in two samples.',
    );
    expect(await page.getByTestId('unread').textContent()).toMatch(/^\d+ unread notifications$/);
    await shot(page, '04-verified');

    // The same page in Chinese: labels, legend, state.
    await page.getByLabel('Language').selectOption('zh-CN');
    await poll(() => page.getByTestId('signal-state').textContent()).toBe('已核实');
    expect(await page.getByTestId('role').textContent()).toBe('分析员');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await poll(() => chart.locator('.u-legend').textContent()).toContain('观测值');
    expect(await chart.locator('.u-legend').textContent()).toContain('上限');
    await shot(page, '05-signal-zh');
    await page.getByRole('link', { name: '返回收件箱' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('信号收件箱');
    await poll(() => page.getByTestId('total').textContent()).toMatch(/^共 [\d,]+ 条信号$/);
    await shot(page, '06-inbox-zh');

    expect(pageErrors).toEqual([]);
    await context.close();
    verifiedSignal = { id: signalId, title };
  }, 60_000);

  it('lets the assessor rate the verified signal on the live risk matrix and keeps the version', async () => {
    if (browser === undefined) throw new Error('no browser');
    if (verifiedSignal === null) throw new Error('the analyst journey did not verify a signal');
    const context = await newContext('en-GB');
    const page = await context.newPage();
    await signIn(page, asa.username, `/signals/${verifiedSignal.id}`);
    await poll(() => page.getByTestId('role').textContent()).toBe('Risk assessor');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(verifiedSignal.title);

    await page.getByLabel('Hazard assessment (agent, what is known)').fill('Salmonella Newport; foodborne.');
    await page
      .getByLabel('Exposure assessment (who is exposed, how many, how)')
      .fill('Regional, a few hundred.');
    await page
      .getByLabel('Context assessment (environment, health system, society)')
      .fill('Strong laboratory capacity.');
    await page.locator('select[name=likelihood]').selectOption('unlikely');
    await page.locator('select[name=consequences]').selectOption('minor');
    await poll(() => page.getByTestId('risk-level').textContent()).toBe('Low');
    // Choosing a cell of the matrix sets both scales and the level follows at once.
    await page.getByRole('button', { name: 'Almost certain × Moderate: High' }).click();
    expect(await page.getByTestId('risk-level').textContent()).toBe('High');
    expect(await page.locator('select[name=likelihood]').inputValue()).toBe('almost-certain');
    await shot(page, '07-risk-form');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await poll(() => page.locator('p[role=status]').textContent()).toBe('Saved as version 1: risk High.');
    expect(await page.getByTestId('risk-history').textContent()).toContain(
      'Almost certain × Moderate → High',
    );

    // IHR Annex 2: two yes make it notifiable, and the 24-hour countdown starts.
    const ihr = page.getByRole('region', { name: 'IHR Annex 2 decision instrument' });
    const questions = ihr.locator('fieldset');
    const answers = [true, true, false, false];
    for (const [i, yes] of answers.entries()) {
      await questions
        .nth(i)
        .getByLabel(yes ? 'Yes' : 'No')
        .check();
      await questions
        .nth(i)
        .getByLabel('Rationale')
        .fill(yes ? 'Above the bound for weeks.' : 'Local only.');
    }
    expect(await page.getByTestId('ihr-preview').textContent()).toBe(
      '2 of 4 answered yes; two yes make the event notifiable to WHO.',
    );
    await page.getByRole('button', { name: 'Record IHR assessment' }).click();
    await poll(() => page.getByTestId('ihr-result').textContent()).toContain('Notifiable to WHO');
    expect(await page.getByTestId('ihr-result').textContent()).toContain(
      '2 of the four questions answered yes',
    );
    await poll(() => page.getByTestId('ihr-result').textContent()).toMatch(/due in 23 h 5\d min/);
    await shot(page, '08-ihr-form');

    await page.getByLabel('Language').selectOption('zh-CN');
    await poll(() => page.getByTestId('risk-level').textContent()).toBe('高');
    expect(await page.getByTestId('ihr-result').textContent()).toContain('须向世卫组织通报');
    expect(await page.locator('p[role=status]').textContent()).toBe('已保存为第 1 版：风险高。');
    expect(await page.getByRole('heading', { name: '快速风险评估' }).count()).toBe(1);
    await shot(page, '09-assessment-zh');
    await context.close();
  }, 60_000);

  it('triages several signals from the keyboard: j/k to move, x to select, a single key for the state', async () => {
    if (browser === undefined) throw new Error('no browser');
    const context = await newContext('en-GB');
    const page = await context.newPage();
    await signIn(page, ana.username, '/signals');
    const rows = page.locator('table.signals tbody tr');
    await page.locator('select[name=state]').selectOption('new');
    // The previous list ("open": new and under review) stays on screen, busy, until the filtered one
    // arrives: wait for the filtered list, its total and real rows, all of them new.
    await poll(() => page.locator('table.signals').getAttribute('aria-busy')).toBe('false');
    await poll(() => rows.count()).toBeGreaterThan(3);
    await poll(() => page.getByTestId('total').textContent()).toMatch(/^\d[\d,]* signals$/);
    await poll(() => rows.nth(2).getByRole('link').count()).toBe(1);
    for (const i of [1, 2])
      expect(await rows.nth(i).locator('.state').getAttribute('class')).toContain('state-new');
    const before = Number(((await page.getByTestId('total').textContent()) ?? '').replace(/\D/g, ''));
    const titles = [
      await rows.nth(1).getByRole('link').textContent(),
      await rows.nth(2).getByRole('link').textContent(),
    ];
    await page.locator('h1').click();
    for (const key of ['j', 'x', 'j', 'x', 'j', 'k']) await page.keyboard.press(key);
    expect(await page.locator('table.signals tbody tr.cursor').getAttribute('data-index')).toBe('2');
    expect(await page.locator('tr[aria-selected=true]').count()).toBe(2);
    await page.keyboard.press('r');
    expect(await page.locator('.triage-panel label').textContent()).toContain(
      'Move 2 signal(s) to “Under review”',
    );
    await page.keyboard.type('Two districts, one outbreak?');
    await page.keyboard.press('Enter');
    await poll(() => page.locator('p[role=status]').textContent()).toMatch(/moved/);
    // On a failure, say why: the page shows the last error of the moves.
    const alerts = (await page.locator('[role=alert]').allTextContents()).join(' | ');
    expect(await page.locator('p[role=status]').textContent(), `errors shown: ${alerts}`).toBe(
      '2 moved, 0 not moved.',
    );
    await poll(async () =>
      Number(((await page.getByTestId('total').textContent()) ?? '').replace(/\D/g, '')),
    ).toBe(before - 2);
    await page.locator('select[name=state]').selectOption('under-review');
    await poll(() => page.locator('table.signals tbody').textContent()).toContain(titles[0] ?? 'missing');
    expect(await page.locator('table.signals tbody').textContent()).toContain(titles[1] ?? 'missing');
    await shot(page, '10-inbox-keyboard-triage');
    await context.close();
  }, 60_000);

  it('lets the coordinator escalate it to an event and assign a task that the responder completes; the audit chain verifies', async () => {
    if (browser === undefined) throw new Error('no browser');
    if (verifiedSignal === null) throw new Error('the analyst journey did not verify a signal');
    const context = await newContext('en-GB');
    const page = await context.newPage();
    await signIn(page, 'cora', `/signals/${verifiedSignal.id}`);
    await poll(() => page.getByTestId('role').textContent()).toBe('Coordinator');
    await page.locator('select[name=leadDepartment]').selectOption({ label: 'Health authority' });
    await page.locator('input[name=escalateReason]').fill('Verified cluster; needs a response.');
    await page.getByRole('button', { name: 'Escalate', exact: true }).click();
    await poll(() => new URL(page.url()).pathname).toMatch(/^\/events\//);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(verifiedSignal.title);
    expect(await page.getByTestId('event-status').textContent()).toBe('Active');
    await page.locator('input[name=taskTitle]').fill('Trace the supplier');
    await page.locator('select[name=taskDepartment]').selectOption({ label: 'Health authority' });
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await poll(() => page.getByTestId('event-tasks').textContent()).toContain('Trace the supplier');
    await page.locator('textarea[name=sitrep]').fill('One district; the supplier is being traced.');
    await page.getByRole('button', { name: 'Save as a draft version' }).click();
    await poll(() => page.getByTestId('sitrep-latest').textContent()).toContain('Version 1');
    expect(await page.getByTestId('sitrep-latest').textContent()).toContain('draft');
    await page.getByRole('button', { name: 'Publish this version' }).click();
    await poll(() => page.getByTestId('sitrep-latest').textContent()).toContain('published');
    await poll(() => page.getByTestId('timeline').textContent()).toContain('Task assigned');
    expect(await page.getByTestId('timeline').textContent()).toContain('Situation report');
    await shot(page, '12-event');
    await context.close();

    const responder = await newContext('en-GB');
    const rudi = await responder.newPage();
    await signIn(rudi, 'rudi', '/tasks');
    await poll(() => rudi.getByRole('heading', { level: 1 }).textContent()).toBe('Task board');
    const card = (state: string) =>
      rudi.getByTestId(`column-${state}`).locator('article', { hasText: 'Trace the supplier' });
    await poll(() => card('open').count()).toBe(1);
    await card('open').getByRole('button', { name: 'Start' }).click();
    await poll(() => card('in-progress').count()).toBe(1);
    await card('in-progress').getByRole('button', { name: 'Mark done' }).click();
    await poll(() => card('done').count()).toBe(1);
    await shot(rudi, '13-task-board');
    await rudi.getByLabel('Language').selectOption('zh-CN');
    await poll(() => rudi.getByRole('heading', { level: 1 }).textContent()).toBe('任务看板');
    expect(await rudi.getByTestId('column-done').textContent()).toContain('已完成');
    await shot(rudi, '14-task-board-zh');
    await responder.close();

    const audit = await newContext('en-GB');
    const auditPage = await audit.newPage();
    await signIn(auditPage, 'cora', '/audit');
    await poll(() => auditPage.getByTestId('audit-chain').textContent()).toMatch(
      /^Hash chain verified: [\d,]+ entries, none altered\.$/,
    );
    await shot(auditPage, '15-audit');
    // Entries span every jurisdiction: a national coordinator sees the chain check, not their content.
    await poll(() => auditPage.getByTestId('audit-entries-note').textContent()).toContain(
      'only a whole-world administrator can read them',
    );
    await audit.close();
  }, 60_000);

  it('shows the administrator the users, configurations and every audit entry', async () => {
    if (browser === undefined) throw new Error('no browser');
    const context = await newContext('en-GB');
    const page = await context.newPage();
    await signIn(page, 'admin', '/admin');
    await poll(() => page.getByTestId('admin-users').textContent()).toContain('Ana Analyst');
    expect(await page.getByTestId('admin-users').textContent()).toContain('Risk assessor');
    await poll(() => page.getByTestId('admin-configs').textContent()).toContain(
      'Weekly improved Farrington (Noufaily)',
    );
    await poll(() => page.getByTestId('admin-hazards').textContent()).toContain('Campylobacteriosis');
    await shot(page, '17-admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
    await poll(() => page.getByTestId('audit-chain').textContent()).toMatch(
      /^Hash chain verified: [\d,]+ entries, none altered\.$/,
    );
    await poll(() => page.locator('table tbody').textContent()).toContain(
      'Verified cluster; needs a response.',
    );
    await page.locator('input[name=auditFilter]').fill('event.escalate');
    await poll(() => page.locator('table tbody tr').count()).toBe(1);
    await shot(page, '18-audit-admin');
    await context.close();
  }, 60_000);

  it('charts any series chosen by hazard and place in the series explorer', async () => {
    if (browser === undefined) throw new Error('no browser');
    const context = await newContext('en-GB');
    const page = await context.newPage();
    await signIn(page, 'ana', '/series');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Series explorer');
    await poll(() => page.locator('select[name=seriesHazard] option').count()).toBeGreaterThan(3);
    await page.locator('select[name=seriesHazard]').selectOption({ label: 'Influenza' });
    await poll(() =>
      page.locator('select[name=seriesPlace] option', { hasText: 'LK Rosenheim' }).count(),
    ).toBe(1);
    await page.locator('select[name=seriesPlace]').selectOption({ label: 'LK Rosenheim' });
    await poll(() => page.locator('select[name=series] option').allTextContents()).toEqual([
      'Influenza — LK Rosenheim',
    ]);
    const chart = page.getByTestId('series-chart');
    await poll(() => chart.locator('canvas').count()).toBe(1);
    expect(await chart.getAttribute('aria-label')).toBe('Influenza — LK Rosenheim');
    expect(await chart.locator('.u-legend').textContent()).toContain('Observed');
    await shot(page, '16-series-explorer');
    await context.close();
  }, 60_000);

  it('tells an analyst and a responder of another jurisdiction in plain words that they cannot open the signal', async () => {
    if (browser === undefined) throw new Error('no browser');
    if (verifiedSignal === null) throw new Error('the analyst journey did not verify a signal');
    const context = await newContext('en-GB');
    const page = await context.newPage();
    // The signal is in Baden-Württemberg; Bea's jurisdiction is Bavaria.
    await signIn(page, bea.username, `/signals/${verifiedSignal.id}`);
    await poll(() => page.getByTestId('jurisdiction').textContent()).toBe('Bavaria');
    await poll(() => page.getByRole('alert').textContent()).toContain(
      'You are not allowed to do this (role or jurisdiction).',
    );
    expect(await page.locator('body').textContent()).not.toContain(verifiedSignal.title);
    await shot(page, '11-other-jurisdiction');
    await context.close();

    // Nor can a responder of Bavaria.
    const responder = await newContext('en-GB');
    const rolfPage = await responder.newPage();
    await signIn(rolfPage, 'rolf', `/signals/${verifiedSignal.id}`);
    await poll(() => rolfPage.getByTestId('role').textContent()).toBe('Responder');
    await poll(() => rolfPage.getByTestId('jurisdiction').textContent()).toBe('Bavaria');
    await poll(() => rolfPage.getByRole('alert').textContent()).toContain(
      'You are not allowed to do this (role or jurisdiction).',
    );
    expect(await rolfPage.locator('body').textContent()).not.toContain(verifiedSignal.title);
    await shot(rolfPage, '11b-other-jurisdiction-responder');
    await responder.close();
  }, 60_000);
});
