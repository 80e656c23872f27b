import { idempotencyKey } from '@org-invitations/client';
import { signal } from '@preact/signals';
import { api, call, type Schemas } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { c } from '../../strings-console.ts';
import { loadContext, type Team } from '../context.ts';
import { pageActions } from '../page-actions.tsx';

export type Member = Schemas['Member'];

const actions = pageActions((orgId) => loadContext(orgId, true));
export const { notice, busy } = actions;
const { act } = actions;

export const createTeam = (orgId: string, name: string) =>
  act(orgId, async () => {
    const { team } = await call(api.POST('/orgs/{orgId}/teams', { params: { path: { orgId }, header: idempotencyKey() }, body: { name } }));
    return c.teams.created(team.name);
  });

export const renameTeam = (orgId: string, team: Team, name: string) =>
  act(orgId, async () => {
    const { team: after } = await call(api.PATCH('/orgs/{orgId}/teams/{teamId}', { params: { path: { orgId, teamId: team.teamId } }, body: { name } }));
    return c.teams.renamed(team.name, after.name);
  });

export const deleteTeam = (orgId: string, team: Team) =>
  act(orgId, async () => {
    await call(api.DELETE('/orgs/{orgId}/teams/{teamId}', { params: { path: { orgId, teamId: team.teamId } } }));
    return c.teams.deleted(team.name);
  });

/** A team's members (up to 200 shown; the members page filters by team for more). */
export const teamMembers = signal<Member[]>([]);
export const teamMembersState = signal<'loading' | 'ready' | 'failed'>('loading');

export async function loadTeamMembers(orgId: string, teamId: string) {
  teamMembersState.value = 'loading';
  try {
    teamMembers.value = (await call(api.GET('/orgs/{orgId}/members', { params: { path: { orgId }, query: { teamId, limit: 200 } } }))).items;
    teamMembersState.value = 'ready';
  } catch (e) {
    notice.value = { kind: 'problem', text: messageFor(e) };
    teamMembersState.value = 'failed';
  }
}

/** Members found by name or email, to add to a team. */
export async function findMembers(orgId: string, q: string): Promise<Member[]> {
  return (await call(api.GET('/orgs/{orgId}/members', { params: { path: { orgId }, query: { q, limit: 20 } } }))).items;
}

export const addToTeam = (orgId: string, team: Team, member: Member) =>
  act(orgId, async () => {
    await call(api.PUT('/orgs/{orgId}/teams/{teamId}/members/{userId}', { params: { path: { orgId, teamId: team.teamId, userId: member.userId } } }));
    await loadTeamMembers(orgId, team.teamId);
    return c.teams.added(member.name || member.email, team.name);
  });

export const removeFromTeam = (orgId: string, team: Team, member: Member) =>
  act(orgId, async () => {
    await call(api.DELETE('/orgs/{orgId}/teams/{teamId}/members/{userId}', { params: { path: { orgId, teamId: team.teamId, userId: member.userId } } }));
    await loadTeamMembers(orgId, team.teamId);
    return c.teams.removed(member.name || member.email, team.name);
  });
