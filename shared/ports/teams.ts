import type { AuditEvent, Member, Page, Team } from '../domain/model.ts';
import type { ListOptions } from './paging.ts';

export interface TeamMemberWrite {
  team: Team;
  member: Member;
  actorAdminId: string;
  event: AuditEvent;
  now: string;
}

export interface TeamStore {
  create(team: Team, actorAdminId: string, event: AuditEvent): Promise<'done' | 'stale'>;
  get(orgId: string, teamId: string): Promise<Team | null>;
  /** The teams among `teamIds` that exist (and are not being deleted). */
  existing(orgId: string, teamIds: string[]): Promise<Team[]>;
  list(orgId: string, page: ListOptions): Promise<Page<Team>>;
  rename(team: Team, name: string, actorAdminId: string, event: AuditEvent): Promise<'done' | 'not_found' | 'stale'>;
  /** `maxTeams`: a member in that many teams already is refused ('team_limit'), also under concurrent adds. */
  addMember(w: TeamMemberWrite & { maxTeams: number }): Promise<'done' | 'already' | 'team_not_found' | 'member_not_found' | 'team_limit' | 'stale'>;
  removeMember(w: TeamMemberWrite): Promise<'done' | 'not_in_team' | 'stale'>;
  /** Removes the team's memberships (in as many transactions as it takes), then the team with its audit event. */
  delete(team: Team, actorAdminId: string, event: AuditEvent): Promise<'done' | 'not_found' | 'stale'>;
}
