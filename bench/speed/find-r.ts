import { spawnSync } from 'node:child_process';

/** An R installation the bench can use, or why there is none. */
export type RAvailability =
  | { readonly ok: true; readonly rVersion: string; readonly surveillanceVersion: string }
  | { readonly ok: false; readonly reason: string };

/** Looks for `Rscript` with the `surveillance` package. */
export function findR(): RAvailability {
  const probe = spawnSync(
    'Rscript',
    [
      '-e',
      'suppressPackageStartupMessages(library(surveillance)); cat(R.version.string, as.character(packageVersion("surveillance")), sep = "\\n")',
    ],
    { encoding: 'utf8' },
  );
  if (probe.error !== undefined) return { ok: false, reason: 'Rscript was not found on the PATH' };
  if (probe.status !== 0) {
    return {
      ok: false,
      reason: `R was found but the surveillance package did not load (${probe.stderr.trim()})`,
    };
  }
  const [rVersion, surveillanceVersion] = probe.stdout.trim().split('\n');
  return { ok: true, rVersion, surveillanceVersion };
}
