import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsvHeader } from '../data/parse-csv-header.ts';

/** One loop timed inside R by bench/r/speed.R. */
export interface RTiming {
  readonly task: string;
  readonly algorithm: string;
  readonly series: number;
  readonly points: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

const SPEED_R = fileURLToPath(new URL('../r/speed.R', import.meta.url));

/**
 * Runs bench/r/speed.R with the given arguments (see its header) and returns its timings. The
 * script's own progress lines are passed to `log` (the package's console chatter is dropped).
 * Resolves after R exits; rejects if it fails.
 */
export function runRSpeed(
  args: ReadonlyArray<string>,
  outCsv: string,
  log: (line: string) => void,
): Promise<RTiming[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('Rscript', [SPEED_R, ...args, `--out=${outCsv}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) if (l.startsWith('R ')) log(l);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`Rscript speed.R exited with ${code}: ${stderr.trim()}`));
        return;
      }
      const lines = readFileSync(outCsv, 'utf8').trim().split('\n');
      parseCsvHeader(
        lines[0],
        ['task', 'algorithm', 'series', 'points_per_series', 'elapsed_s', 'cpu_s'],
        outCsv,
      );
      resolve(
        lines.slice(1).map((l) => {
          const f = l.split(',');
          return {
            task: f[0],
            algorithm: f[1],
            series: Number(f[2]),
            points: Number(f[3]),
            seconds: Number(f[4]),
            cpuSeconds: Number(f[5]),
          };
        }),
      );
    });
  });
}
