import { domainOf } from '../emails.ts';
import { gone } from '../errors.ts';
import type { Role } from '../model.ts';

/** A join link never makes an admin: admins are invited by name. */
export const joinLinkRoles = ['member', 'viewer'] as const satisfies readonly Role[];
export type JoinLinkRole = (typeof joinLinkRoles)[number];

export const MAX_JOIN_LINK_USES = 10_000;
/** A link with no `expiresAt` lives this long. */
export const DEFAULT_JOIN_LINK_DAYS = 7;
/**
 * The longest a link may live: long enough for a quarter's onboarding, short enough that a link
 * pasted in a chat years ago does not still open the org.
 */
export const MAX_JOIN_LINK_DAYS = 90;

export interface JoinLink {
  linkId: string;
  orgId: string;
  role: JoinLinkRole;
  /** Absent: as many uses as the link's lifetime brings (the org's member limit still applies). */
  maxUses?: number;
  /** Accepts (or join requests) taken so far; raised by the write that admits, under its own condition. */
  uses: number;
  expiresAt: string;
  /** Empty: any domain the org admits. */
  allowedDomains: string[];
  requireApproval: boolean;
  /** SHA-256 of the token; the token itself is answered once, at creation, and never stored. */
  tokenHash: string;
  createdBy: { userId: string; name: string };
  createdAt: string;
  revokedAt?: string;
  revokedBy?: string;
}

export type JoinLinkStatus = 'active' | 'revoked' | 'expired' | 'used_up';

/** Read at the moment it is asked, like an invitation's expiry: no job has to run for a link to die. */
export function joinLinkStatus(link: JoinLink, now: Date): JoinLinkStatus {
  if (link.revokedAt) return 'revoked';
  if (link.expiresAt <= now.toISOString()) return 'expired';
  if (link.maxUses !== undefined && link.uses >= link.maxUses) return 'used_up';
  return 'active';
}

const deadCodes = { revoked: 'join_link_revoked', expired: 'join_link_expired', used_up: 'join_link_used_up' } as const;

/** A dead link answers why, and nothing about the org. */
export function requireActive(link: JoinLink, now: Date): void {
  const status = joinLinkStatus(link, now);
  if (status !== 'active') throw gone(deadCodes[status]);
}

/** The link's own restriction; the org's allowed domains are checked beside it. */
export function linkAdmits(link: Pick<JoinLink, 'allowedDomains'>, email: string): boolean {
  return link.allowedDomains.length === 0 || link.allowedDomains.includes(domainOf(email));
}

/** What an admin sees of a link: everything but the hash. */
export function joinLinkView(link: JoinLink, now: Date) {
  return {
    linkId: link.linkId,
    orgId: link.orgId,
    role: link.role,
    maxUses: link.maxUses ?? null,
    uses: link.uses,
    expiresAt: link.expiresAt,
    allowedDomains: link.allowedDomains,
    requireApproval: link.requireApproval,
    status: joinLinkStatus(link, now),
    createdBy: link.createdBy,
    createdAt: link.createdAt,
    revokedAt: link.revokedAt ?? null,
  };
}
