import type { Signal } from '@preact/signals';
import { ApiError } from '../api/client.ts';
import { messageFor } from '../api/errors.ts';

/**
 * How a page of one org shows that it could not load: an org that is not there, or that I am not in
 * (the API answers both `org_not_found`), is `not-found`; anything else is `failed`, in the API's words.
 */
export function orgLoadFailed<S extends string>(e: unknown, state: Signal<S | 'not-found' | 'failed'>, error: Signal<string | null>) {
  if (e instanceof ApiError && e.code === 'org_not_found') state.value = 'not-found';
  else {
    error.value = messageFor(e);
    state.value = 'failed';
  }
}
