import type { ComponentChildren } from 'preact';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';

/**
 * The confirmation of a dangerous action on one row (revoke an invitation or a link, delete a team):
 * open while `row` is set; confirming runs the action and closes the dialog once it has answered.
 */
export function ConfirmRow<T>(props: {
  row: T | null;
  title: string | ((row: T) => string);
  confirmLabel: string;
  busy: boolean;
  onConfirm: (row: T) => Promise<unknown>;
  onClose: () => void;
  children: ComponentChildren;
}) {
  const { row, title } = props;
  return (
    <ConfirmDialog
      open={row !== null}
      title={typeof title === 'string' ? title : row !== null ? title(row) : ''}
      confirmLabel={props.confirmLabel}
      danger
      busy={props.busy}
      onCancel={props.onClose}
      onConfirm={() => {
        if (row !== null) void props.onConfirm(row).then(() => props.onClose());
      }}
    >
      {props.children}
    </ConfirmDialog>
  );
}
