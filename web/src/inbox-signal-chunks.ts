import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api.ts';
import type { Signal, SignalPage } from './api-types.ts';
import { chunksOf, type RowWindow } from './inbox-window.ts';

/** Rows per request: the API's largest page (GET /api/signals accepts limit ≤ 200). */
export const CHUNK_SIZE = 200;

/** Performance mark set when the first chunk of a list has arrived (read by bench/web). */
export const INBOX_DATA_MARK = 'tocsin:inbox-data';

export interface SignalChunks {
  /** Matching signals; null until the first answer for the current filters. */
  readonly total: number | null;
  readonly totalExact: boolean;
  /** Whether a request is in flight. */
  readonly loading: boolean;
  /** Whether the rows shown are still those of the previous filters (the new ones are on their way). */
  readonly stale: boolean;
  readonly error: unknown;
  /** The signal at a list position, if its chunk has arrived. */
  row(index: number): Signal | undefined;
  /** Every signal loaded so far, in list order. */
  loaded(): Signal[];
  /** Fetches the chunks holding these rows (those loaded or in flight are skipped). */
  want(window: RowWindow): void;
}

interface Loaded {
  readonly key: string;
  readonly chunks: ReadonlyMap<number, ReadonlyArray<Signal>>;
  readonly total: number | null;
  readonly totalExact: boolean;
}

const EMPTY: Loaded = { key: '', chunks: new Map(), total: null, totalExact: true };

/**
 * The inbox list loaded in chunks of CHUNK_SIZE as it is scrolled (offset paging). `baseQuery` is the
 * query string of the filters and sort (without limit/offset); a new one, or a new `reload`, starts over,
 * but the old rows stay on screen until the first new chunk arrives (no flash after a triage).
 */
export function useSignalChunks(baseQuery: string, reload: number, initial: () => RowWindow): SignalChunks {
  const key = `${baseQuery}#${reload}`;
  const [data, setData] = useState<Loaded>(EMPTY);
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const current = useRef(key);
  const inFlight = useRef(new Set<string>());
  const dataRef = useRef(data);
  dataRef.current = data;
  const initialRef = useRef(initial);
  initialRef.current = initial;

  const fetchChunk = useCallback((forKey: string, query: string, chunk: number) => {
    const id = `${forKey}@${chunk}`;
    if (inFlight.current.has(id)) return;
    inFlight.current.add(id);
    setPending((n) => n + 1);
    const sep = query === '' ? '?' : '&';
    api<SignalPage>('GET', `/api/signals${query}${sep}limit=${CHUNK_SIZE}&offset=${chunk * CHUNK_SIZE}`)
      .then((page) => {
        if (current.current !== forKey) return;
        if (dataRef.current.key !== forKey) performance.mark(INBOX_DATA_MARK);
        setError(null);
        setData((prev) => {
          if (prev.key !== forKey) {
            return {
              key: forKey,
              chunks: new Map([[chunk, page.items]]),
              total: page.total,
              totalExact: page.totalExact,
            };
          }
          const chunks = new Map(prev.chunks);
          chunks.set(chunk, page.items);
          return { ...prev, chunks, total: page.total, totalExact: page.totalExact };
        });
      })
      .catch((err: unknown) => {
        if (current.current === forKey) setError(err);
      })
      .finally(() => {
        inFlight.current.delete(id);
        setPending((n) => n - 1);
      });
  }, []);

  useEffect(() => {
    current.current = key;
    setError(null);
    const chunks = chunksOf(initialRef.current(), CHUNK_SIZE);
    for (const c of chunks.length === 0 ? [0] : chunks) fetchChunk(key, baseQuery, c);
  }, [key, baseQuery, fetchChunk]);

  const want = useCallback(
    (window: RowWindow) => {
      const loaded = dataRef.current;
      for (const c of chunksOf(window, CHUNK_SIZE)) {
        if (loaded.key === current.current && loaded.chunks.has(c)) continue;
        fetchChunk(current.current, baseQuery, c);
      }
    },
    [baseQuery, fetchChunk],
  );

  const row = useCallback(
    (index: number) => data.chunks.get(Math.floor(index / CHUNK_SIZE))?.[index % CHUNK_SIZE],
    [data],
  );
  const loaded = useCallback(
    () => [...data.chunks.entries()].sort(([a], [b]) => a - b).flatMap(([, items]) => items),
    [data],
  );

  const fresh = data.key === key;
  return {
    total: data.total,
    totalExact: data.totalExact,
    loading: pending > 0,
    stale: !fresh,
    error,
    row,
    loaded,
    want,
  };
}
