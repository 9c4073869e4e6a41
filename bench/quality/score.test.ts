import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyAlarmTable, formatAlarmFile, parseAlarmFile } from './alarm-file.ts';
import { compareScoreRows } from './compare-scores.ts';
import { parseScoreTable } from './published-scores.ts';
import { scoreAlarms, scoreByK, scoreSeries } from './score.ts';
import type { Truth } from './truth.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** The wide fixture: truth flags and one alarm column per algorithm. */
function loadFixture(): { truth: Truth; alarmFiles: Map<string, string> } {
  const lines = fixture('r-alarms-scenarios-7-40.csv').trim().split('\n');
  const header = lines[0].split(',');
  const algorithms = header.slice(4);
  const rows = lines.slice(1).map((l) => l.split(','));
  const weeks = [...new Set(rows.map((r) => Number(r[2])))];
  const keys: { scenario: number; replicate: number }[] = [];
  for (const r of rows) {
    const last = keys[keys.length - 1];
    if (last === undefined || last.scenario !== Number(r[0]) || last.replicate !== Number(r[1])) {
      keys.push({ scenario: Number(r[0]), replicate: Number(r[1]) });
    }
  }
  const truth: Truth = {
    keys,
    weeks: Int32Array.from(weeks),
    outbreak: Uint8Array.from(rows.map((r) => Number(r[3]))),
  };
  const alarmFiles = new Map<string, string>();
  algorithms.forEach((a, i) => {
    const text = [
      'scenario,replicate,week_index,alarm',
      ...rows.map((r) => `${r[0]},${r[1]},${r[2]},${r[4 + i]}`),
    ];
    alarmFiles.set(a, text.join('\n'));
  });
  return { truth, alarmFiles };
}

const oneSeries = (outbreak: number[]): Truth => ({
  keys: [{ scenario: 1, replicate: 1 }],
  weeks: Int32Array.from(outbreak.map((_, j) => 10 + j)),
  outbreak: Uint8Array.from(outbreak),
});

describe('scoreAlarms', () => {
  const { truth, alarmFiles } = loadFixture();
  const published = parseScoreTable(fixture('r-quality-scenarios-7-40.csv'), 'fixture');

  it.each([...published.keys()])("reproduces R's published scores of R's own %s alarms", (algorithm) => {
    const file = alarmFiles.get(algorithm);
    if (file === undefined) throw new Error(`no alarms for ${algorithm} in the fixture`);
    const score = scoreAlarms(truth, parseAlarmFile(file, truth, algorithm));
    const expected = published.get(algorithm) ?? [];
    expect(expected.map((p) => p.scenario)).toEqual([7, 40]);
    for (const p of expected) {
      const mine = score.rows.find((r) => r.scenario === p.scenario);
      expect(mine).toBeDefined();
      if (mine !== undefined) expect(compareScoreRows(mine, p)).toEqual([]);
    }
  });

  it('counts an alarm in a gap week as false and measures timeliness over the whole outbreak span', () => {
    // weeks 10..15; outbreak weeks 12 and 14 (13 is a gap); alarms in 13 and 14
    const truth1 = oneSeries([0, 0, 1, 0, 1, 0]);
    const alarms = parseAlarmFile(
      'scenario,replicate,week_index,alarm\n1,1,10,0\n1,1,11,0\n1,1,12,0\n1,1,13,1\n1,1,14,1\n1,1,15,0\n',
      truth1,
      'inline',
    );
    const [s] = scoreSeries(truth1, alarms);
    expect(s).toMatchObject({
      nonoutbreakWeeks: 4,
      falseAlarms: 1,
      outbreakWeeks: 2,
      alarmedOutbreakWeeks: 1,
    });
    expect(s).toMatchObject({ preWeeks: 2, preAlarms: 0, detected: true, delay: 2 });
    expect(s.timeliness).toBeCloseTo(2 / 3, 15);
    const all = scoreAlarms(truth1, alarms).all;
    expect(all.fpr).toBe(0.25);
    expect(all.sensitivity).toBe(0.5);
    expect(all.meanDelayWeeks).toBe(2);
  });

  it('scores an undetected outbreak with timeliness 1 and a series without outbreak week with none', () => {
    const truth2: Truth = {
      keys: [
        { scenario: 1, replicate: 1 },
        { scenario: 1, replicate: 2 },
      ],
      weeks: Int32Array.from([1, 2, 3]),
      outbreak: Uint8Array.from([0, 1, 1, 0, 0, 0]),
    };
    const alarms = parseAlarmFile('scenario,replicate,week_index,alarm\n1,2,3,TRUE\n', truth2, 'inline');
    const score = scoreAlarms(truth2, alarms);
    expect(score.series[0]).toMatchObject({
      hasOutbreak: true,
      detected: false,
      timeliness: 1,
      missingAlarms: 3,
    });
    expect(score.series[1]).toMatchObject({ hasOutbreak: false, preWeeks: 3, preAlarms: 1, falseAlarms: 1 });
    expect(score.series[1].timeliness).toBeNaN();
    expect(score.all).toMatchObject({ outbreaks: 1, detected: 0, pod: 0, timeliness: 1, missingAlarms: 5 });
    expect(score.all.meanDelayWeeks).toBeNaN();
    expect(score.all.fprPreOutbreak).toBeCloseTo(1 / 4, 15);
  });

  it('groups detection by outbreak size and leaves out series without an outbreak week', () => {
    const truth3: Truth = {
      keys: [
        { scenario: 1, replicate: 1 },
        { scenario: 1, replicate: 2 },
        { scenario: 1, replicate: 3 },
      ],
      weeks: Int32Array.from([1, 2]),
      outbreak: Uint8Array.from([1, 1, 0, 1, 0, 0]),
    };
    const alarms = parseAlarmFile('scenario,replicate,week_index,alarm\n1,1,2,1\n', truth3, 'inline');
    const kOf = new Map([
      ['1,1', 3],
      ['1,2', 3],
      ['1,3', 5],
    ]);
    expect(scoreByK(scoreSeries(truth3, alarms), kOf)).toEqual([
      { k: 3, outbreaks: 2, detected: 1, pod: 0.5, timeliness: 0.75 },
    ]);
  });
});

describe('parseAlarmFile', () => {
  const truth = oneSeries([0, 0, 0, 0, 0, 0]);

  it('reads 1/TRUE as alarm, 0/FALSE as none and empty or NA as missing, like r/score.R', () => {
    const t = parseAlarmFile(
      'week_index,scenario,replicate,alarm\n10,1,1,TRUE\n11,1,1,false\n12,1,1,\n13,1,1,NA\n14,1,1,1\n15,1,1, 0\n',
      truth,
      'inline',
    );
    expect(Array.from(t.alarm)).toEqual([1, 0, -1, -1, 1, 0]);
  });

  it('ignores rows outside the evaluation weeks and rows of unknown series', () => {
    const t = parseAlarmFile(
      'scenario,replicate,week_index,alarm\n1,1,9,1\n1,1,16,1\n2,1,10,1\n',
      truth,
      'inline',
    );
    expect(Array.from(t.alarm)).toEqual([-1, -1, -1, -1, -1, -1]);
  });

  it('rejects a file with a duplicated row', () => {
    expect(() =>
      parseAlarmFile('scenario,replicate,week_index,alarm\n1,1,10,1\n1,1,10,0\n', truth, 'dup.csv'),
    ).toThrow(/dup\.csv: duplicated/);
  });

  it('rejects a file without an alarm column', () => {
    expect(() => parseAlarmFile('scenario,replicate,week_index\n1,1,10\n', truth, 'x.csv')).toThrow(/alarm/);
  });

  it('reads back what formatAlarmFile writes, including missing alarms and infinite bounds', () => {
    const table = emptyAlarmTable(truth);
    table.alarm.set([1, 0, -1, 0, 1, 0]);
    table.upperBound.set([2.5, Number.NaN, 7, Number.POSITIVE_INFINITY, 0, 1e-300]);
    const back = parseAlarmFile(formatAlarmFile(truth, table), truth, 'roundtrip');
    expect(Array.from(back.alarm)).toEqual([1, 0, -1, 0, 1, 0]);
    expect(Array.from(back.upperBound)).toEqual([2.5, Number.NaN, 7, Number.POSITIVE_INFINITY, 0, 1e-300]);
  });
});
