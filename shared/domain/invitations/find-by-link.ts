import type { Deps, LoadedInvitation } from '../../ports.ts';
import type { DeletedOrg, Invitation } from '../model.ts';

/** Ids that no item has: a link that names nothing is still answered after the read a real one costs. */
const NONE = '~none';

/**
 * The invitation behind a link, with its org and the caller's membership, in one BatchGetItem. A
 * string that is no token, a token for an invitation that does not exist and a token whose secret
 * does not match (guessed, edited, or retired by a resend) are all null after the same one read, so
 * neither the answer nor its time tells an invitation id that exists from one that does not.
 */
export async function findByLink(deps: Pick<Deps, 'links' | 'invitations'>, token: string, callerUserId?: string): Promise<LoadedInvitation | null> {
  const ref = deps.links.parse(token);
  const loaded = await deps.invitations.loadWithOrg(ref?.orgId ?? NONE, ref?.invitationId ?? NONE, callerUserId ?? NONE);
  const { invitation } = loaded;
  if (!ref || !invitation || !deps.links.matches(token, invitation.tokenHash)) return null;
  return { ...loaded, invitation: loaded.deletedOrg ? revokedWithOrg(invitation, loaded.deletedOrg) : invitation };
}

/**
 * Deleting an org revokes every invitation of it at that instant, for whoever holds a link, without
 * writing each one (there may be thousands): it is read so, as expiry is, until the cleanup removes them.
 */
export function revokedWithOrg(inv: Invitation, org: DeletedOrg): Invitation {
  return { ...inv, status: 'revoked', revokedAt: org.deletedAt, revokedBy: 'system' };
}
