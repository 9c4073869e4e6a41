import './forms.css';
import { type FormEvent, useState } from 'react';
import { api } from './api.ts';
import type { ActorView, Role } from './api-types.ts';
import { ConflictNotice } from './conflict-notice.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { ROLES, type UserRow } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { PlacePicker } from './place-picker.tsx';
import { SaveCancel } from './save-cancel.tsx';
import { useApiList, useChange } from './use-api-list.ts';
import { useDepartments } from './use-departments.ts';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random password of 16 characters without look-alikes (0/O, 1/l/I), from the browser's CSPRNG. */
export function randomPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

const isRole = (v: string): v is Role => ROLES.some((r) => r === v);

interface Draft {
  readonly displayName: string;
  readonly role: Role;
  readonly departmentId: string;
  readonly jurisdictionPlaceId: string;
}

/** The user fields an administrator edits (create and change share them). */
function UserFields(props: { readonly draft: Draft; readonly onChange: (d: Draft) => void }) {
  const { t } = useI18n();
  const { departments, name } = useDepartments();
  const d = props.draft;
  return (
    <>
      <label>
        {t('fm.displayName')}
        <input
          name="displayName"
          required
          value={d.displayName}
          onChange={(e) => props.onChange({ ...d, displayName: e.target.value })}
        />
      </label>
      <label>
        {t('role')}
        <select
          name="userRole"
          value={d.role}
          onChange={(e) => props.onChange({ ...d, role: isRole(e.target.value) ? e.target.value : d.role })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('department')}
        <select
          name="userDepartment"
          value={d.departmentId}
          onChange={(e) => props.onChange({ ...d, departmentId: e.target.value })}
        >
          <option value="">{t('none')}</option>
          {departments.map((x) => (
            <option key={x.id} value={x.id}>
              {name(x.id)}
            </option>
          ))}
        </select>
      </label>
      <PlacePicker
        label={t('jurisdiction')}
        name="userJurisdiction"
        required
        value={d.jurisdictionPlaceId}
        onChange={(jurisdictionPlaceId) => props.onChange({ ...d, jurisdictionPlaceId })}
      />
    </>
  );
}

/** A password shown once, after it was set: the administrator passes it on; it is never shown again. */
function OneTimePassword(props: { readonly username: string; readonly password: string }) {
  const { t } = useI18n();
  return (
    <div className="notice" role="status" data-testid="new-password">
      {t('fm.passwordOnce', { username: props.username })}{' '}
      <code className="forms-secret" data-testid="new-password-value">
        {props.password}
      </code>
    </div>
  );
}

/**
 * Users: create one (with a generated password shown once), change role, department, jurisdiction or
 * name, deactivate or reactivate, and reset a password (the new one shown once). Every change goes
 * through the API, which audits it; a stale version is a conflict, said in plain words.
 */
export function AdminUsers(props: { readonly actor: ActorView }) {
  const { t } = useI18n();
  const { name } = useDepartments();
  const {
    rows: users,
    loadError,
    reload: load,
  } = useApiList(() => api<{ items: UserRow[] }>('GET', '/api/users?limit=500').then((r) => r.items));
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [creating, setCreating] = useState(false);
  const [username, setUsername] = useState('');
  const [newUser, setNewUser] = useState<Draft>({
    displayName: '',
    role: 'analyst',
    departmentId: props.actor.departmentId ?? '',
    jurisdictionPlaceId: props.actor.jurisdictionPlaceId,
  });
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const { busy, error, setError, run: write } = useChange(load);

  function create(event: FormEvent) {
    event.preventDefault();
    const password = randomPassword();
    void write(async () => {
      await api('POST', '/api/users', {
        username: username.trim(),
        displayName: newUser.displayName.trim(),
        password,
        role: newUser.role,
        departmentId: newUser.departmentId === '' ? null : newUser.departmentId,
        jurisdictionPlaceId: newUser.jurisdictionPlaceId.trim(),
      });
      setSecret({ username: username.trim(), password });
      setUsername('');
      setNewUser({ ...newUser, displayName: '' });
      setCreating(false);
    });
  }

  function save(u: UserRow, event: FormEvent) {
    event.preventDefault();
    if (draft === null) return;
    void write(async () => {
      await api('PATCH', `/api/users/${encodeURIComponent(u.id)}`, {
        version: u.version,
        displayName: draft.displayName.trim(),
        role: draft.role,
        departmentId: draft.departmentId === '' ? null : draft.departmentId,
        jurisdictionPlaceId: draft.jurisdictionPlaceId.trim(),
      });
      setEditing(null);
    });
  }

  const setActive = (u: UserRow, active: boolean) =>
    void write(async () => {
      await api('PATCH', `/api/users/${encodeURIComponent(u.id)}`, { version: u.version, active });
    });

  const resetPassword = (u: UserRow) => {
    const password = randomPassword();
    void write(async () => {
      await api('PATCH', `/api/users/${encodeURIComponent(u.id)}`, { version: u.version, password });
      setSecret({ username: u.username, password });
    });
  };

  return (
    <section aria-labelledby="admin-users-title">
      <h2 id="admin-users-title">{t('adminUsers')}</h2>
      <ErrorNotice error={loadError} onRetry={load} />
      {secret !== null && <OneTimePassword username={secret.username} password={secret.password} />}
      <ConflictNotice
        error={error}
        onReload={() => {
          setError(null);
          setEditing(null);
          load();
        }}
      />
      {creating ? (
        <form className="assess-form" onSubmit={create} aria-labelledby="new-user-title">
          <h3 id="new-user-title">{t('fm.newUser')}</h3>
          <div className="forms-inline">
            <label>
              {t('fm.login')}
              <input
                name="newUsername"
                required
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
            </label>
            <UserFields draft={newUser} onChange={setNewUser} />
          </div>
          <p className="muted">{t('fm.passwordGenerated')}</p>
          <SaveCancel
            busy={busy}
            saveLabel={t('fm.createUser')}
            cancelLabel={t('fm.cancel')}
            onCancel={() => setCreating(false)}
          />
        </form>
      ) : (
        <button type="button" onClick={() => setCreating(true)}>
          {t('fm.newUser')}
        </button>
      )}
      {users === null ? (
        loadError === null && <p className="loading">{t('loading')}</p>
      ) : (
        <table className="signals" data-testid="admin-users">
          <thead>
            <tr>
              <th scope="col">{t('username')}</th>
              <th scope="col">{t('role')}</th>
              <th scope="col">{t('department')}</th>
              <th scope="col">{t('jurisdiction')}</th>
              <th scope="col">{t('active')}</th>
              <th scope="col">{t('fm.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) =>
              editing === u.id && draft !== null ? (
                <tr key={u.id}>
                  <td colSpan={6}>
                    <form className="forms-inline" onSubmit={(e) => save(u, e)} aria-label={u.username}>
                      <UserFields draft={draft} onChange={setDraft} />
                      <SaveCancel
                        busy={busy}
                        saveLabel={t('fm.save')}
                        cancelLabel={t('fm.cancel')}
                        onCancel={() => setEditing(null)}
                      />
                    </form>
                  </td>
                </tr>
              ) : (
                <tr key={u.id} data-user={u.username}>
                  <td>
                    {u.displayName} <span className="muted">({u.username})</span>
                  </td>
                  <td>{t(`role.${u.role}`)}</td>
                  <td>{u.departmentId === null ? t('none') : name(u.departmentId)}</td>
                  <td>{u.jurisdictionPlaceId}</td>
                  <td>{u.active ? t('yes') : t('no')}</td>
                  <td>
                    <div className="actions">
                      <button
                        type="button"
                        aria-label={t('fm.editUser', { username: u.username })}
                        onClick={() => {
                          setEditing(u.id);
                          setDraft({
                            displayName: u.displayName,
                            role: u.role,
                            departmentId: u.departmentId ?? '',
                            jurisdictionPlaceId: u.jurisdictionPlaceId,
                          });
                        }}
                      >
                        {t('fm.edit')}
                      </button>
                      {u.id !== props.actor.userId && (
                        <button
                          type="button"
                          disabled={busy}
                          aria-label={t(u.active ? 'fm.deactivateUser' : 'fm.reactivateUser', {
                            username: u.username,
                          })}
                          onClick={() => setActive(u, !u.active)}
                        >
                          {u.active ? t('fm.deactivate') : t('fm.reactivate')}
                        </button>
                      )}
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={t('fm.resetPasswordOf', { username: u.username })}
                        onClick={() => resetPassword(u)}
                      >
                        {t('fm.resetPassword')}
                      </button>
                    </div>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
