import { errorMessage } from './api.ts';
import { useI18n } from './i18n/i18n.tsx';

/** An API error in plain words, announced to screen readers. */
export function ErrorNotice(props: { readonly error: unknown; readonly onRetry?: () => void }) {
  const { t } = useI18n();
  if (props.error === null || props.error === undefined) return null;
  const m = errorMessage(props.error);
  return (
    <div className="notice error" role="alert">
      {t(m.key, m.params)}
      {props.onRetry !== undefined && (
        <button type="button" onClick={props.onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}
