import type { Deps, LoadedInvitation } from '../../ports.ts';
import { normalizeEmail } from '../emails.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../model.ts';
import { acceptLoaded, requireVerified } from './accept-invitation.ts';

/** The most invitations accept-all takes in one call (one pending invitation per org, so: orgs). */
export const ACCEPT_ALL_MAX = 200;

/** Pending, unexpired invitations to the caller's verified email, across orgs: what a signed-in invitee sees. */
export async function listMyInvitations(deps: Pick<Deps, 'clock' | 'invitations'>, cmd: { actor: Actor; limit: number; cursor?: string }) {
  requireVerified(cmd.actor);
  const page = await deps.invitations.listPendingToEmail(normalizeEmail(cmd.actor.email), cmd.actor.userId, deps.clock.now().toISOString(), {
    limit: cmd.limit,
    ...(cmd.cursor ? { cursor: cmd.cursor } : {}),
  });
  return { items: page.items.flatMap(myInvitationView), nextCursor: page.nextCursor };
}

function myInvitationView({ invitation: i, org }: LoadedInvitation) {
  if (!org) return [];
  return [
    {
      invitationId: i.invitationId,
      orgId: i.orgId,
      orgName: org.name,
      role: i.role,
      teams: i.teams,
      invitedBy: i.invitedBy,
      createdAt: i.createdAt,
      expiresAt: i.expiresAt,
    },
  ];
}

/**
 * Accept without the link: the verified email in the token is the proof, as it is for the link.
 * The lookup only searches invitations to that email, so another person's invitation id is a 404.
 */
export async function acceptMyInvitation(deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'plans' | 'teams'>, cmd: { invitationId: string; actor: Actor }) {
  requireVerified(cmd.actor);
  const found = await deps.invitations.findToEmail(normalizeEmail(cmd.actor.email), cmd.invitationId, cmd.actor.userId);
  if (!found) throw notFound('invitation_not_found');
  return acceptLoaded(deps, found, cmd.actor);
}

/**
 * Joins every org the caller is invited to, each with the role of its own invitation. One refusal
 * (member limit, suspended membership, a race lost to a revoke) does not stop the others; each
 * invitation reports its own outcome.
 */
export async function acceptAllMyInvitations(deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'plans' | 'teams'>, cmd: { actor: Actor }) {
  requireVerified(cmd.actor);
  const email = normalizeEmail(cmd.actor.email);
  const pending: LoadedInvitation[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.invitations.listPendingToEmail(email, cmd.actor.userId, deps.clock.now().toISOString(), {
      limit: Math.min(200, ACCEPT_ALL_MAX - pending.length),
      ...(cursor ? { cursor } : {}),
    });
    pending.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && pending.length < ACCEPT_ALL_MAX);

  const results = [];
  for (const loaded of pending) {
    const { invitationId, orgId } = loaded.invitation;
    try {
      const { membership } = await acceptLoaded(deps, loaded, cmd.actor);
      results.push({ invitationId, orgId, status: 'accepted' as const, membership });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ invitationId, orgId, status: 'failed' as const, code: error.code });
    }
  }
  return { results };
}
