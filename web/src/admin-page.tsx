import { type ReactNode, useEffect, useState } from 'react';
import { api } from './api.ts';
import type { Department, Page, Role } from './api-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';

interface UserRow {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly departmentId: string | null;
  readonly jurisdictionPlaceId: string;
  readonly active: boolean;
}
interface HazardRow {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly domain: string;
  readonly icd10: string | null;
  readonly active: boolean;
}
interface ConfigRow {
  readonly id: string;
  readonly name: string;
  readonly algorithm: string;
  readonly schedule: string | null;
  readonly monitoredEpochs: number;
  readonly enabled: boolean;
  readonly version: number;
}

function useList<T>(path: string, pick: (body: unknown) => ReadonlyArray<T>) {
  const [rows, setRows] = useState<ReadonlyArray<T> | null>(null);
  const [error, setError] = useState<unknown>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `pick` is a pure selector passed inline
  useEffect(() => {
    api<unknown>('GET', path)
      .then((body) => setRows(pick(body)))
      .catch((err: unknown) => setError(err));
  }, [path]);
  return { rows, error };
}

function Table(props: {
  readonly id: string;
  readonly title: string;
  readonly heads: ReadonlyArray<string>;
  readonly children: ReactNode;
}) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <table className="signals" data-testid={props.id}>
        <thead>
          <tr>
            {props.heads.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </section>
  );
}

/** Administration, read side: users, departments, hazards and detection configurations. */
export function AdminPage() {
  const { t, language, number } = useI18n();
  const users = useList<UserRow>('/api/users?limit=500', (b) => (b as Page<UserRow>).items);
  const departments = useList<Department & { readonly code: string; readonly domain: string }>(
    '/api/departments',
    (b) => (b as Page<Department & { code: string; domain: string }>).items,
  );
  const hazards = useList<HazardRow>(
    '/api/hazards?limit=500&includeInactive=true',
    (b) => (b as Page<HazardRow>).items,
  );
  const configs = useList<ConfigRow>('/api/detection/configs', (b) => b as ReadonlyArray<ConfigRow>);
  const departmentName = (id: string | null) => {
    const d = departments.rows?.find((x) => x.id === id);
    return d === undefined ? t('none') : ((language === 'zh-CN' ? d.nameZh : null) ?? d.name);
  };
  const yesNo = (v: boolean) => (v ? t('yes') : t('no'));
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('adminTitle')}</h1>
      {[users.error, departments.error, hazards.error, configs.error].map((e, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: four fixed lists in a fixed order
        e === null ? null : <ErrorNotice key={i} error={e} />,
      )}
      <Table
        id="admin-users"
        title={t('adminUsers')}
        heads={[t('username'), t('role'), t('department'), t('jurisdiction'), t('active')]}
      >
        {(users.rows ?? []).map((u) => (
          <tr key={u.id}>
            <td>
              {u.displayName} <span className="muted">({u.username})</span>
            </td>
            <td>{t(`role.${u.role}`)}</td>
            <td>{departmentName(u.departmentId)}</td>
            <td>{u.jurisdictionPlaceId}</td>
            <td>{yesNo(u.active)}</td>
          </tr>
        ))}
      </Table>
      <Table id="admin-departments" title={t('adminDepartments')} heads={[t('code'), t('department')]}>
        {(departments.rows ?? []).map((d) => (
          <tr key={d.id}>
            <td>
              <code>{d.code}</code>
            </td>
            <td>{departmentName(d.id)}</td>
          </tr>
        ))}
      </Table>
      <Table
        id="admin-configs"
        title={t('adminConfigs')}
        heads={[t('name'), t('algorithm'), t('schedule'), t('monitoredEpochs'), t('active'), t('version')]}
      >
        {(configs.rows ?? []).map((c) => (
          <tr key={c.id}>
            <td>{c.name}</td>
            <td>
              <code>{c.algorithm}</code>
            </td>
            <td>{c.schedule ?? '—'}</td>
            <td>{number(c.monitoredEpochs, 0)}</td>
            <td>{yesNo(c.enabled)}</td>
            <td>{number(c.version, 0)}</td>
          </tr>
        ))}
      </Table>
      <Table
        id="admin-hazards"
        title={t('adminHazards')}
        heads={[t('code'), t('name'), t('domain'), 'ICD-10', t('active')]}
      >
        {(hazards.rows ?? []).map((h) => (
          <tr key={h.id}>
            <td>
              <code>{h.code}</code>
            </td>
            <td>{h.name}</td>
            <td>{h.domain}</td>
            <td>{h.icd10 ?? ''}</td>
            <td>{yesNo(h.active)}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
