import { useCallback, useEffect, useState } from 'react';

/** A list read from the API: `null` until it arrives, the error of the last load, and a reload. */
export function useApiList<T>(fetchRows: () => Promise<ReadonlyArray<T>>): {
  readonly rows: ReadonlyArray<T> | null;
  readonly loadError: unknown;
  readonly reload: () => void;
} {
  const [rows, setRows] = useState<ReadonlyArray<T> | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  // The fetcher is fixed for the component's life (a URL and a mapping), so the first one is kept.
  const [fetcher] = useState(() => fetchRows);
  const reload = useCallback(() => {
    fetcher()
      .then((r) => {
        setRows(r);
        setLoadError(null);
      })
      .catch((err: unknown) => setLoadError(err));
  }, [fetcher]);
  useEffect(reload, [reload]);
  return { rows, loadError, reload };
}

/**
 * Runs changes one at a time: `busy` while one runs (buttons disable), its error kept for an
 * ErrorNotice, and `after` (e.g. reload the list) once it has settled either way. `run` gives the
 * work's value, or `undefined` when it failed.
 */
export function useChange(after: () => void): {
  readonly busy: boolean;
  readonly error: unknown;
  readonly setError: (error: unknown) => void;
  readonly run: <R>(work: () => Promise<R>) => Promise<R | undefined>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async <R>(work: () => Promise<R>): Promise<R | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return await work();
      } catch (err) {
        setError(err);
        return undefined;
      } finally {
        setBusy(false);
        after();
      }
    },
    [after],
  );
  return { busy, error, setError, run };
}
