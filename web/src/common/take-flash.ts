import { flash } from '../components/flash.ts';

/** The message the page before left for this one (components/flash.ts), once. */
export function takeFlash(): string | null {
  const message = flash.peek();
  flash.value = null;
  return message;
}
