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
}

/** `nproc`, the `lscpu` model name (os.cpus() when lscpu is absent), Node version and the date. */
export function machineInfo(): MachineInfo {
  const lscpu = spawnSync('lscpu', { encoding: 'utf8' });
  const model =
    lscpu.status === 0
      ? /^Model name:\s*(.+)$/m.exec(lscpu.stdout)?.[1]?.trim()
      : (cpus()[0]?.model ?? undefined);
  const load = spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' });
  return {
    cores: availableParallelism(),
    cpuModel: model ?? 'unknown',
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    loadAverage: load.status === 0 ? load.stdout.split(' ')[0] : 'unknown',
  };
}
