import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { t } from '../strings.ts';
import { useModalDialog } from './use-modal-dialog.ts';

/**
 * A modal <dialog>: the browser keeps focus inside and Escape cancels; focus returns to the button
 * that opened it when it closes.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  busy?: boolean;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useModalDialog(props.open);
  // a page may hold several of these: each is named by its own heading
  const titleId = useId();
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      <div>{props.children}</div>
      <div class="actions">
        <button type="button" class={props.danger ? 'danger' : 'primary'} disabled={props.busy} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t.cancel}
        </button>
      </div>
    </dialog>
  );
}
