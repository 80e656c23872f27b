import { signal } from '@preact/signals';
import { ApiError, api, call, type Schemas } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { flash } from '../../components/flash.ts';
import { navigate } from '../../router.tsx';
import { m } from '../../strings-member.ts';

export type MyOrg = Schemas['MyOrganization'];
export type JoinableOrg = Schemas['JoinableOrg'];

export const orgs = signal<MyOrg[] | null>(null);
export const loadError = signal<string | null>(null);
export const leaving = signal<MyOrg | null>(null);
export const leaveBusy = signal(false);
export const leaveError = signal<string | null>(null);
export const notice = signal<string | null>(null);
/** Orgs whose auto-join admits my verified email's domain; empty when there are none (or my email is not verified). */
export const joinable = signal<JoinableOrg[]>([]);
export const joiningId = signal<string | null>(null);
export const joinError = signal<string | null>(null);

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

export async function loadJoinable() {
  joinError.value = null;
  try {
    joinable.value = (await call(api.GET('/me/joinable-organizations'))).items;
  } catch (error) {
    // an unverified email joins nothing by domain: the page says so where it lists invitations
    if (error instanceof ApiError && error.code === 'email_not_verified') joinable.value = [];
    else joinError.value = messageFor(error);
  }
}

/** Joins by domain (POST /orgs/{orgId}/join) and lands on the org's page, as accepting an invitation does. */
export async function join(org: JoinableOrg) {
  if (joiningId.peek()) return;
  joiningId.value = org.orgId;
  joinError.value = null;
  try {
    await call(api.POST('/orgs/{orgId}/join', { params: { path: { orgId: org.orgId } } }));
    flash.value = m.organizations.joinedNotice(org.name);
    navigate(`/orgs/${encodeURIComponent(org.orgId)}`);
  } catch (error) {
    joinError.value = messageFor(error);
    void loadJoinable();
  } finally {
    joiningId.value = null;
  }
}
