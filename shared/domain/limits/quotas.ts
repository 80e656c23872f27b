import { DomainError, type ErrorCode } from '../errors.ts';

/**
 * Daily send quotas (issue 17): how much one org, one inviter and one account may send or create in
 * a UTC day. Each is a counter in the table that a conditional write raises, all of a request's
 * counters in one transaction (QuotaStore.reserve), so concurrent requests cannot pass a limit
 * between them: there is no read of the counter before the write.
 */
export const quotaNames = ['org_invitation_emails', 'inviter_invitation_emails', 'orgs_created', 'org_resends', 'org_join_links'] as const;
export type QuotaName = (typeof quotaNames)[number];

export interface QuotaCounter {
  name: QuotaName;
  /** Whose counter: an org id or a user id. */
  owner: string;
}

export interface QuotaRequest {
  counter: QuotaCounter;
  /** The most the counter may reach in the window. */
  limit: number;
}

export interface QuotaWindow {
  /** `YYYY-MM-DD` (UTC): part of the counter's key, so a new day starts from zero without a reset. */
  id: string;
  seconds: number;
  /** Seconds until the window ends: Retry-After and the RateLimit header's `t`. */
  resetSeconds: number;
}

export function dailyWindow(now: Date): QuotaWindow {
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return { id: now.toISOString().slice(0, 10), seconds: 86_400, resetSeconds: Math.max(1, Math.ceil((end - now.getTime()) / 1000)) };
}

const codeOf: Record<QuotaName, ErrorCode> = {
  org_invitation_emails: 'invitation_limit_reached',
  inviter_invitation_emails: 'invitation_limit_reached',
  orgs_created: 'org_creation_limit_reached',
  org_resends: 'resend_limit_reached',
  org_join_links: 'join_link_limit_reached',
};

/** The codes of a refused quota: their 429 carries the `RateLimit` and `RateLimit-Policy` headers (the OpenAPI document declares them). */
export const quotaErrorCodes: readonly ErrorCode[] = [...new Set(Object.values(codeOf))];

/**
 * The 429 for a refused reservation. `rateLimit` becomes the IETF `RateLimit-Policy` and `RateLimit`
 * headers (draft-ietf-httpapi-ratelimit-headers) in with-http.ts, and stays in the body for clients
 * that do not read headers.
 */
export function quotaExceeded(refused: QuotaRequest, used: number, wanted: number, window: QuotaWindow): DomainError {
  const remaining = Math.max(0, refused.limit - used);
  const detail =
    wanted > remaining && remaining > 0
      ? `This request needs ${wanted}; ${remaining} of the ${refused.limit} a day allowed (${refused.counter.name}) are left.`
      : `The daily limit of ${refused.limit} (${refused.counter.name}) is reached; it resets at 00:00 UTC.`;
  return new DomainError('rate_limited', codeOf[refused.counter.name], {
    detail,
    retryAfterSeconds: window.resetSeconds,
    rateLimit: { policy: refused.counter.name, quota: refused.limit, remaining, windowSeconds: window.seconds, resetSeconds: window.resetSeconds },
  });
}

/** The IETF rate limit header fields of a `rateLimit` extension (structured fields, draft -08 onward). */
export function rateLimitHeaders(r: { policy: string; quota: number; remaining: number; windowSeconds: number; resetSeconds: number }) {
  return {
    'ratelimit-policy': `"${r.policy}";q=${r.quota};w=${r.windowSeconds}`,
    ratelimit: `"${r.policy}";r=${r.remaining};t=${r.resetSeconds}`,
  };
}
