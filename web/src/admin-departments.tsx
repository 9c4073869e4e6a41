import './forms.css';
import { type FormEvent, useState } from 'react';
import { api } from './api.ts';
import type { Department } from './api-types.ts';
import { ChoiceSelect } from './choice-select.tsx';
import { ConflictNotice } from './conflict-notice.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { SaveCancel } from './save-cancel.tsx';
import { useApiList, useChange } from './use-api-list.ts';

export const DEPARTMENT_DOMAINS = [
  'human',
  'animal',
  'plant',
  'food',
  'laboratory',
  'environment',
  'coordination',
] as const;
type DepartmentDomain = (typeof DEPARTMENT_DOMAINS)[number];
type DepartmentRow = Department & {
  readonly code: string;
  readonly domain: string;
  readonly version: number;
};
const isDomain = (v: string): v is DepartmentDomain => DEPARTMENT_DOMAINS.some((d) => d === v);

/** The departments that share the work, and adding one (its code must be new; audited by the API). */
export function AdminDepartments() {
  const { t, language } = useI18n();
  const {
    rows,
    loadError,
    reload: load,
  } = useApiList(() => api<{ items: DepartmentRow[] }>('GET', '/api/departments').then((r) => r.items));
  const [creating, setCreating] = useState(false);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [domain, setDomain] = useState<DepartmentDomain>('human');
  const { busy, error, setError, run } = useChange(load);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState({ name: '', nameZh: '', domain: 'human' as DepartmentDomain });

  function startEdit(d: DepartmentRow) {
    setEditing(d.id);
    setDraft({ name: d.name, nameZh: d.nameZh ?? '', domain: isDomain(d.domain) ? d.domain : 'human' });
  }

  async function save(d: DepartmentRow, event: FormEvent) {
    event.preventDefault();
    const done = await run(async () => {
      await api('PATCH', `/api/departments/${encodeURIComponent(d.id)}`, {
        version: d.version,
        name: draft.name.trim(),
        nameZh: draft.nameZh.trim() === '' ? null : draft.nameZh.trim(),
        domain: draft.domain,
      });
      return true;
    });
    if (done === true) setEditing(null);
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    const done = await run(async () => {
      await api('POST', '/api/departments', {
        code: code.trim(),
        name: name.trim(),
        nameZh: nameZh.trim() === '' ? null : nameZh.trim(),
        domain,
      });
      return true;
    });
    if (done === true) {
      setCode('');
      setName('');
      setNameZh('');
      setCreating(false);
    }
  }

  return (
    <section aria-labelledby="admin-departments-title">
      <h2 id="admin-departments-title">{t('adminDepartments')}</h2>
      <ErrorNotice error={loadError} onRetry={load} />
      {creating ? (
        <form className="assess-form" onSubmit={create} aria-labelledby="new-department-title">
          <h3 id="new-department-title">{t('fm.newDepartment')}</h3>
          <div className="forms-inline">
            <label>
              {t('code')}
              <input
                name="departmentCode"
                required
                pattern="[a-z][a-z0-9\-]{1,62}"
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
            </label>
            <label>
              {t('fm.nameEnglish')}
              <input name="departmentName" required value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <label>
              {t('fm.nameChinese')}
              <input name="departmentNameZh" value={nameZh} onChange={(e) => setNameZh(e.target.value)} />
            </label>
            <ChoiceSelect
              label={t('domain')}
              name="departmentDomain"
              value={domain}
              choices={DEPARTMENT_DOMAINS}
              optionLabel={(d) => t(`fm.domain.${d}`)}
              onChange={setDomain}
            />
          </div>
          <p className="muted">{t('fm.codeHint')}</p>
          <SaveCancel
            busy={busy}
            saveLabel={t('fm.createDepartment')}
            cancelLabel={t('fm.cancel')}
            onCancel={() => setCreating(false)}
          />
          <ErrorNotice error={error} />
        </form>
      ) : (
        <button type="button" onClick={() => setCreating(true)}>
          {t('fm.newDepartment')}
        </button>
      )}
      <table className="signals" data-testid="admin-departments">
        <thead>
          <tr>
            <th scope="col">{t('code')}</th>
            <th scope="col">{t('department')}</th>
            <th scope="col">{t('domain')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('fm.edit')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(rows ?? []).map((d) =>
            editing === d.id ? (
              <tr key={d.id}>
                <td>
                  <code>{d.code}</code>
                </td>
                <td colSpan={3}>
                  <form
                    className="forms-inline"
                    onSubmit={(e) => void save(d, e)}
                    aria-label={t('fm.editDepartment', { name: d.name })}
                  >
                    <label>
                      {t('fm.nameEnglish')}
                      <input
                        name="editDepartmentName"
                        required
                        value={draft.name}
                        onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                      />
                    </label>
                    <label>
                      {t('fm.nameChinese')}
                      <input
                        name="editDepartmentNameZh"
                        value={draft.nameZh}
                        onChange={(e) => setDraft({ ...draft, nameZh: e.target.value })}
                      />
                    </label>
                    <ChoiceSelect
                      label={t('domain')}
                      name="editDepartmentDomain"
                      value={draft.domain}
                      choices={DEPARTMENT_DOMAINS}
                      optionLabel={(x) => t(`fm.domain.${x}`)}
                      onChange={(x) => setDraft({ ...draft, domain: x })}
                    />
                    <SaveCancel
                      busy={busy}
                      saveLabel={t('fm.save')}
                      cancelLabel={t('fm.cancel')}
                      onCancel={() => setEditing(null)}
                    />
                  </form>
                  <ConflictNotice
                    error={error}
                    onReload={() => {
                      setError(null);
                      setEditing(null);
                      load();
                    }}
                  />
                </td>
              </tr>
            ) : (
              <tr key={d.id}>
                <td>
                  <code>{d.code}</code>
                </td>
                <td>{(language === 'zh-CN' ? d.nameZh : null) ?? d.name}</td>
                <td>{isDomain(d.domain) ? t(`fm.domain.${d.domain}`) : d.domain}</td>
                <td>
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={t('fm.editDepartment', { name: d.name })}
                    onClick={() => startEdit(d)}
                  >
                    {t('fm.edit')}
                  </button>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </section>
  );
}
