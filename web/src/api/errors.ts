import { t } from '../strings.ts';
import { ApiError, NetworkError } from './client.ts';

/** What to tell a person about a failed call: the problem's `code` in words, never raw JSON. */
export function messageFor(error: unknown): string {
  if (error instanceof NetworkError) return t.errors.network;
  if (error instanceof ApiError) {
    const known = t.errors.byCode[error.code];
    if (known) return known;
    if (error.status >= 500) return t.errors.generic;
    return error.problem?.title ?? t.errors.generic;
  }
  return t.errors.generic;
}
