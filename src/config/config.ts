import { resolve } from 'node:path';

/**
 * Tocsin's configuration, read once from the environment, validated (every problem reported at
 * once) and frozen. Passed down explicitly; nothing else reads `process.env`.
 */
export interface Config {
  /** Folder for the embedded SQLite store and other local state (`TOCSIN_DATA_DIR`, default `./data`). */
  readonly dataDir: string;
  /** PostgreSQL URL (`TOCSIN_DATABASE_URL=postgres://…`); absent → embedded SQLite in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** HTTP listen host and port (`TOCSIN_HOST`, default 127.0.0.1; `TOCSIN_PORT`, default 8080). */
  readonly host: string;
  readonly port: number;
  /** Session lifetime in hours (`TOCSIN_SESSION_HOURS`, default 12). */
  readonly sessionHours: number;
  /** Cookies marked `Secure` (`TOCSIN_SECURE_COOKIES=1`; default off for http://localhost). */
  readonly secureCookies: boolean;
  /** Run scheduled jobs in this process (`TOCSIN_JOBS=0` turns them off). */
  readonly runJobs: boolean;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG';
  constructor(readonly problems: ReadonlyArray<string>) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function readConfig(env: Readonly<Record<string, string | undefined>>, cwd: string): Config {
  const problems: string[] = [];
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min || v > max) {
      problems.push(`${key}=${raw}: expected an integer from ${min} to ${max}`);
      return fallback;
    }
    return v;
  };
  const flag = (key: string, fallback: boolean): boolean => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${key}=${raw}: expected 1/0, true/false, yes/no or on/off`);
    return fallback;
  };
  const databaseUrl = env.TOCSIN_DATABASE_URL === '' ? undefined : env.TOCSIN_DATABASE_URL;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('TOCSIN_DATABASE_URL: expected a postgres:// or postgresql:// URL');
  }
  const config: Config = {
    dataDir: resolve(cwd, env.TOCSIN_DATA_DIR ?? 'data'),
    databaseUrl,
    host: env.TOCSIN_HOST ?? '127.0.0.1',
    port: int('TOCSIN_PORT', 8080, 0, 65535),
    sessionHours: int('TOCSIN_SESSION_HOURS', 12, 1, 24 * 30),
    secureCookies: flag('TOCSIN_SECURE_COOKIES', false),
    runJobs: flag('TOCSIN_JOBS', true),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
