/**
 * THE route table: data only, so the CDK stack and the local server are both built from it and
 * cannot drift. `entry` is relative to functions/http/. `access` is what CDK grants the function:
 * `table: 'read'` routes get read-only grants; only `linkSecret` routes get the link secret (they
 * sign or check invitation links or list cursors), which test/infra/bundle.test.ts
 * checks against what each bundle contains.
 */
import type { ErrorCode } from '../../shared/domain/errors.ts';
/**
 * Every HTTP function's timeout, deployed (infra/stacks/api-http.ts) and local (the local server's
 * Lambda context): one number, so a deadline met locally is met in AWS. API Gateway's HTTP API stops
 * waiting at 30 s; 29 s leaves it the last second. Requests plan against it (shared/deadline.ts): a bulk
 * invite stops starting chunks and retries stop in time to answer, which the slowest measured case
 * (1000 recipients at 90 % throttling, docs/adr/bulk-invites-under-faults.md) fits within.
 */
export const HTTP_TIMEOUT_SECONDS = 29;

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * The OAuth scopes a service principal (a deployer's backend holding a client-credentials token, no
 * user) can be given: the Cognito resource server declares exactly these (infra), the local OpenID
 * provider issues them, and a route's `scope` names the one it needs. docs/adr/service-principals.md
 */
export const scopes = [
  'orgs:read',
  'orgs:write',
  'members:read',
  'members:write',
  'invitations:read',
  'invitations:write',
  'teams:read',
  'teams:write',
  'audit:read',
] as const;
export type Scope = (typeof scopes)[number];

export interface RouteSpec {
  id: string;
  method: HttpMethod;
  path: string;
  entry: string;
  auth: boolean;
  access: { table: 'none' | 'read' | 'write'; linkSecret?: true };
  /**
   * The codes this route's use case can answer, besides the ones every route can
   * (functions/http/problems.ts commonProblems). The OpenAPI document lists exactly these, and the
   * contract test fails on any other code the route answers.
   */
  errors: readonly ErrorCode[];
  /**
   * The scope a service principal must hold to call this route, which it then calls as an admin of
   * the org. Absent: only a signed-in user may call it (the /me routes, accepting, declining, joining
   * and leaving, which act as a person); a service principal is refused with 403 insufficient_scope.
   */
  scope?: Scope;
}

// biome-ignore format: one route per line reads as a table
export const routes = [
  { id: 'Health', method: 'GET', path: '/health', entry: 'health.ts', auth: false, access: { table: 'none' }, errors: [] },
  { id: 'GetOpenApiDocument', method: 'GET', path: '/openapi.json', entry: 'openapi.ts', auth: false, access: { table: 'none' }, errors: [] },
  { id: 'GetApiReference', method: 'GET', path: '/docs', entry: 'docs.ts', auth: false, access: { table: 'none' }, errors: [] },
  { id: 'CreateOrg', method: 'POST', path: '/orgs', entry: 'orgs/create.ts', auth: true, access: { table: 'write' }, scope: 'orgs:write', errors: ['owner_required', 'owner_not_allowed', 'org_creation_limit_reached'] },
  { id: 'GetOrg', method: 'GET', path: '/orgs/{orgId}', entry: 'orgs/get.ts', auth: true, access: { table: 'read' }, scope: 'orgs:read', errors: ['org_not_found'] },
  { id: 'UpdateOrg', method: 'PATCH', path: '/orgs/{orgId}', entry: 'orgs/update.ts', auth: true, access: { table: 'write' }, scope: 'orgs:write', errors: ['org_not_found', 'forbidden', 'direct_add_not_enabled', 'logo_url_invalid', 'accent_color_invalid', 'reply_to_not_admin', 'locale_unsupported', 'concurrent_update'] },
  { id: 'PreviewOrgEmail', method: 'GET', path: '/orgs/{orgId}/email-preview', entry: 'orgs/email-preview.ts', auth: true, access: { table: 'read' }, scope: 'orgs:read', errors: ['org_not_found', 'forbidden', 'locale_unsupported', 'time_zone_invalid'] },
  { id: 'DeleteOrg', method: 'DELETE', path: '/orgs/{orgId}', entry: 'orgs/delete.ts', auth: true, access: { table: 'write' }, scope: 'orgs:write', errors: ['org_not_found', 'forbidden', 'confirmation_mismatch', 'concurrent_update'] },
  { id: 'InviteMembers', method: 'POST', path: '/orgs/{orgId}/invitations', entry: 'invitations/invite.ts', auth: true, access: { table: 'write', linkSecret: true }, scope: 'invitations:write', errors: ['org_not_found', 'access_until_invalid', 'locale_unsupported', 'time_zone_invalid', 'forbidden', 'role_not_allowed', 'unknown_teams', 'unknown_products', 'primary_contact_already_set', 'concurrent_update', 'invitation_limit_reached'] },
  { id: 'ListInvitations', method: 'GET', path: '/orgs/{orgId}/invitations', entry: 'invitations/list.ts', auth: true, access: { table: 'read', linkSecret: true }, scope: 'invitations:read', errors: ['org_not_found', 'forbidden', 'invalid_cursor'] },
  { id: 'GetInvitation', method: 'GET', path: '/orgs/{orgId}/invitations/{invitationId}', entry: 'invitations/get.ts', auth: true, access: { table: 'read' }, scope: 'invitations:read', errors: ['org_not_found', 'forbidden', 'invitation_not_found'] },
  { id: 'ResendInvitation', method: 'POST', path: '/orgs/{orgId}/invitations/{invitationId}/resend', entry: 'invitations/resend.ts', auth: true, access: { table: 'write', linkSecret: true }, scope: 'invitations:write', errors: ['org_not_found', 'forbidden', 'invitation_not_found', 'invitation_not_pending', 'delivery_problem_unconfirmed', 'resend_rate_limited', 'resend_limit_reached'] },
  { id: 'RevokeInvitation', method: 'POST', path: '/orgs/{orgId}/invitations/{invitationId}/revoke', entry: 'invitations/revoke.ts', auth: true, access: { table: 'write' }, scope: 'invitations:write', errors: ['org_not_found', 'forbidden', 'invitation_not_found', 'invitation_not_pending'] },
  { id: 'PreviewInvitation', method: 'GET', path: '/invitations/preview', entry: 'invitations/preview.ts', auth: false, access: { table: 'read', linkSecret: true }, errors: ['invitation_not_found'] },
  { id: 'AcceptInvitation', method: 'POST', path: '/invitations/accept', entry: 'invitations/accept.ts', auth: true, access: { table: 'write', linkSecret: true }, errors: ['email_not_verified', 'email_mismatch', 'invitation_not_found', 'invitation_expired', 'invitation_revoked', 'invitation_declined', 'invitation_already_used', 'invitation_not_pending', 'member_suspended', 'member_limit_reached'] },
  { id: 'DeclineInvitation', method: 'POST', path: '/invitations/decline', entry: 'invitations/decline.ts', auth: true, access: { table: 'write', linkSecret: true }, errors: ['email_not_verified', 'email_mismatch', 'invitation_not_found', 'invitation_expired', 'invitation_revoked', 'invitation_declined', 'invitation_already_used', 'invitation_not_pending'] },
  { id: 'RequestNewInvitation', method: 'POST', path: '/invitations/request-new', entry: 'invitations/request-new.ts', auth: true, access: { table: 'write', linkSecret: true }, errors: ['invitation_not_found', 'invitation_not_expired', 'renewal_already_requested', 'renewal_rate_limited'] },
  { id: 'ListMyInvitations', method: 'GET', path: '/me/invitations', entry: 'me/invitations.ts', auth: true, access: { table: 'read', linkSecret: true }, errors: ['email_not_verified', 'invalid_cursor'] },
  { id: 'AcceptMyInvitation', method: 'POST', path: '/me/invitations/{invitationId}/accept', entry: 'me/accept-invitation.ts', auth: true, access: { table: 'write' }, errors: ['email_not_verified', 'invitation_not_found', 'invitation_expired', 'invitation_revoked', 'invitation_declined', 'invitation_already_used', 'invitation_not_pending', 'member_suspended', 'member_limit_reached'] },
  { id: 'AcceptAllMyInvitations', method: 'POST', path: '/me/invitations/accept-all', entry: 'me/accept-all-invitations.ts', auth: true, access: { table: 'write', linkSecret: true }, errors: ['email_not_verified'] },
  { id: 'GetMe', method: 'GET', path: '/me', entry: 'me/get.ts', auth: true, access: { table: 'none' }, errors: [] },
  { id: 'DeleteMe', method: 'DELETE', path: '/me', entry: 'me/delete.ts', auth: true, access: { table: 'write' }, errors: ['last_admin', 'concurrent_update'] },
  { id: 'SetPrimaryContact', method: 'PUT', path: '/orgs/{orgId}/primary-contact', entry: 'orgs/primary-contact.ts', auth: true, access: { table: 'write' }, scope: 'members:write', errors: ['org_not_found', 'forbidden', 'member_not_found', 'primary_contact_not_active', 'concurrent_update'] },
  { id: 'ListMyOrganizations', method: 'GET', path: '/me/organizations', entry: 'me/organizations.ts', auth: true, access: { table: 'read' }, errors: [] },
  { id: 'ListMembers', method: 'GET', path: '/orgs/{orgId}/members', entry: 'members/list.ts', auth: true, access: { table: 'read', linkSecret: true }, scope: 'members:read', errors: ['org_not_found', 'team_not_found', 'invalid_cursor'] },
  { id: 'GetMember', method: 'GET', path: '/orgs/{orgId}/members/{userId}', entry: 'members/get.ts', auth: true, access: { table: 'read' }, scope: 'members:read', errors: ['org_not_found', 'member_not_found'] },
  { id: 'UpdateMember', method: 'PATCH', path: '/orgs/{orgId}/members/{userId}', entry: 'members/update.ts', auth: true, access: { table: 'write' }, scope: 'members:write', errors: ['org_not_found', 'forbidden', 'member_not_found', 'unknown_products', 'access_until_invalid', 'locale_unsupported', 'time_zone_invalid', 'last_admin', 'concurrent_update'] },
  { id: 'RemoveMember', method: 'DELETE', path: '/orgs/{orgId}/members/{userId}', entry: 'members/remove.ts', auth: true, access: { table: 'write' }, scope: 'members:write', errors: ['org_not_found', 'forbidden', 'member_not_found', 'last_admin', 'concurrent_update'] },
  { id: 'LeaveOrg', method: 'POST', path: '/orgs/{orgId}/leave', entry: 'orgs/leave.ts', auth: true, access: { table: 'write' }, errors: ['org_not_found', 'last_admin', 'concurrent_update'] },
  { id: 'LeaveByLink', method: 'POST', path: '/memberships/leave', entry: 'members/leave-by-link.ts', auth: false, access: { table: 'write', linkSecret: true }, errors: ['leave_link_invalid', 'last_admin', 'concurrent_update'] },
  { id: 'CreateTeam', method: 'POST', path: '/orgs/{orgId}/teams', entry: 'teams/create.ts', auth: true, access: { table: 'write' }, scope: 'teams:write', errors: ['org_not_found', 'forbidden', 'concurrent_update'] },
  { id: 'ListTeams', method: 'GET', path: '/orgs/{orgId}/teams', entry: 'teams/list.ts', auth: true, access: { table: 'read', linkSecret: true }, scope: 'teams:read', errors: ['org_not_found', 'forbidden', 'invalid_cursor'] },
  { id: 'RenameTeam', method: 'PATCH', path: '/orgs/{orgId}/teams/{teamId}', entry: 'teams/update.ts', auth: true, access: { table: 'write' }, scope: 'teams:write', errors: ['org_not_found', 'forbidden', 'team_not_found', 'concurrent_update'] },
  { id: 'DeleteTeam', method: 'DELETE', path: '/orgs/{orgId}/teams/{teamId}', entry: 'teams/delete.ts', auth: true, access: { table: 'write' }, scope: 'teams:write', errors: ['org_not_found', 'forbidden', 'team_not_found', 'concurrent_update'] },
  { id: 'AddTeamMember', method: 'PUT', path: '/orgs/{orgId}/teams/{teamId}/members/{userId}', entry: 'teams/add-member.ts', auth: true, access: { table: 'write' }, scope: 'teams:write', errors: ['org_not_found', 'forbidden', 'team_not_found', 'member_not_found', 'team_limit_reached', 'concurrent_update'] },
  { id: 'RemoveTeamMember', method: 'DELETE', path: '/orgs/{orgId}/teams/{teamId}/members/{userId}', entry: 'teams/remove-member.ts', auth: true, access: { table: 'write' }, scope: 'teams:write', errors: ['org_not_found', 'forbidden', 'team_not_found', 'member_not_found', 'concurrent_update'] },
  { id: 'JoinOrg', method: 'POST', path: '/orgs/{orgId}/join', entry: 'orgs/join.ts', auth: true, access: { table: 'write' }, errors: ['email_not_verified', 'org_not_found', 'auto_join_disabled', 'domain_not_allowed', 'already_member', 'already_invited', 'member_suspended', 'member_limit_reached', 'concurrent_update'] },
  { id: 'ListJoinableOrgs', method: 'GET', path: '/me/joinable-organizations', entry: 'me/joinable.ts', auth: true, access: { table: 'read', linkSecret: true }, errors: ['email_not_verified', 'invalid_cursor'] },
  { id: 'CreateJoinLink', method: 'POST', path: '/orgs/{orgId}/join-links', entry: 'join-links/create.ts', auth: true, access: { table: 'write' }, scope: 'invitations:write', errors: ['org_not_found', 'forbidden', 'join_link_limit_reached'] },
  { id: 'ListJoinLinks', method: 'GET', path: '/orgs/{orgId}/join-links', entry: 'join-links/list.ts', auth: true, access: { table: 'read', linkSecret: true }, scope: 'invitations:read', errors: ['org_not_found', 'forbidden', 'invalid_cursor'] },
  { id: 'RevokeJoinLink', method: 'DELETE', path: '/orgs/{orgId}/join-links/{linkId}', entry: 'join-links/revoke.ts', auth: true, access: { table: 'write' }, scope: 'invitations:write', errors: ['org_not_found', 'forbidden', 'join_link_not_found'] },
  { id: 'PreviewJoinLink', method: 'GET', path: '/join-links/preview', entry: 'join-links/preview.ts', auth: false, access: { table: 'read' }, errors: ['join_link_not_found', 'join_link_revoked', 'join_link_expired', 'join_link_used_up'] },
  { id: 'AcceptJoinLink', method: 'POST', path: '/join-links/accept', entry: 'join-links/accept.ts', auth: true, access: { table: 'write' }, errors: ['email_not_verified', 'join_link_not_found', 'join_link_revoked', 'join_link_expired', 'join_link_used_up', 'domain_not_allowed', 'already_member', 'already_invited', 'member_suspended', 'member_limit_reached', 'join_request_pending'] },
  { id: 'ListJoinRequests', method: 'GET', path: '/orgs/{orgId}/join-requests', entry: 'join-links/list-requests.ts', auth: true, access: { table: 'read', linkSecret: true }, scope: 'invitations:read', errors: ['org_not_found', 'forbidden', 'invalid_cursor'] },
  { id: 'ApproveJoinRequest', method: 'POST', path: '/orgs/{orgId}/join-requests/{requestId}/approve', entry: 'join-links/approve-request.ts', auth: true, access: { table: 'write' }, scope: 'invitations:write', errors: ['org_not_found', 'forbidden', 'join_request_not_found', 'join_request_not_pending', 'join_link_revoked', 'domain_not_allowed', 'already_member', 'already_invited', 'member_suspended', 'member_limit_reached'] },
  { id: 'DenyJoinRequest', method: 'POST', path: '/orgs/{orgId}/join-requests/{requestId}/deny', entry: 'join-links/deny-request.ts', auth: true, access: { table: 'write' }, scope: 'invitations:write', errors: ['org_not_found', 'forbidden', 'join_request_not_found', 'join_request_not_pending'] },
  { id: 'ListAuditEvents', method: 'GET', path: '/orgs/{orgId}/audit', entry: 'audit/list.ts', auth: true, access: { table: 'read', linkSecret: true }, scope: 'audit:read', errors: ['org_not_found', 'forbidden', 'invalid_cursor'] },
] as const satisfies readonly RouteSpec[];

export type RouteId = (typeof routes)[number]['id'];

/** The table as RouteSpecs, where code reads a field that only some entries set (`access.linkSecret`). */
export const routeSpecs: readonly RouteSpec[] = routes;

/** The scope a service principal needs for this route, or undefined when only a user may call it. */
export function routeScope(id: RouteId): Scope | undefined {
  return specOf(id).scope;
}

function specOf(id: RouteId): RouteSpec {
  const route = routeSpecs.find((r) => r.id === id);
  if (!route) throw new Error(`route ${id} is not in the route table`);
  return route;
}

/** Whether a route's caller must be signed in; a route missing from the table fails at cold start. */
export function routeAuth(id: RouteId): boolean {
  return specOf(id).auth;
}
