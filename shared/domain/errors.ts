/**
 * The catalogue of the rules' error codes. The domain throws DomainError(kind, code); only the HTTP
 * layer maps a kind to a status, so a rule never knows about HTTP and a code never changes meaning.
 * The codes of the HTTP edge itself (a body's framing, the route table, an unexpected failure) are
 * not rules: they live in functions/http/transport-errors.ts.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'unprocessable'
  | 'rate_limited'
  /** The service is overloaded or contended beyond its retries; the same request may be sent again (503 + Retry-After). */
  | 'unavailable';

export const errorCodes = {
  validation_failed: 'The request is not valid.',
  invalid_cursor: 'The cursor is not valid for this list.',
  unauthenticated: 'A valid bearer token is required.',
  forbidden: 'You are not allowed to do this.',
  email_not_verified: 'Your email address is not verified.',
  email_mismatch: 'This invitation was sent to another email address.',
  role_not_allowed: 'You cannot grant a role you do not hold.',
  org_not_found: 'Organization not found.',
  confirmation_mismatch: "The confirmation does not match the organization's name.",
  owner_required: 'A service principal creating an organization must name its owner.',
  owner_not_allowed: 'Only a service principal names an owner; whoever creates an organization owns it.',
  invitation_not_found: 'Invitation not found.',
  leave_link_invalid: 'This leave link is not valid.',
  member_not_found: 'Member not found.',
  team_not_found: 'Team not found.',
  unknown_teams: 'One or more of the teams do not exist in this organization.',
  team_limit_reached: 'A member can be in at most 40 teams.',
  invitation_not_pending: 'The invitation is not pending.',
  invitation_not_expired: 'The invitation has not expired.',
  invitation_already_used: 'The invitation was already accepted by someone else.',
  renewal_already_requested: 'A new invitation was already requested.',
  already_member: 'You are already a member of this organization.',
  already_invited: 'An invitation to you is pending in this organization: accept it to join.',
  member_suspended: 'Your membership is suspended.',
  last_admin: 'An organization must keep at least one active admin.',
  access_until_invalid: 'The end of access must be a future instant at most 5 years away.',
  logo_url_invalid: 'The logo must be an https URL.',
  accent_color_invalid: 'The accent colour must be #rrggbb.',
  reply_to_not_admin: "The reply-to address must be one of the organization's admins.",
  locale_unsupported: 'This language is not supported for emails.',
  time_zone_invalid: 'The time zone must be an IANA time zone name.',
  member_limit_reached: 'The organization has reached its member limit.',
  idempotency_key_reused: 'The Idempotency-Key was used with another request.',
  idempotency_in_progress: 'A request with this Idempotency-Key is still in progress.',
  auto_join_disabled: 'This organization does not allow joining by email domain.',
  direct_add_not_enabled: "Adding people directly is not enabled for this organization's plan.",
  domain_not_allowed: 'Your email domain is not allowed in this organization.',
  invitation_expired: 'The invitation has expired.',
  invitation_revoked: 'The invitation was revoked.',
  invitation_declined: 'The invitation was declined.',
  resend_rate_limited: 'The invitation was resent too recently.',
  renewal_rate_limited: 'Too many requests for a new invitation.',
  delivery_problem_unconfirmed: 'The last email to this address bounced or was reported as spam: confirm to email it again.',
  invitation_limit_reached: 'The daily limit of invitation emails is reached.',
  org_creation_limit_reached: 'The daily limit of new organizations is reached.',
  resend_limit_reached: "The organization's daily limit of resends is reached.",
  concurrent_update: 'Someone else changed this at the same time; try again.',
  primary_contact_already_set: 'The organization already has a primary contact; move it instead.',
  primary_contact_not_active: 'The primary contact must be an active member of the organization.',
  unknown_products: 'One or more products are not offered by this organization.',
  service_busy: 'The service is busy; retry after the time given in Retry-After.',
  join_link_not_found: 'Join link not found.',
  join_link_revoked: 'This join link was revoked.',
  join_link_expired: 'This join link has expired.',
  join_link_used_up: 'This join link has been used as many times as it allows.',
  join_link_limit_reached: "The organization's daily limit of new join links is reached.",
  join_request_pending: 'Your request to join is waiting for an admin.',
  join_request_not_found: 'Join request not found.',
  join_request_not_pending: 'The join request was already decided.',
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    readonly extra: { detail?: string; errors?: FieldError[]; retryAfterSeconds?: number; [k: string]: unknown } = {},
    options?: { cause?: unknown },
  ) {
    // The message is the code (or the detail): the catalogue's text is for answers, and only the HTTP
    // layer reads it (with-http.ts), so the workers' bundles leave it out (test/infra/bundle.test.ts).
    super(extra.detail ?? code, options);
  }
}

export const notFound = (code: ErrorCode) => new DomainError('not_found', code);
export const conflict = (code: ErrorCode, extra?: DomainError['extra']) => new DomainError('conflict', code, extra);
export const forbidden = (code: ErrorCode, extra?: DomainError['extra']) => new DomainError('forbidden', code, extra);
export const gone = (code: ErrorCode) => new DomainError('gone', code);
/** Seconds a client is asked to wait before retrying a `service_busy` answer. */
export const SERVICE_BUSY_RETRY_AFTER_SECONDS = 2;
export const serviceBusy = (extra: DomainError['extra'] = {}) =>
  new DomainError('unavailable', 'service_busy', { retryAfterSeconds: SERVICE_BUSY_RETRY_AFTER_SECONDS, ...extra });
export const invalid = (detail: string, errors?: FieldError[]) => new DomainError('validation', 'validation_failed', { detail, ...(errors ? { errors } : {}) });
