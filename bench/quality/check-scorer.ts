import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAlarmFile } from './alarm-file.ts';
import { compareByKRows, compareScoreRows } from './compare-scores.ts';
import type { PublishedScores } from './published-scores.ts';
import { scoreAlarms, scoreByK } from './score.ts';
import type { Truth } from './truth.ts';

/** How the scorer did on one of R's alarm files against R's published scores. */
export interface ScorerCheck {
  readonly algorithm: string;
  /** Score rows compared (scenarios + `all`) plus by-k groups. */
  readonly compared: number;
  readonly differences: ReadonlyArray<string>;
}

/**
 * Scores R's own alarm files and compares with the scores R published for them: the proof that this
 * scorer implements the README's definitions exactly as r/score.R does.
 */
export function checkScorer(
  truth: Truth,
  rAlarmsDir: string,
  published: PublishedScores,
  outbreakSizes: ReadonlyMap<string, number>,
): ScorerCheck[] {
  return [...published.rows.entries()].map(([algorithm, publishedRows]) => {
    const path = join(rAlarmsDir, `${algorithm}.csv`);
    const score = scoreAlarms(truth, parseAlarmFile(readFileSync(path, 'utf8'), truth, path));
    const differences: string[] = [];
    const mine = new Map(score.rows.map((r) => [String(r.scenario), r]));
    for (const p of publishedRows) {
      const m = mine.get(String(p.scenario));
      if (m === undefined) differences.push(`scenario ${p.scenario}: not scored`);
      else differences.push(...compareScoreRows(m, p));
    }
    if (mine.size !== publishedRows.length)
      differences.push(`${mine.size} rows ≠ ${publishedRows.length} published`);
    const byK = published.byK.get(algorithm) ?? [];
    differences.push(...compareByKRows(scoreByK(score.series, outbreakSizes), byK));
    return { algorithm, compared: publishedRows.length + byK.length, differences };
  });
}
