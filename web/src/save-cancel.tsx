import type { ReactNode } from 'react';

/** A form's submit button (disabled while busy), any further actions, and its cancel button. */
export function SaveCancel(props: {
  readonly busy: boolean;
  readonly saveLabel: string;
  readonly cancelLabel: string;
  readonly onCancel: () => void;
  readonly children?: ReactNode;
}) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={props.busy}>
        {props.saveLabel}
      </button>
      {props.children}
      <button type="button" onClick={props.onCancel}>
        {props.cancelLabel}
      </button>
    </div>
  );
}
