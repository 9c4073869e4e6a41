import { useEffect, useState } from 'react';
import { api } from './api.ts';
import type { Department } from './api-types.ts';
import { useI18n } from './i18n/i18n.tsx';

/** The departments, and their names in the UI language. */
export function useDepartments(): { departments: ReadonlyArray<Department>; name: (id: string) => string } {
  const { language } = useI18n();
  const [departments, setDepartments] = useState<ReadonlyArray<Department>>([]);
  useEffect(() => {
    api<{ items: Department[] }>('GET', '/api/departments')
      .then((r) => setDepartments(r.items))
      .catch(() => {});
  }, []);
  const name = (id: string): string => {
    const d = departments.find((x) => x.id === id);
    if (d === undefined) return id;
    return (language === 'zh-CN' ? d.nameZh : null) ?? d.name;
  };
  return { departments, name };
}
