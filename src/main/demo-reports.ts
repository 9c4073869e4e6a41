import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { type ReportItem, reportItemFromJson } from '../domain/report.ts';
import { DATASETS_DIR } from './bundled-paths.ts';
import type { AppContext } from './context.ts';

/**
 * The event-based part of the demo: a real sample of WHO Disease Outbreak News (datasets/ebs/README.md)
 * imported through the normal ingestion service under one file source, so the inbox holds event-based
 * signals (stories of reports, black-swan ones flagged) and the sources page shows the source's health.
 * Idempotent: a store that has the source with all its items seen is left as it is.
 */
export const DEMO_REPORTS_FILE = join('ebs', 'who-don-demo.jsonl');
export const DEMO_REPORT_SOURCE = 'WHO Disease Outbreak News (demo sample)';
/** Reports per ingestion call (one transaction each). */
const BATCH = 100;

export interface DemoReportsOutcome {
  readonly items: number;
  readonly stored: number;
  readonly duplicates: number;
  readonly storiesOpened: number;
  readonly storiesUpdated: number;
}

/** The bundled sample as report items, oldest first. */
export function demoReportItems(): ReportItem[] {
  return readFileSync(join(DATASETS_DIR, DEMO_REPORTS_FILE), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => reportItemFromJson(JSON.parse(l)));
}

export async function loadDemoReports(ctx: AppContext): Promise<DemoReportsOutcome> {
  const s = ctx.services;
  const items = demoReportItems();
  const known = (await s.sources.list(SYSTEM_ACTOR)).find((x) => x.name === DEMO_REPORT_SOURCE);
  const none = { items: items.length, stored: 0, duplicates: 0, storiesOpened: 0, storiesUpdated: 0 };
  if (known !== undefined && known.itemsSeen >= items.length) return none;
  const source =
    known ?? (await s.sources.add(SYSTEM_ACTOR, { name: DEMO_REPORT_SOURCE, kind: 'file', active: true }));
  let outcome = none;
  for (let i = 0; i < items.length; i += BATCH) {
    const at = ctx.clock.now().toISOString();
    const r = await s.ingestReports(SYSTEM_ACTOR, source.id, items.slice(i, i + BATCH), {
      health: { lastPullAt: at, lastSuccessAt: at },
    });
    outcome = {
      items: outcome.items,
      stored: outcome.stored + r.stored,
      duplicates: outcome.duplicates + r.duplicates,
      storiesOpened: outcome.storiesOpened + r.storiesOpened,
      storiesUpdated: outcome.storiesUpdated + r.storiesUpdated,
    };
  }
  return outcome;
}
