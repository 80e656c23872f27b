import { useEffect, useRef } from 'preact/hooks';

/**
 * Opens and closes a <dialog> as a modal with `open`: the browser then keeps focus inside, Escape
 * fires `cancel`, and focus returns to what opened it when it closes.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return ref;
}
