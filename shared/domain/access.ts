import { DomainError, forbidden, notFound } from './errors.ts';
import type { Actor, Member, Role } from './model.ts';

/**
 * Who may do what, in one place. Every route under /orgs/{orgId} calls `requireCapability` with the
 * caller's membership (or null): outsiders and suspended members learn nothing about the org.
 */
export type Capability =
  | 'org.read'
  | 'org.update'
  | 'org.delete'
  | 'members.read'
  | 'members.manage'
  | 'invitations.manage'
  | 'teams.read'
  | 'teams.manage'
  | 'audit.read'
  | 'org.leave';

const grants: Record<Role, ReadonlySet<Capability>> = {
  admin: new Set<Capability>([
    'org.read',
    'org.update',
    'org.delete',
    'members.read',
    'members.manage',
    'invitations.manage',
    'teams.read',
    'teams.manage',
    'audit.read',
    'org.leave',
  ]),
  member: new Set<Capability>(['org.read', 'members.read', 'teams.read', 'org.leave']),
  viewer: new Set<Capability>(['org.read', 'members.read', 'org.leave']),
};

export function can(role: Role, capability: Capability): boolean {
  return grants[role].has(capability);
}

/** The member's access has ended (`accessUntil` reached), whether or not the schedule has removed them yet. */
export const accessEnded = (m: Pick<Member, 'accessUntil'>, now: Date): boolean => m.accessUntil !== undefined && Date.parse(m.accessUntil) <= now.getTime();

/**
 * Whether a membership grants any access at `now`: active, and its end date (if any) not reached.
 * Exact at read time, like an invitation's expiry: the schedule that removes an ended member only
 * tidies up, correctness never waits for it.
 */
export function hasAccess(member: Member | null, now: Date): member is Member {
  return member?.status === 'active' && !accessEnded(member, now);
}

export function requireCapability(member: Member | null, capability: Capability, now: Date): Member {
  // A suspended member, or one whose access has ended, is treated like an outsider: the org is invisible to them.
  if (!hasAccess(member, now)) throw notFound('org_not_found');
  if (!can(member.role, capability)) throw forbidden('forbidden');
  return member;
}

/**
 * The membership a caller acts with in `orgId`: their own row, or for a service principal an admin's.
 * A service principal (the deploying product's backend) is trusted as an admin of every org; what
 * bounds it is its OAuth scopes, which the HTTP layer checks against the route table before any use
 * case runs (functions/http/with-http.ts). docs/adr/service-principals.md
 */
/** A service principal's actor id: what the audit log records, and never a user's id (those have no `:`). */
export const serviceActorId = (clientId: string) => `service:${clientId}`;
export const isServiceActorId = (userId: string) => userId.startsWith('service:');

export function callerIn(orgId: string, actor: Actor, member: Member | null): Member | null {
  if (!actor.service) return member;
  return {
    orgId,
    userId: actor.userId,
    email: '',
    // no name: an invitation it sends reads "an admin of <org> invited you" (the catalogue's someAdmin)
    name: '',
    role: 'admin',
    status: 'active',
    teams: [],
    joinedAt: '',
    invitedBy: null,
  };
}

const rank: Record<Role, number> = { viewer: 0, member: 1, admin: 2 };

/** An inviter can never hand out more than they hold. */
export function requireCanGrant(grantor: Member, role: Role): void {
  if (rank[role] > rank[grantor.role]) throw new DomainError('forbidden', 'role_not_allowed');
}
