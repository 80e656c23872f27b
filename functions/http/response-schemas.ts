import type * as z from 'zod/mini';
import { ApprovedJoinRequest, CreatedJoinLink, JoinLinkPage, JoinLinkPreview, JoinRequestPage, JoinRequestResponse } from './join-link-bodies.ts';
import {
  AcceptAllResults,
  ApiReferencePage,
  AuditEventPage,
  DeclinedInvitation,
  EmailPreview,
  Health,
  InvitationPage,
  InvitationPreview,
  InvitationResponse,
  InviteCheck,
  InviteResults,
  JoinableOrgPage,
  LeftOrg,
  Me,
  MemberPage,
  MemberResponse,
  Membership,
  MyInvitationPage,
  MyOrganizationPage,
  OpenApiDocument,
  OrgResponse,
  RenewalRequested,
  TeamPage,
  TeamResponse,
} from './response-bodies.ts';
import type { RouteId } from './routes.ts';

/*
 * What every route answers: its statuses and their bodies (response-bodies.ts). Handlers only
 * `import type` from here (the schemas stay out of the Lambda bundles); the OpenAPI document is
 * generated from these values, and withHttp makes each handler's result match its route's entry, so
 * the two cannot disagree.
 */
export * from './join-link-bodies.ts';
export * from './response-bodies.ts';

/** Status -> body schema (null: no body) for every route of the table. */
export const routeResponses = {
  Health: { 200: Health },
  GetOpenApiDocument: { 200: OpenApiDocument },
  GetApiReference: { 200: ApiReferencePage },
  CreateOrg: { 201: OrgResponse },
  GetOrg: { 200: OrgResponse },
  UpdateOrg: { 200: OrgResponse },
  InviteMembers: { 200: InviteCheck, 201: InviteResults, 207: InviteResults },
  ListInvitations: { 200: InvitationPage },
  GetInvitation: { 200: InvitationResponse },
  ResendInvitation: { 200: InvitationResponse },
  RevokeInvitation: { 200: InvitationResponse },
  PreviewInvitation: { 200: InvitationPreview },
  AcceptInvitation: { 200: Membership },
  DeclineInvitation: { 200: DeclinedInvitation },
  RequestNewInvitation: { 200: RenewalRequested },
  ListMyInvitations: { 200: MyInvitationPage },
  AcceptMyInvitation: { 200: Membership },
  AcceptAllMyInvitations: { 200: AcceptAllResults },
  GetMe: { 200: Me },
  DeleteMe: { 204: null },
  DeleteOrg: { 204: null },
  PreviewOrgEmail: { 200: EmailPreview },
  SetPrimaryContact: { 200: OrgResponse },
  ListMyOrganizations: { 200: MyOrganizationPage },
  ListMembers: { 200: MemberPage },
  GetMember: { 200: MemberResponse },
  UpdateMember: { 200: MemberResponse },
  RemoveMember: { 204: null },
  LeaveOrg: { 204: null },
  LeaveByLink: { 200: LeftOrg },
  CreateTeam: { 201: TeamResponse },
  ListTeams: { 200: TeamPage },
  RenameTeam: { 200: TeamResponse },
  DeleteTeam: { 204: null },
  AddTeamMember: { 204: null },
  RemoveTeamMember: { 204: null },
  JoinOrg: { 200: Membership },
  ListJoinableOrgs: { 200: JoinableOrgPage },
  ListAuditEvents: { 200: AuditEventPage },
  CreateJoinLink: { 201: CreatedJoinLink },
  ListJoinLinks: { 200: JoinLinkPage },
  RevokeJoinLink: { 204: null },
  PreviewJoinLink: { 200: JoinLinkPreview },
  AcceptJoinLink: { 200: Membership, 201: JoinRequestResponse },
  ListJoinRequests: { 200: JoinRequestPage },
  ApproveJoinRequest: { 200: ApprovedJoinRequest },
  DenyJoinRequest: { 200: JoinRequestResponse },
} as const satisfies Record<RouteId, Record<number, z.ZodMiniType | null>>;

type Responses = typeof routeResponses;

/** What a route's handler may return: one of its declared statuses with that status's body. */
export type RouteResult<R extends RouteId> = {
  [S in keyof Responses[R] & number]: Responses[R][S] extends z.ZodMiniType
    ? { statusCode: S; body: z.output<Responses[R][S]>; headers?: Record<string, string> }
    : { statusCode: S; body?: undefined; headers?: Record<string, string> };
}[keyof Responses[R] & number];
