/** A form's submit button (disabled while busy) and its cancel button. */
export function SaveCancel(props: {
  readonly busy: boolean;
  readonly saveLabel: string;
  readonly cancelLabel: string;
  readonly onCancel: () => void;
}) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={props.busy}>
        {props.saveLabel}
      </button>
      <button type="button" onClick={props.onCancel}>
        {props.cancelLabel}
      </button>
    </div>
  );
}
