import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';

/** Where and when the bench ran. */
export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly date: string;
  /** 1-minute load average when the bench started (other work on the machine skews timings). */
  readonly loadAverage: string;
  /** The Tocsin commit measured (`+ changes` when the work tree differs from it). */
  readonly commit: string;
}

/** `nproc`, the `lscpu` model name (os.cpus() when lscpu is absent), Node version and the date. */
export function machineInfo(): MachineInfo {
  const lscpu = spawnSync('lscpu', { encoding: 'utf8' });
  const model =
    lscpu.status === 0
      ? /^Model name:\s*(.+)$/m.exec(lscpu.stdout)?.[1]?.trim()
      : (cpus()[0]?.model ?? undefined);
  const load = spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' });
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src'], {
    encoding: 'utf8',
  });
  const commit =
    head.status === 0
      ? `${head.stdout.trim()}${dirty.stdout.trim() === '' ? '' : ' + changes in src/'}`
      : 'unknown';
  return {
    cores: availableParallelism(),
    cpuModel: model ?? 'unknown',
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    loadAverage: load.status === 0 ? load.stdout.split(' ')[0] : 'unknown',
    commit,
  };
}
