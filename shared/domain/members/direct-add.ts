import type { Deps } from '../../ports.ts';
import { auditEvent } from '../audit.ts';
import { conflict } from '../errors.ts';
import type { Actor, Member, Org, Role } from '../model.ts';
import { loadOrgAs } from '../orgs/get-org.ts';
import { planLimits } from '../orgs/settings.ts';

export interface DirectAddRecipient {
  email: string;
  role: Role;
  firstName?: string;
  lastName?: string;
}

export type DirectAddStatus = 'added' | 'already_member' | 'member_suspended' | 'already_invited' | 'member_limit_reached';

/**
 * directAddExistingUsers: recipients the service already knows by verified email become members at
 * once (no invitation, no link) and are told by email through the outbox. Others are left to the
 * caller, who invites them. Returns the outcome per email for those it handled.
 */
export async function addKnownUsers(
  deps: Pick<Deps, 'clock' | 'ids' | 'members' | 'orgs' | 'teams'>,
  cmd: { org: Org; caller: Member; actor: Actor; recipients: DirectAddRecipient[]; teams: string[]; sendEmail: boolean },
): Promise<Map<string, { status: DirectAddStatus; userId: string }>> {
  const out = new Map<string, { status: DirectAddStatus; userId: string }>();
  if (!cmd.org.settings.directAddExistingUsers || cmd.recipients.length === 0) return out;
  const known = await deps.members.knownUsers(cmd.recipients.map((r) => r.email));
  for (const r of cmd.recipients) {
    const user = known.get(r.email);
    if (!user) continue;
    out.set(r.email, { status: await addOne(deps, cmd, r, user), userId: user.userId });
  }
  return out;
}

async function addOne(
  deps: Pick<Deps, 'clock' | 'ids' | 'members' | 'orgs' | 'teams'>,
  cmd: { org: Org; caller: Member; actor: Actor; teams: string[]; sendEmail: boolean },
  r: DirectAddRecipient,
  user: { userId: string; name: string },
): Promise<DirectAddStatus> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = deps.clock.now();
    // teams deleted since the request was checked are skipped rather than failing the whole add
    const live = new Set((await deps.teams.existing(cmd.org.orgId, cmd.teams)).map((t) => t.teamId));
    const member: Member = {
      orgId: cmd.org.orgId,
      userId: user.userId,
      email: r.email,
      name: user.name || [r.firstName, r.lastName].filter(Boolean).join(' '),
      role: r.role,
      status: 'active',
      teams: cmd.teams.filter((t) => live.has(t)),
      joinedAt: now.toISOString(),
      invitedBy: { userId: cmd.caller.userId, name: cmd.caller.name || cmd.actor.name || cmd.caller.email },
      ...(cmd.sendEmail ? { via: 'direct' as const } : {}),
    };
    const event = auditEvent(deps, cmd.org.orgId, 'member.added', cmd.actor, { userId: member.userId, email: member.email },
      { role: member.role, via: 'direct', teams: member.teams, sendEmail: cmd.sendEmail }, now);
    const outcome = await deps.members.addDirect({
      org: cmd.org, member, actorAdminId: cmd.caller.userId, memberLimit: planLimits[cmd.org.plan].members, event,
    });
    if (outcome !== 'stale') return outcome;
    // the inviting admin may have lost the role meanwhile: this throws if so
    await loadOrgAs(deps, cmd.org.orgId, cmd.actor, 'invitations.manage');
  }
  throw conflict('concurrent_update');
}
