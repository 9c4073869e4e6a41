import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import {
  actor,
  addWeeklySeries,
  flatThen,
  seedDetectionReference,
} from '../../test/support/detection-fixtures.ts';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import { createConfigureDetection } from '../services/configure-detection.ts';
import { createRunDetection } from '../services/run-detection.ts';
import { type CliIo, registerDetectCommand } from './detect-command.ts';
import { registerDetectRunCommand } from './detect-run-command.ts';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function setup() {
  const t = await openTestStore();
  stores.push(t);
  await seedDetectionReference(t.database);
  await addWeeklySeries(t.database, 'by', 'DE-BY', flatThen([5, 5, 30, 5]));
  await addWeeklySeries(t.database, 'fr', 'FR', new Array(10).fill(1));
  const deps = { tx: t.tx, clock: t.clock, ids: t.ids };
  const configure = createConfigureDetection(deps);
  for (const [name, enabled] of [
    ['RKI Bavaria', true],
    ['RKI France', true],
    ['Switched off', false],
  ] as const) {
    await configure.create(actor('admin', 'world'), {
      name,
      algorithm: 'rki',
      control: { b: 1, w: 2, actY: false },
      selector: { placeIds: [name === 'RKI France' ? 'FR' : 'DE-BY'], frequency: 'weekly' },
      schedule: null,
      monitoredEpochs: 4,
      enabled,
    });
  }
  const out: string[] = [];
  const err: string[] = [];
  let exitCode = 0;
  let opened = 0;
  const io: CliIo = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    stderrIsTty: false,
    datasetsDir: fileURLToPath(new URL('../../datasets', import.meta.url)),
    setExitCode: (c) => {
      exitCode = c;
    },
  };
  const program = new Command('tocsin')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerDetectCommand(program, io);
  registerDetectRunCommand(program, {
    io,
    services: async () => {
      opened++;
      return { detection: createRunDetection({ ...deps, detectorVersion: 'tocsin-test' }) };
    },
  });
  const run = (...argv: string[]) => program.parseAsync(argv, { from: 'user' });
  return { t, run, out, err, exit: () => exitCode, opened: () => opened };
}

describe('tocsin detect run', () => {
  it('runs one named configuration into signals and reports it', async () => {
    const { t, run, out, exit } = await setup();
    await run('detect', 'run', '--config', 'RKI Bavaria');
    expect(out.join('')).toMatch(
      /^RKI Bavaria: succeeded — 1 series, 1 alarms, 1 signals opened, 0 extended \(run [0-9a-f-]+\)\n$/,
    );
    expect(exit()).toBe(0);
    const signals = await t.database.db.selectFrom('signals').select('seriesId').execute();
    expect(signals).toEqual([{ seriesId: 'by' }]);
  });

  it('runs every enabled configuration, listing problems per series, and fails when a run failed', async () => {
    const { run, out, exit } = await setup();
    await run('detect', 'run');
    const text = out.join('');
    expect(text).toContain('RKI Bavaria: succeeded');
    expect(text).toContain('RKI France: failed — 1 series, 0 alarms');
    expect(text).toContain(
      '  problem: series fr: DETECTION_INPUT: observed: rki needs at least b·f + w + 1 = 55 periods',
    );
    expect(text).not.toContain('Switched off');
    expect(exit()).toBe(1);
  });

  it('names an unknown configuration', async () => {
    const { run } = await setup();
    await expect(run('detect', 'run', '--config', 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('leaves tocsin detect --list and --demo working as before, without opening the store', async () => {
    const { run, out, opened } = await setup();
    await run('detect', '--list');
    expect(out.join('')).toContain('farringtonFlexible');
    out.length = 0;
    await run('detect', '--demo', '--threads', '1', '--last', '2');
    expect(out.join('')).toContain('Tocsin demo — Salmonella Newport');
    expect(opened()).toBe(0);
  });
});
