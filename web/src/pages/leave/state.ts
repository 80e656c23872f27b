import { signal } from '@preact/signals';
import { ApiError, api, call } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { m } from '../../strings-member.ts';

export const leaving = signal(false);
export const leftOrg = signal<string | null>(null);
export const leaveError = signal<string | null>(null);

/** One request, sent only when the person presses the button: opening the link (or a mail scanner) changes nothing. */
export async function leaveWith(token: string) {
  if (leaving.peek()) return;
  leaving.value = true;
  leaveError.value = null;
  try {
    const { org } = await call(api.POST('/memberships/leave', { body: { token } }));
    leftOrg.value = org.name;
  } catch (error) {
    leaveError.value = error instanceof ApiError && error.code === 'leave_link_invalid' ? m.leaveByLink.invalid : messageFor(error);
  } finally {
    leaving.value = false;
  }
}
