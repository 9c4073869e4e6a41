import './forms.css';
import { useEffect, useState } from 'react';
import { AdminConfigs } from './admin-configs.tsx';
import { AdminHazards } from './admin-hazards.tsx';
import { AdminUsers } from './admin-users.tsx';
import { api } from './api.ts';
import type { ActorView, Department } from './api-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';

type DepartmentRow = Department & { readonly code: string; readonly domain: string };

/** The departments (reference data seeded with the store; the API offers no change to them). */
function AdminDepartments() {
  const { t, language } = useI18n();
  const [rows, setRows] = useState<ReadonlyArray<DepartmentRow> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ items: DepartmentRow[] }>('GET', '/api/departments')
      .then((r) => setRows(r.items))
      .catch((err: unknown) => setError(err));
  }, []);
  return (
    <section aria-labelledby="admin-departments-title">
      <h2 id="admin-departments-title">{t('adminDepartments')}</h2>
      <ErrorNotice error={error} />
      <table className="signals" data-testid="admin-departments">
        <thead>
          <tr>
            <th scope="col">{t('code')}</th>
            <th scope="col">{t('department')}</th>
            <th scope="col">{t('domain')}</th>
          </tr>
        </thead>
        <tbody>
          {(rows ?? []).map((d) => (
            <tr key={d.id}>
              <td>
                <code>{d.code}</code>
              </td>
              <td>{(language === 'zh-CN' ? d.nameZh : null) ?? d.name}</td>
              <td>{d.domain}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Administration: users, departments, detection configurations and hazards, each change through the API. */
export function AdminPage(props: { readonly actor: ActorView }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('adminTitle')}</h1>
      <p className="actions">
        <a href="#admin-users-title">{t('adminUsers')}</a>
        <a href="#admin-departments-title">{t('adminDepartments')}</a>
        <a href="#admin-configs-title">{t('adminConfigs')}</a>
        <a href="#admin-hazards-title">{t('adminHazards')}</a>
      </p>
      <AdminUsers actor={props.actor} />
      <AdminDepartments />
      <AdminConfigs />
      <AdminHazards />
    </section>
  );
}
