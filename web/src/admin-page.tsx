import './forms.css';
import { AdminConfigs } from './admin-configs.tsx';
import { AdminDepartments } from './admin-departments.tsx';
import { AdminHazards } from './admin-hazards.tsx';
import { AdminUsers } from './admin-users.tsx';
import type { ActorView } from './api-types.ts';
import { useI18n } from './i18n/i18n.tsx';

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
