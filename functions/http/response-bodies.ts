import * as z from 'zod/mini';
import { deliveryStatuses, invitationStatuses, memberStatuses, roles } from '../../shared/domain/model.ts';
import { locales } from '../../shared/domain/notifications/locales.ts';
import { named, namedObject, page, timestamp } from './response-naming.ts';
import { type ApiCode, apiCodes } from './transport-errors.ts';

export { schemaNames } from './response-naming.ts';

/*
 * The bodies every route answers, written once (response-schemas.ts says which route answers which). Handlers only `import type` from here (the schemas stay
 * out of the Lambda bundles); the OpenAPI document is generated from these values, and withHttp makes
 * each handler's result match its route's entry in `routeResponses`, so the two cannot disagree. Every
 * object is strict: the document says `additionalProperties: false` and the contract test holds
 * every response of the integration suite to it.
 */
const role = z.enum(roles);
const codes = Object.keys(apiCodes) as [ApiCode, ...ApiCode[]];

export const Health = namedObject('Health', { status: z.literal('ok') });
export const Person = namedObject('Person', { userId: z.string(), name: z.string() });

export const Product = namedObject('Product', { key: z.string(), name: z.string() });
export const Branding = namedObject('Branding', {
  displayName: z.optional(z.string()),
  logoUrl: z.optional(z.string()),
  accentColor: z.optional(z.string()),
  replyTo: z.optional(z.string()),
  defaultLocale: z.optional(z.enum(locales)),
});
export const OrgSettings = namedObject('OrgSettings', {
  allowedDomains: z.array(z.string()),
  autoJoin: z.strictObject({ enabled: z.boolean(), role: z.enum(['member', 'viewer']) }),
  invitationTtlDays: z.int(),
  reminderHoursBeforeExpiry: z.int(),
  accessReminderHoursBeforeEnd: z.optional(z.int()),
  notifyInviterOnAccept: z.boolean(),
  directAddExistingUsers: z.boolean(),
  products: z.optional(z.array(Product)),
  branding: z.optional(Branding),
});
export const Org = namedObject('Org', {
  orgId: z.string(),
  name: z.string(),
  /** A name in the deployment's plan catalogue (operator configuration). */
  plan: z.string(),
  settings: OrgSettings,
  counts: z.strictObject({ members: z.int(), admins: z.int(), pendingInvitations: z.int() }),
  primaryContactUserId: z.nullable(z.string()),
  createdAt: timestamp,
  /** Admins only, on GET /orgs/{orgId}: whether the sender reputation guard paused the org's emails, and why. */
  sending: z.optional(
    namedObject(
      'OrgSending',
      {
        status: z.enum(['active', 'paused']),
        reason: z.optional(z.enum(['bounce_rate', 'complaint_rate'])),
        since: z.optional(timestamp),
        rates: z.optional(
          z.strictObject({
            sent: z.int(),
            bounced: z.int(),
            complained: z.int(),
            bounceRate: z.number(),
            complaintRate: z.number(),
          }),
        ),
      },
      "The org's invitation emails: `paused` when its bounce or complaint rate passed the deployment's threshold (an operator resumes it).",
    ),
  ),
  /** Admins only, on GET /orgs/{orgId}: the plan's limits and today's invitation emails against the org's daily allowance. */
  limits: z.optional(
    namedObject(
      'OrgLimits',
      {
        /** null: unlimited. */
        pendingInvitations: z.nullable(z.int()),
        members: z.nullable(z.int()),
        invitationEmailsToday: z.strictObject({
          sent: z.int(),
          /** Grows with the org's members up to the plan's maximum; null: no daily allowance. */
          allowance: z.nullable(z.int()),
          resetsAt: timestamp,
        }),
      },
      "The org's plan limits and its invitation emails today (UTC) against its daily allowance.",
    ),
  ),
});
export const OrgResponse = namedObject('OrgResponse', { org: Org });

export const Member = namedObject(
  'Member',
  {
    orgId: z.string(),
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role,
    status: z.enum(memberStatuses),
    teams: z.array(z.string()),
    joinedAt: timestamp,
    invitedBy: z.nullable(Person),
    products: z.optional(z.array(z.string())),
    primaryContact: z.optional(z.boolean()),
    accessUntil: z.optional(timestamp),
  },
  "A membership. `primaryContact: true` only on the org's primary contact; `products` only in orgs that offer products; `accessUntil` only on a member whose access ends: from that instant they have no access (the org answers them 404), and a schedule removes them.",
);
export const MemberResponse = namedObject('MemberResponse', { member: Member });
export const MemberPage = page('MemberPage', Member);
export const Membership = namedObject('Membership', { membership: Member, org: Org }, "The caller's membership after joining, and the org.");

const invitationStatus = z.enum(invitationStatuses);
export const Invitation = namedObject(
  'Invitation',
  {
    invitationId: z.string(),
    orgId: z.string(),
    email: z.string(),
    role,
    teams: z.array(z.string()),
    firstName: z.optional(z.string()),
    lastName: z.optional(z.string()),
    accessUntil: z.optional(timestamp),
    locale: z.optional(z.enum(locales)),
    timeZone: z.optional(z.string()),
    status: invitationStatus,
    invitedBy: Person,
    createdAt: timestamp,
    expiresAt: timestamp,
    lastSentAt: z.nullable(timestamp),
    sendCount: z.int(),
    sendsRequested: z.int(),
    sendEmail: z.boolean(),
    acceptedAt: z.optional(timestamp),
    acceptedBy: z.optional(z.string()),
    revokedAt: z.optional(timestamp),
    revokedBy: z.optional(z.string()),
    declinedAt: z.optional(timestamp),
    remindedAt: z.optional(timestamp),
    renewalRequestedAt: z.optional(timestamp),
    delivery: z.optional(
      z.strictObject({
        status: z.enum(deliveryStatuses),
        at: timestamp,
        detail: z.optional(z.string()),
        /** With `paused`: the org's sending is paused, or this address hard-bounced or complained in the org. */
        reason: z.optional(z.enum(['sending_paused', 'address_bounced', 'address_complained'])),
      }),
    ),
    schedules: z.optional(
      z.strictObject({
        status: z.enum(['failed', 'scheduled']),
        at: timestamp,
        detail: z.optional(z.string()),
      }),
    ),
  },
  'An invitation as admins see it (never its link token). `status` is exact: a pending one past `expiresAt` is `expired`.',
);
export const InvitationResponse = namedObject('InvitationResponse', { invitation: Invitation });
export const InvitationPage = page('InvitationPage', Invitation);

export const InviteResult = namedObject(
  'InviteResult',
  {
    email: z.string(),
    status: z.enum([
      'invited',
      'added',
      'already_invited',
      'already_member',
      'member_suspended',
      'pending_limit_reached',
      'member_limit_reached',
      'invalid_email',
      'domain_not_allowed',
      'service_busy',
    ]),
    invitationId: z.optional(z.string()),
    code: z.optional(z.string()),
  },
  "One recipient's outcome: `invitationId` when invited, `code` (= status) when neither invited nor added; never a user id. `service_busy`: not written and not emailed (the database stayed busy or the request ran out of time); the same request again invites them.",
);
export const InviteResults = namedObject(
  'InviteResults',
  {
    results: z.array(InviteResult),
    incomplete: z.optional(z.literal(true)),
  },
  '`incomplete: true` (a 207 with `Retry-After`): some recipients are `service_busy`; send the same request again, with the same Idempotency-Key, to invite them without duplicating the others.',
);
export const InviteCheck = namedObject(
  'InviteCheck',
  {
    dryRun: z.literal(true),
    results: z.array(
      z.strictObject({
        email: z.string(),
        status: z.enum([
          'ready',
          'would_add',
          'invalid_email',
          'domain_not_allowed',
          'already_member',
          'member_suspended',
          'already_invited',
          'pending_limit_reached',
        ]),
        code: z.optional(z.string()),
      }),
    ),
  },
  "The answer of `?dryRun=true`: per distinct recipient what inviting would do (`ready`: invited; `would_add`: added at once by direct add) or why not (`code` = status; `pending_limit_reached`: past the plan's room for pending invitations). A request whose emails would not fit the daily quotas gets the same `429 invitation_limit_reached` as inviting. Nothing was written, reserved or sent.",
);

export const EmailPreview = namedObject(
  'EmailPreview',
  { subject: z.string(), text: z.string(), html: z.string() },
  'An email exactly as the dispatcher renders it for this org, language and kind, with sample people and a placeholder link token.',
);
/** What a one-click leave link answers: the org that was left, by name, for the page to say so. */
export const LeftOrg = namedObject('LeftOrg', { org: z.strictObject({ orgId: z.string(), name: z.string() }) });

export const InvitationPreview = namedObject(
  'InvitationPreview',
  {
    orgId: z.string(),
    orgName: z.string(),
    inviterName: z.string(),
    role,
    email: z.string(),
    expiresAt: timestamp,
    status: invitationStatus,
    canRequestNew: z.boolean(),
    renewalRequested: z.boolean(),
  },
  'What the accept page shows to anyone holding the link; `email` is masked.',
);
export const DeclinedInvitation = namedObject('DeclinedInvitation', {
  invitation: z.strictObject({ invitationId: z.string(), orgId: z.string(), status: z.literal('declined') }),
});
export const RenewalRequested = namedObject('RenewalRequested', { invitationId: z.string(), orgId: z.string(), renewalRequestedAt: timestamp });

export const MyInvitation = namedObject('MyInvitation', {
  invitationId: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  role,
  teams: z.array(z.string()),
  invitedBy: Person,
  createdAt: timestamp,
  expiresAt: timestamp,
});
export const MyInvitationPage = page('MyInvitationPage', MyInvitation);
export const AcceptAllResults = namedObject('AcceptAllResults', {
  results: z.array(
    z.union([
      z.strictObject({ invitationId: z.string(), orgId: z.string(), status: z.literal('accepted'), membership: Member }),
      z.strictObject({ invitationId: z.string(), orgId: z.string(), status: z.literal('failed'), code: z.enum(codes) }),
    ]),
  ),
});

export const Me = namedObject('Me', { userId: z.string(), email: z.string(), emailVerified: z.boolean(), name: z.nullable(z.string()) });
export const MyOrganization = namedObject('MyOrganization', {
  orgId: z.string(),
  name: z.string(),
  role,
  status: z.enum(memberStatuses),
  teams: z.array(z.string()),
  joinedAt: timestamp,
  /** The caller's own email settings in the org (PATCH their member row to change them); absent: the defaults. */
  locale: z.optional(z.enum(locales)),
  timeZone: z.optional(z.string()),
});
export const MyOrganizationPage = page('MyOrganizationPage', MyOrganization);
export const JoinableOrg = namedObject('JoinableOrg', { orgId: z.string(), name: z.string(), role: z.enum(['member', 'viewer']) });
export const JoinableOrgPage = page('JoinableOrgPage', JoinableOrg);

export const Team = namedObject('Team', { teamId: z.string(), orgId: z.string(), name: z.string(), memberCount: z.int(), createdAt: timestamp });
export const TeamResponse = namedObject('TeamResponse', { team: Team });
export const TeamPage = page('TeamPage', Team);

export const AuditEvent = namedObject(
  'AuditEvent',
  {
    eventId: z.string(),
    type: z.string(),
    at: timestamp,
    actor: z.union([z.strictObject({ userId: z.string(), email: z.string() }), z.strictObject({ system: z.literal(true) })]),
    target: z.record(z.string(), z.unknown()),
    details: z.record(z.string(), z.unknown()),
  },
  '`type` is one of the audit event types (docs/api.md); `target` and `details` depend on it.',
);
export const AuditEventPage = page('AuditEventPage', AuditEvent);

/**
 * RFC 9457 problem details, as with-http.ts writes them. `errors` comes with validation codes,
 * `orgs` with `last_admin` from DELETE /me, `rateLimit` with the daily quotas' 429s. The document narrows `status` and `code` per route.
 */
export const Problem = namedObject('Problem', {
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  code: z.enum(codes),
  requestId: z.string(),
  errors: z.optional(z.array(z.strictObject({ path: z.string(), message: z.string() }))),
  orgs: z.optional(z.array(z.strictObject({ orgId: z.string(), name: z.string() }))),
  rateLimit: z.optional(z.strictObject({ policy: z.string(), quota: z.int(), remaining: z.int(), windowSeconds: z.int(), resetSeconds: z.int() })),
  /** DELETE /me's 503 service_busy when part of the account is already erased: the same request finishes it. */
  erasure: z.optional(z.literal('incomplete')),
});
/** The document this API serves about itself (its own schema is OpenAPI 3.1's, not repeated here). */
export const OpenApiDocument = named(
  'OpenApiDocument',
  z.looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  }),
);
/** The API reference page, rendered from the OpenAPI document (functions/http/api-reference.ts). */
export const ApiReferencePage = named('ApiReferencePage', z.string(), 'The API reference as one HTML page, with an anchor per error code.', 'text/html');
/** What API Gateway itself answers (authorizer 401, throttling 429) before any function runs. */
export const GatewayMessage = namedObject('GatewayMessage', { message: z.string() });
