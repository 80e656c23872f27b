import type { JoinLinkRole } from './join-link.ts';

export const joinRequestStatuses = ['pending', 'approved', 'denied'] as const;
export type JoinRequestStatus = (typeof joinRequestStatuses)[number];

/**
 * A person's request to join through a link with `requireApproval`. There is one per person and org
 * (its key is the user id), so asking twice is answered, not duplicated; a decided request is
 * replaced by a new one when the person asks again through a live link.
 */
export interface JoinRequest {
  orgId: string;
  userId: string;
  email: string;
  name: string;
  linkId: string;
  role: JoinLinkRole;
  status: JoinRequestStatus;
  requestedAt: string;
  decidedAt?: string;
  decidedBy?: string;
}

/**
 * The request's id in URLs: the user id, base64url (ids from an identity provider may hold `|`, `:`
 * or other characters a path segment should not carry), behind a prefix that says what it is.
 */
export const joinRequestId = (userId: string) => `jr_${Buffer.from(userId, 'utf8').toString('base64url')}`;

/** The user a request id names; null for a string that is not one. */
export function userIdOfJoinRequest(requestId: string): string | null {
  const m = /^jr_([0-9A-Za-z_-]{1,200})$/.exec(requestId);
  if (!m) return null;
  const userId = Buffer.from(m[1] as string, 'base64url').toString('utf8');
  return userId && joinRequestId(userId) === requestId ? userId : null;
}

export function joinRequestView(r: JoinRequest) {
  return {
    requestId: joinRequestId(r.userId),
    orgId: r.orgId,
    userId: r.userId,
    email: r.email,
    name: r.name,
    linkId: r.linkId,
    role: r.role,
    status: r.status,
    requestedAt: r.requestedAt,
    decidedAt: r.decidedAt ?? null,
  };
}
