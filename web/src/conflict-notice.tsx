import './forms.css';
import { ApiError } from './api.ts';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';

/**
 * An error of a write in plain words. A version conflict (someone changed the record since it was read)
 * says so and offers to reload the latest version; any other error shows as usual.
 */
export function ConflictNotice(props: { readonly error: unknown; readonly onReload: () => void }) {
  const { t } = useI18n();
  if (props.error instanceof ApiError && props.error.status === 409 && props.error.code === 'CONFLICT')
    return (
      <div className="notice error" role="alert" data-testid="conflict">
        {t('fm.conflict')}{' '}
        <button type="button" onClick={props.onReload}>
          {t('fm.reload')}
        </button>
      </div>
    );
  return <ErrorNotice error={props.error} />;
}
