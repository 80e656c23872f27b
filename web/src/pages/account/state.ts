import { signal } from '@preact/signals';
import { ApiError, api, call, type Schemas } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { signOut } from '../../auth/session.ts';

export const profile = signal<Schemas['Me'] | null>(null);
export const loadError = signal<string | null>(null);
export const understood = signal(false);
export const deleting = signal(false);
export const deleteError = signal<string | null>(null);
/** The orgs where I am the last admin (the `409 last_admin` answer lists them). */
export const blockingOrgs = signal<{ orgId: string; name: string }[]>([]);
export const deleted = signal(false);

export async function loadProfile() {
  loadError.value = null;
  try {
    profile.value = await call(api.GET('/me'));
  } catch (error) {
    loadError.value = messageFor(error);
  }
}

export async function deleteAccount() {
  if (deleting.peek() || !understood.peek()) return;
  deleting.value = true;
  deleteError.value = null;
  blockingOrgs.value = [];
  try {
    await call(api.DELETE('/me'));
    deleted.value = true;
    await signOut();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'last_admin') blockingOrgs.value = error.problem?.orgs ?? [];
    else deleteError.value = messageFor(error);
  } finally {
    deleting.value = false;
  }
}
