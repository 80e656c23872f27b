/**
 * THE route table: data only, so the CDK stack and the local server are both built from it and
 * cannot drift. `entry` is relative to functions/http/. `access` is what CDK grants the function:
 * `table: 'read'` routes get read-only grants; only `linkSecret` routes get the link secret (they
 * sign or check invitation links or list cursors), which test/infra/bundle.test.ts
 * checks against what each bundle contains.
 */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteSpec {
  id: string;
  method: HttpMethod;
  path: string;
  entry: string;
  auth: boolean;
  access: { table: 'none' | 'read' | 'write'; linkSecret?: true };
}

export const routes = [
  { id: 'Health', method: 'GET', path: '/health', entry: 'health.ts', auth: false, access: { table: 'none' } },
  { id: 'CreateOrg', method: 'POST', path: '/orgs', entry: 'orgs/create.ts', auth: true, access: { table: 'write' } },
  { id: 'GetOrg', method: 'GET', path: '/orgs/{orgId}', entry: 'orgs/get.ts', auth: true, access: { table: 'read' } },
  { id: 'UpdateOrg', method: 'PATCH', path: '/orgs/{orgId}', entry: 'orgs/update.ts', auth: true, access: { table: 'write' } },
  { id: 'InviteMembers', method: 'POST', path: '/orgs/{orgId}/invitations', entry: 'invitations/invite.ts', auth: true, access: { table: 'write', linkSecret: true } },
  { id: 'ListInvitations', method: 'GET', path: '/orgs/{orgId}/invitations', entry: 'invitations/list.ts', auth: true, access: { table: 'read', linkSecret: true } },
  { id: 'GetInvitation', method: 'GET', path: '/orgs/{orgId}/invitations/{invitationId}', entry: 'invitations/get.ts', auth: true, access: { table: 'read' } },
  { id: 'ResendInvitation', method: 'POST', path: '/orgs/{orgId}/invitations/{invitationId}/resend', entry: 'invitations/resend.ts', auth: true, access: { table: 'write', linkSecret: true } },
  { id: 'RevokeInvitation', method: 'POST', path: '/orgs/{orgId}/invitations/{invitationId}/revoke', entry: 'invitations/revoke.ts', auth: true, access: { table: 'write' } },
  { id: 'PreviewInvitation', method: 'GET', path: '/invitations/preview', entry: 'invitations/preview.ts', auth: false, access: { table: 'read', linkSecret: true } },
  { id: 'AcceptInvitation', method: 'POST', path: '/invitations/accept', entry: 'invitations/accept.ts', auth: true, access: { table: 'write', linkSecret: true } },
  { id: 'DeclineInvitation', method: 'POST', path: '/invitations/decline', entry: 'invitations/decline.ts', auth: true, access: { table: 'write', linkSecret: true } },
  { id: 'RequestNewInvitation', method: 'POST', path: '/invitations/request-new', entry: 'invitations/request-new.ts', auth: true, access: { table: 'write', linkSecret: true } },
  { id: 'ListMyInvitations', method: 'GET', path: '/me/invitations', entry: 'me/invitations.ts', auth: true, access: { table: 'read', linkSecret: true } },
  { id: 'AcceptMyInvitation', method: 'POST', path: '/me/invitations/{invitationId}/accept', entry: 'me/accept-invitation.ts', auth: true, access: { table: 'write' } },
  { id: 'AcceptAllMyInvitations', method: 'POST', path: '/me/invitations/accept-all', entry: 'me/accept-all-invitations.ts', auth: true, access: { table: 'write', linkSecret: true } },
  { id: 'GetMe', method: 'GET', path: '/me', entry: 'me/get.ts', auth: true, access: { table: 'none' } },
  { id: 'DeleteMe', method: 'DELETE', path: '/me', entry: 'me/delete.ts', auth: true, access: { table: 'write' } },
  { id: 'SetPrimaryContact', method: 'PUT', path: '/orgs/{orgId}/primary-contact', entry: 'orgs/primary-contact.ts', auth: true, access: { table: 'write' } },
  { id: 'ListMyOrganizations', method: 'GET', path: '/me/organizations', entry: 'me/organizations.ts', auth: true, access: { table: 'read' } },
  { id: 'ListMembers', method: 'GET', path: '/orgs/{orgId}/members', entry: 'members/list.ts', auth: true, access: { table: 'read', linkSecret: true } },
  { id: 'UpdateMember', method: 'PATCH', path: '/orgs/{orgId}/members/{userId}', entry: 'members/update.ts', auth: true, access: { table: 'write' } },
  { id: 'RemoveMember', method: 'DELETE', path: '/orgs/{orgId}/members/{userId}', entry: 'members/remove.ts', auth: true, access: { table: 'write' } },
  { id: 'LeaveOrg', method: 'POST', path: '/orgs/{orgId}/leave', entry: 'orgs/leave.ts', auth: true, access: { table: 'write' } },
  { id: 'CreateTeam', method: 'POST', path: '/orgs/{orgId}/teams', entry: 'teams/create.ts', auth: true, access: { table: 'write' } },
  { id: 'ListTeams', method: 'GET', path: '/orgs/{orgId}/teams', entry: 'teams/list.ts', auth: true, access: { table: 'read', linkSecret: true } },
  { id: 'RenameTeam', method: 'PATCH', path: '/orgs/{orgId}/teams/{teamId}', entry: 'teams/update.ts', auth: true, access: { table: 'write' } },
  { id: 'DeleteTeam', method: 'DELETE', path: '/orgs/{orgId}/teams/{teamId}', entry: 'teams/delete.ts', auth: true, access: { table: 'write' } },
  { id: 'AddTeamMember', method: 'PUT', path: '/orgs/{orgId}/teams/{teamId}/members/{userId}', entry: 'teams/add-member.ts', auth: true, access: { table: 'write' } },
  { id: 'RemoveTeamMember', method: 'DELETE', path: '/orgs/{orgId}/teams/{teamId}/members/{userId}', entry: 'teams/remove-member.ts', auth: true, access: { table: 'write' } },
  { id: 'JoinOrg', method: 'POST', path: '/orgs/{orgId}/join', entry: 'orgs/join.ts', auth: true, access: { table: 'write' } },
  { id: 'ListJoinableOrgs', method: 'GET', path: '/me/joinable-organizations', entry: 'me/joinable.ts', auth: true, access: { table: 'read', linkSecret: true } },
  { id: 'ListAuditEvents', method: 'GET', path: '/orgs/{orgId}/audit', entry: 'audit/list.ts', auth: true, access: { table: 'read', linkSecret: true } },
] as const satisfies readonly RouteSpec[];

export type RouteId = (typeof routes)[number]['id'];

/** The table as RouteSpecs, where code reads a field that only some entries set (`access.linkSecret`). */
export const routeSpecs: readonly RouteSpec[] = routes;
