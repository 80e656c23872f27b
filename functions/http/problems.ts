import type { ApiCode } from './transport-errors.ts';

/** The codes of one status, in the catalogue's order (the document lists them in it). */
function answeredWith<const S extends number, const C extends ApiCode>(status: S, advice: Record<C, string>) {
  return Object.fromEntries(Object.entries(advice).map(([code, text]) => [code, { status, advice: text }])) as { [K in C]: { status: S; advice: string } };
}

/**
 * What each error code means on the wire: its HTTP status and what a client should do about it. The
 * OpenAPI document groups a route's codes by this status, the API reference explains each code from
 * `advice`, and every problem's `type` points at that explanation. A new code fails the typecheck
 * here until it has both (and the contract test fails until a route lists it).
 */
export const problemCatalogue = {
  ...answeredWith(400, {
    validation_failed: 'Fix the request: `errors[]` names each field (`body.x`, `query.y`, `path.z`) and what is wrong with it. Do not retry unchanged.',
    invalid_json: 'Send a body that is valid JSON (UTF-8). Do not retry unchanged.',
    invalid_cursor: 'Use the `nextCursor` of the same list with the same filters, as it was given; start again without `cursor` if in doubt.',
    unknown_teams:
      'Some team ids are not teams of this organization (`errors[]` names them): list the teams (`GET /orgs/{orgId}/teams`) and send existing ids.',
    unknown_products:
      'Some product keys are not offered by this organization: add them to `settings.products` (`PATCH /orgs/{orgId}`) or send only offered keys. Nobody was invited or changed.',
    access_until_invalid:
      '`accessUntil` must be an ISO 8601 instant after now and at most 5 years (1826 days) ahead; `null` (on a member) clears it. Nothing was changed or sent.',
    logo_url_invalid: '`branding.logoUrl` must be an absolute `https:` URL without credentials, at most 2048 characters. Nothing was changed.',
    accent_color_invalid: '`branding.accentColor` must be a hex colour `#rrggbb` (e.g. `#1a56db`). Nothing was changed.',
    reply_to_not_admin:
      "`branding.replyTo` must be the email address of one of the organization's active admins, as the member list shows it. Nothing was changed.",
    locale_unsupported:
      "Email languages are `en`, `de`, `fr`, `es`, `pt` and `ja` (`branding.defaultLocale`, an invitation's or a member's `locale`, `?locale=`). Nothing was changed or sent.",
    owner_required:
      'A backend (service principal) creates an organization for one of its users: name them in `owner` (`userId`: the subject of their tokens, `email`), who becomes its first admin.',
    owner_not_allowed: 'A signed-in user creating an organization is its first admin: leave `owner` out.',
    time_zone_invalid:
      "A `timeZone` (an invitation's, a member's, the email preview's `?timeZone=`) is an IANA time zone name (`Europe/Berlin`, `America/Sao_Paulo`, `UTC`), not an offset or an abbreviation; emails write their dates in it. Nothing was changed or sent.",
    confirmation_mismatch: "Send the organization's exact current name (as `GET /orgs/{orgId}` shows it) in `confirm`. Nothing was deleted.",
  }),
  ...answeredWith(401, {
    unauthenticated: 'Send `Authorization: Bearer <JWT>` with a valid, unexpired token from the configured identity provider; sign in again if it expired.',
  }),
  ...answeredWith(403, {
    forbidden: 'Your role in this organization does not allow this (for example a member managing invitations). Ask an admin.',
    insufficient_scope:
      "A service principal's token (OAuth client credentials) does not hold the scope this route needs, or the route acts for a signed-in user (the /me routes, accepting, joining) and no service may call it: `detail` says which. Have the operator grant the scope to the client, or call as a user.",
    email_not_verified: "The token's `email_verified` claim is not true: verify the email address with the identity provider and sign in again.",
    email_mismatch:
      "The invitation was sent to another address than the signed-in account's: sign in as the invited address, or ask for an invitation to yours.",
    role_not_allowed: 'You cannot grant a role above your own: choose a role you hold.',
    auto_join_disabled: 'This organization does not let people join by email domain: ask an admin for an invitation.',
    direct_add_not_enabled:
      "The organization's plan does not allow adding existing users directly: leave `directAddExistingUsers` off (people are invited instead), or have the operator change the plan.",
    domain_not_allowed: 'Your verified email domain is not one the organization admits: ask an admin for an invitation.',
  }),
  ...answeredWith(404, {
    org_not_found:
      'No such organization, or you are not an active member of it (the two are not told apart on purpose). Check the id and your membership (`GET /me/organizations`).',
    invitation_not_found:
      "The link or invitation id is unknown, was replaced by a newer email (resend), or is not addressed to you. Use the newest email's link.",
    leave_link_invalid:
      'The leave link was altered, or its membership has ended already (left, removed, or replaced by a newer one). Sign in and leave from your organizations page instead.',
    member_not_found: 'That user is not a member of this organization (any more). Refresh the member list.',
    team_not_found: 'No such team in this organization, or it is being deleted. Refresh the team list.',
    route_not_found: 'No route has this path: check the path against the API reference.',
  }),
  ...answeredWith(405, { method_not_allowed: 'The path exists with other methods (listed in `detail`).' }),
  ...answeredWith(404, {
    join_link_not_found: 'No such join link in this organization: list the links (`GET /orgs/{orgId}/join-links`).',
    join_request_not_found: 'No such join request in this organization: list the requests (`GET /orgs/{orgId}/join-requests`).',
  }),
  ...answeredWith(409, {
    join_request_pending: 'You asked to join already; an admin will approve or deny it. Nothing more to do.',
    join_request_not_pending: 'Another admin approved or denied this request already: list the requests again.',
    invitation_not_pending: 'The invitation is no longer pending (accepted, declined, revoked or expired): read it again and act on its current status.',
    delivery_problem_unconfirmed:
      'The last email to this address bounced or was reported as spam: check the address with the person, then resend with `{"confirmUndeliverable": true}`.',
    invitation_not_expired: 'A new invitation can be requested only once the invitation has expired: accept it instead.',
    invitation_already_used: 'Someone else already accepted this invitation. Ask an admin for a new one.',
    renewal_already_requested: 'A new invitation was already requested for this link; the admins were told. Wait for their new invitation.',
    already_member: 'You are already a member: open the organization instead.',
    already_invited: 'An invitation to your address is pending in this organization: accept it (`GET /me/invitations`) to join with the role it gives.',
    member_suspended: 'The membership is suspended: an admin must reactivate it (`PATCH .../members/{userId}` `{status: "active"}`).',
    last_admin:
      'An organization keeps at least one active admin without an end date (`accessUntil`): make someone else an admin (with no end date) first (`orgs` lists the organizations concerned when present).',
    member_limit_reached: "The organization's plan allows no more members: remove members or have the operator change the plan.",
    team_limit_reached: 'A member can be in at most 40 teams: remove them from a team first.',
    primary_contact_already_set: 'The organization already has a primary contact: move it with `PUT /orgs/{orgId}/primary-contact` instead.',
    primary_contact_not_active: 'The primary contact must be an active member: reactivate them or choose another member.',
    concurrent_update: 'Someone changed the same thing at the same moment and the change did not apply: read again and retry.',
    idempotency_in_progress: 'The first request with this Idempotency-Key is still running: retry the same request a little later to get its answer.',
  }),
  ...answeredWith(410, {
    invitation_expired: 'The invitation has expired: request a new one (`POST /invitations/request-new`) or ask an admin.',
    invitation_revoked: 'The invitation was revoked (by an admin, or because its inviter lost the admin role): ask an admin for a new one.',
    invitation_declined: 'The invitation was declined: ask an admin for a new one.',
    join_link_revoked: 'An admin revoked this join link (or the organization is gone): ask an admin for a new link or an invitation.',
    join_link_expired: 'The join link has expired: ask an admin for a new link or an invitation.',
    join_link_used_up: 'The join link admitted as many people as it allows: ask an admin for a new link or an invitation.',
  }),
  ...answeredWith(413, { payload_too_large: 'The body is larger than 512 KB: send fewer recipients per request.' }),
  ...answeredWith(415, { unsupported_media_type: 'Send the body with `Content-Type: application/json`.' }),
  ...answeredWith(422, { idempotency_key_reused: 'This Idempotency-Key was used with another body or path: use a new key for a new request.' }),
  ...answeredWith(429, {
    resend_rate_limited: 'An invitation can be resent once a minute and five times a day: wait for `Retry-After` seconds.',
    renewal_rate_limited: 'Too many requests for a new invitation: wait for `Retry-After` seconds.',
    invitation_limit_reached:
      "The daily quota of invitation emails (the org's, or yours across orgs) is used up: `rateLimit` and the `RateLimit` headers say how many are left; send fewer, or wait for `Retry-After` (00:00 UTC). Silent invitations (`sendEmail: false`) do not count.",
    org_creation_limit_reached: 'You created as many organizations today as the plan allows: wait for `Retry-After` (00:00 UTC).',
    resend_limit_reached: 'The organization used its resends for today: wait for `Retry-After` (00:00 UTC).',
    join_link_limit_reached: 'The organization created as many join links today as allowed: wait for `Retry-After` (00:00 UTC), or reuse a live link.',
  }),
  ...answeredWith(500, {
    internal_error:
      'An unexpected error on the server. Retrying is safe for reads and for writes sent with an Idempotency-Key; report the `requestId` if it persists.',
  }),
  ...answeredWith(503, {
    service_busy:
      'The database is throttling or contended and the request was not applied, or the request ran out of time and was applied only in part (the `detail` says which): retry after `Retry-After` seconds, with the same Idempotency-Key for creating requests, which completes it.',
  }),
} satisfies Record<ApiCode, { status: number; advice: string }>;

/** The reference page explains every code under this anchor; problem+json's `type` points there. */
export const problemAnchor = (code: string) => `problem-${code.replaceAll('_', '-')}`;
/**
 * Relative to the API's own origin, which serves the reference at /docs (local stack and AWS), so the
 * link resolves wherever the service is deployed (RFC 9457 allows a relative reference).
 */
export const problemType = (code: string) => `/docs#${problemAnchor(code)}`;

/** How a route is built, as far as the codes it can answer depend on it (see commonProblems). */
export interface RouteShape {
  auth: boolean;
  body: boolean;
  input: boolean;
  /** Honours an Idempotency-Key header (withHttp's `idempotency`). */
  idempotent: boolean;
}

/**
 * The problems any route can answer, declared once: they come from the HTTP layer (with-http.ts,
 * the local server, API Gateway), not from a use case. A route's own codes are in routes.ts `errors`.
 */
export function commonProblems(route: RouteShape): ApiCode[] {
  return [
    ...(route.input || route.idempotent ? (['validation_failed'] as const) : []),
    ...(route.body ? (['invalid_json', 'payload_too_large', 'unsupported_media_type'] as const) : []),
    ...(route.auth ? (['unauthenticated', 'insufficient_scope'] as const) : []),
    ...(route.idempotent ? (['idempotency_in_progress', 'idempotency_key_reused'] as const) : []),
    'internal_error',
    'service_busy',
  ];
}

/** API Gateway answers these statuses itself with `{"message": "..."}` (authorizer, throttling), before any function runs. */
export const gatewayStatuses = (route: RouteShape): number[] => (route.auth ? [401, 429] : [429]);
