import { signal } from '@preact/signals';
import { api, call, type Schemas } from '../api/client.ts';
import { orgLoadFailed } from '../common/org-load-failed.ts';

export type Org = Schemas['Org'];
export type Team = Schemas['Team'];

/** The org the console is open on, its teams, and whether the signed-in person administers it. */
export const org = signal<Org | null>(null);
export const teams = signal<Team[]>([]);
export const context = signal<'loading' | 'ready' | 'not-admin' | 'not-found' | 'failed'>('loading');
export const contextError = signal<string | null>(null);
/** The orgs I administer, for the console's switcher. */
export const adminOrgs = signal<{ orgId: string; name: string }[]>([]);

let loadedFor: string | null = null;

/** Loads the org once per org id (every console page of it shares this); `force` reloads (after a change). */
export async function loadContext(orgId: string, force = false) {
  const fresh = loadedFor === orgId && context.peek() === 'ready';
  if (fresh && !force) return;
  loadedFor = orgId;
  // a refresh after a change keeps the page on screen (its state, its messages); a first load shows progress
  if (!fresh) context.value = 'loading';
  contextError.value = null;
  try {
    const path = { orgId };
    // the three at once (one round trip, not two): the teams' answer is only read once the role says
    // admin, so a refusal of it for someone else is never shown
    const [mine, got, teamList] = await Promise.all([
      call(api.GET('/me/organizations')),
      call(api.GET('/orgs/{orgId}', { params: { path } })),
      call(api.GET('/orgs/{orgId}/teams', { params: { path, query: { limit: 200 } } })).catch((e: unknown) => ({ failed: e })),
    ]);
    org.value = got.org;
    adminOrgs.value = mine.items.filter((m) => m.role === 'admin' && m.status === 'active').map((m) => ({ orgId: m.orgId, name: m.name }));
    const role = mine.items.find((m) => m.orgId === orgId);
    if (role?.role !== 'admin' || role.status !== 'active') {
      context.value = 'not-admin';
      return;
    }
    if ('failed' in teamList) throw teamList.failed;
    teams.value = teamList.items;
    context.value = 'ready';
  } catch (e) {
    orgLoadFailed(e, context, contextError);
  }
}

export const teamName = (teamId: string) => teams.value.find((t) => t.teamId === teamId)?.name ?? teamId;
