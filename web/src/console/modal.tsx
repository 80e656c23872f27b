import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { useModalDialog } from '../components/use-modal-dialog.ts';
import { c } from '../strings-console.ts';

/**
 * A modal <dialog> with its own heading id: the browser keeps focus inside, Escape closes it, and
 * focus returns to what opened it.
 */
export function Modal(props: { open: boolean; title: string; onClose: () => void; children: ComponentChildren; wide?: boolean }) {
  const ref = useModalDialog(props.open);
  const id = useId();
  return (
    <dialog
      ref={ref}
      class={props.wide ? 'wide' : undefined}
      aria-labelledby={id}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <div class="dialog-head">
        <h2 id={id}>{props.title}</h2>
        <button type="button" class="secondary" onClick={props.onClose}>
          {c.close}
        </button>
      </div>
      {props.open && props.children}
    </dialog>
  );
}
