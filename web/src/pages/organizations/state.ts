import { signal } from '@preact/signals';
import { ApiError, api, call, type Schemas } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { m } from '../../strings-member.ts';

export type MyOrg = Schemas['MyOrganization'];

export const orgs = signal<MyOrg[] | null>(null);
export const loadError = signal<string | null>(null);
export const leaving = signal<MyOrg | null>(null);
export const leaveBusy = signal(false);
export const leaveError = signal<string | null>(null);
export const notice = signal<string | null>(null);

/** The org the person works in now: the header's "current" mark, kept for this tab. */
export const CURRENT_ORG = 'app.currentOrg';

export async function loadOrgs() {
  loadError.value = null;
  try {
    orgs.value = (await call(api.GET('/me/organizations'))).items;
  } catch (error) {
    loadError.value = messageFor(error);
  }
}

export async function leave() {
  const org = leaving.peek();
  if (!org || leaveBusy.peek()) return;
  leaveBusy.value = true;
  leaveError.value = null;
  try {
    await call(api.POST('/orgs/{orgId}/leave', { params: { path: { orgId: org.orgId } } }));
    orgs.value = (orgs.peek() ?? []).filter((o) => o.orgId !== org.orgId);
    if (sessionStorage.getItem(CURRENT_ORG) === org.orgId) sessionStorage.removeItem(CURRENT_ORG);
    notice.value = m.organizations.left(org.name);
    leaving.value = null;
  } catch (error) {
    leaveError.value = error instanceof ApiError && error.code === 'last_admin' ? m.organizations.lastAdmin(org.name) : messageFor(error);
  } finally {
    leaveBusy.value = false;
  }
}
