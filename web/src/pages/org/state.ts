import { signal } from '@preact/signals';
import { api, call, type Schemas } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { orgLoadFailed } from '../../common/org-load-failed.ts';

export type Org = Schemas['Org'];
export type Member = Schemas['Member'];
export type Team = Schemas['Team'];
/** My own email settings in the org, as GET /me/organizations shows them (absent: the defaults). */
export type EmailSettings = Pick<Schemas['MyOrganization'], 'locale' | 'timeZone'>;

export const org = signal<Org | null>(null);
export const members = signal<Member[]>([]);
export const nextCursor = signal<string | null>(null);
/** null: not allowed to see them (viewers). */
export const teams = signal<Team[] | null>(null);
export const state = signal<'loading' | 'ready' | 'not-found' | 'failed'>('loading');
export const error = signal<string | null>(null);
export const moreBusy = signal(false);

const PAGE = 50;

/** An org's home as a member sees it: its name, my role, its teams and its members (read-only). */
export async function loadOrg(orgId: string) {
  state.value = 'loading';
  error.value = null;
  try {
    const path = { orgId };
    const [o, page, myOrgs] = await Promise.all([
      call(api.GET('/orgs/{orgId}', { params: { path } })),
      call(api.GET('/orgs/{orgId}/members', { params: { path, query: { limit: PAGE } } })),
      call(api.GET('/me/organizations')),
    ]);
    org.value = o.org;
    members.value = page.items;
    nextCursor.value = page.nextCursor;
    const mine = myOrgs.items.find((m) => m.orgId === orgId);
    teams.value = mine?.role === 'viewer' ? null : (await call(api.GET('/orgs/{orgId}/teams', { params: { path } }))).items;
    myRole.value = mine?.role ?? null;
    myEmailSettings.value = mine ? { ...(mine.locale ? { locale: mine.locale } : {}), ...(mine.timeZone ? { timeZone: mine.timeZone } : {}) } : null;
    state.value = 'ready';
  } catch (e) {
    orgLoadFailed(e, state, error);
  }
}

export const myRole = signal<Member['role'] | null>(null);
export const myEmailSettings = signal<EmailSettings | null>(null);

export async function loadMoreMembers(orgId: string) {
  const cursor = nextCursor.peek();
  if (!cursor || moreBusy.peek()) return;
  moreBusy.value = true;
  try {
    const page = await call(api.GET('/orgs/{orgId}/members', { params: { path: { orgId }, query: { limit: PAGE, cursor } } }));
    members.value = [...members.peek(), ...page.items];
    nextCursor.value = page.nextCursor;
  } catch (e) {
    error.value = messageFor(e);
  } finally {
    moreBusy.value = false;
  }
}
