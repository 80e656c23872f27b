import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Opens and closes a <dialog> as a modal with `open`: the browser then keeps focus inside, Escape
 * fires `cancel`, and focus returns to what opened it when it closes.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  // a layout effect, not useEffect (which waits for the next frame): the dialog opens and closes with
  // the render that asked for it, so the page behind is never inert while it already looks closed
  useLayoutEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return ref;
}
