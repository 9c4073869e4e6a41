import { useEffect, useState } from 'react';
import { api } from './api.ts';
import type { FullSignalDetails } from './forms-types.ts';

/** The titles of some signals by id, each fetched once (a signal outside the jurisdiction stays untitled). */
export function useSignalTitles(ids: ReadonlyArray<string>): Readonly<Record<string, string>> {
  const [titles, setTitles] = useState<Readonly<Record<string, string>>>({});
  const key = [...new Set(ids)].sort().join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the ids
  useEffect(() => {
    for (const id of key === '' ? [] : key.split(','))
      if (titles[id] === undefined)
        api<FullSignalDetails>('GET', `/api/signals/${encodeURIComponent(id)}`)
          .then((d) => setTitles((x) => ({ ...x, [id]: d.signal.title })))
          .catch(() => {});
  }, [key]);
  return titles;
}
