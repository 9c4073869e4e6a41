import { useEffect, useState } from 'react';
import { api } from './api.ts';
import type { Colleague } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';

/**
 * The active colleagues in the caller's jurisdiction (GET /api/users/directory), and a user's name by
 * id. Roles that assign nothing may not read the directory: they see short ids instead of names.
 */
export function useColleagues(): {
  readonly colleagues: ReadonlyArray<Colleague>;
  readonly userName: (id: string | null) => string;
} {
  const { t } = useI18n();
  const [colleagues, setColleagues] = useState<ReadonlyArray<Colleague>>([]);
  useEffect(() => {
    api<{ items: Colleague[] }>('GET', '/api/users/directory')
      .then((r) => setColleagues(r.items))
      .catch(() => {});
  }, []);
  const userName = (id: string | null): string => {
    if (id === null) return '';
    if (id === 'system') return t('fm.system');
    const c = colleagues.find((x) => x.id === id);
    return c === undefined ? id.slice(0, 8) : c.displayName;
  };
  return { colleagues, userName };
}
