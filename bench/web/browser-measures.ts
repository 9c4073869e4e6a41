import type { Browser, BrowserContext } from 'playwright-core';
import type { WebServer } from './web-server.ts';

/*
 * The measurements in the page. Page code is passed as strings: the bench's TypeScript has no DOM types.
 * Times are performance.now() in the page: milliseconds since the navigation started.
 */

/** The board is drawn: its key numbers (new · unassigned signals) and the map's regions. */
const BOARD_READY = `(() => {
  const numbers = document.querySelector('[data-testid=board-new-signals]');
  const regions = document.querySelectorAll('[data-testid=district-map] path').length;
  return numbers !== null && /\\d/.test(numbers.textContent) && regions > 0 ? performance.now() : false;
})()`;

/**
 * Set before the inbox page loads: list every state (the whole seeded inbox) and watch, with a
 * MutationObserver, for the first rows after the first chunk's mark; then press j (queued as a task,
 * as real input is) and note when the cursor has moved. Long tasks are collected throughout.
 */
const INBOX_PROBE = `(() => {
  sessionStorage.setItem('tocsin.inbox.filters', JSON.stringify({ state: 'all' }));
  const r = { data: null, rows: null, keyAt: null, key: null, longTasks: [] };
  window.__inboxBench = r;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) r.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
  }).observe({ type: 'longtask', buffered: true });
  const check = () => {
    if (r.data === null) {
      const mark = performance.getEntriesByName('tocsin:inbox-data')[0];
      if (mark === undefined) return;
      r.data = mark.startTime;
    }
    if (r.rows === null) {
      if (document.querySelector('table.signals tbody tr a') === null) return;
      r.rows = performance.now();
      setTimeout(() => {
        r.keyAt = performance.now();
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
      }, 0);
      return;
    }
    if (r.key === null && document.querySelector('tr.cursor[data-index="1"]') !== null) r.key = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
})()`;

/**
 * Scrolls the inbox list down `step` px a frame from where it is, for `rows` rows (or to the end), recording
 * frame times and long tasks.
 */
const scrollThrough = (step: number, rows: number | null) => `(async () => {
  const el = document.querySelector('.inbox-scroll');
  const frames = [];
  const longTasks = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(Math.round(e.duration));
  });
  observer.observe({ type: 'longtask' });
  let maxRows = 0;
  let skeletonFrames = 0;
  const stopAt = ${rows === null ? 'Infinity' : `el.scrollTop + ${rows * 36}`};
  const started = performance.now();
  await new Promise((resolve) => {
    let last = 0;
    const tick = (now) => {
      if (last !== 0) frames.push(now - last);
      last = now;
      maxRows = Math.max(maxRows, el.querySelectorAll('tbody tr').length);
      if (el.querySelector('tbody tr.inbox-skeleton') !== null) skeletonFrames++;
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1 || el.scrollTop >= stopAt) return resolve();
      el.scrollTop += ${step};
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const ended = performance.now();
  await new Promise((resolve) => {
    const filled = () => (el.querySelector('tbody tr.inbox-skeleton') === null ? resolve() : requestAnimationFrame(filled));
    filled();
  });
  const filledAfter = performance.now() - ended;
  observer.disconnect();
  const lastRow = el.querySelector('tbody tr:last-child');
  return {
    frames,
    longTasks,
    maxRows,
    skeletonFrames,
    seconds: (ended - started) / 1000,
    filledAfter,
    lastRowIndex: lastRow === null ? null : Number(lastRow.getAttribute('aria-rowindex')),
    rowCount: Number(document.querySelector('[role=grid]').getAttribute('aria-rowcount')),
  };
})()`;

export interface InboxLoad {
  /** Navigation start → first chunk of signals parsed (ms). */
  readonly dataAt: number;
  /** Data → first rows in the DOM (ms). */
  readonly rows: number;
  /** Data → a queued key press (j) handled and the cursor drawn on row 2 (ms): "interactive". */
  readonly interactive: number;
  /** Long tasks (≥ 50 ms) during the load: [start, duration]. */
  readonly longTasks: ReadonlyArray<readonly [number, number]>;
  readonly total: string;
}

export interface ScrollRun {
  readonly frames: ReadonlyArray<number>;
  readonly longTasks: ReadonlyArray<number>;
  readonly maxRows: number;
  readonly skeletonFrames: number;
  readonly seconds: number;
  readonly filledAfter: number;
  readonly lastRowIndex: number | null;
  readonly rowCount: number;
}

async function signedInContext(browser: Browser, server: WebServer, user: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB' });
  context.setDefaultTimeout(60_000);
  await context.addCookies([
    { name: 'tocsin_session', value: await server.session(user), url: server.baseUrl },
  ]);
  return context;
}

/** One cold load of the situation board (a fresh context: empty cache) → ms from navigation start. */
export async function boardLoad(browser: Browser, server: WebServer): Promise<number> {
  const context = await signedInContext(browser, server, 'ana');
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('requestfailed', (r) => errors.push(`${r.url()}: ${r.failure()?.errorText ?? 'failed'}`));
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.url()}: HTTP ${r.status()}`);
    });
    await page.goto(`${server.baseUrl}/`, { waitUntil: 'commit' });
    try {
      const ready = await page.waitForFunction(BOARD_READY, undefined, { polling: 'raf', timeout: 30_000 });
      return Number(await ready.jsonValue());
    } catch (err) {
      const shown =
        (await page
          .locator('main')
          .textContent()
          .catch(() => null)) ?? '(nothing)';
      throw new Error(
        `the board was not drawn within 30 s: ${errors.join('; ') || 'no page error'}; the page shows: ${shown.slice(0, 300)}`,
        { cause: err },
      );
    }
  } finally {
    await context.close();
  }
}

/** One cold load of the inbox listing every signal, then (when `scroll`) a scroll to its end. */
export async function inboxLoad(
  browser: Browser,
  server: WebServer,
  scroll: { readonly reading: number; readonly readingRows: number; readonly fling: number } | null,
): Promise<{ load: InboxLoad; reading: ScrollRun | null; fling: ScrollRun | null }> {
  const context = await signedInContext(browser, server, 'ana');
  try {
    const page = await context.newPage();
    await page.addInitScript(INBOX_PROBE);
    await page.goto(`${server.baseUrl}/signals`, { waitUntil: 'commit' });
    await page.waitForFunction('window.__inboxBench && window.__inboxBench.key !== null', undefined, {
      timeout: 60_000,
    });
    const r = (await page.evaluate('window.__inboxBench')) as {
      data: number;
      rows: number;
      key: number;
      longTasks: Array<[number, number]>;
    };
    const total = (await page.getByTestId('total').textContent()) ?? '';
    const load: InboxLoad = {
      dataAt: r.data,
      rows: r.rows - r.data,
      interactive: r.key - r.data,
      longTasks: r.longTasks,
      total,
    };
    if (scroll === null) return { load, reading: null, fling: null };
    const reading = (await page.evaluate(scrollThrough(scroll.reading, scroll.readingRows))) as ScrollRun;
    const fling = (await page.evaluate(scrollThrough(scroll.fling, null))) as ScrollRun;
    return { load, reading, fling };
  } finally {
    await context.close();
  }
}
