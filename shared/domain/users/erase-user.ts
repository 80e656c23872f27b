import type { Deps, ErasurePlan, Revocation } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { normalizeEmail } from '../emails.ts';
import { conflict, DomainError, serviceBusy } from '../errors.ts';
import { effectiveStatus } from '../invitations/invitation.ts';
import { isActiveAdmin, isPermanentAdmin } from '../members/member-rules.ts';
import { primaryContactAfter, revocationsAfter } from '../members/write-member-change.ts';
import type { Actor, Invitation, Member, Org } from '../model.ts';
import { STALE, settled, untilSettled } from '../until-settled.ts';

const unique = <T>(xs: T[]) => [...new Set(xs)];

/**
 * DELETE /me: the caller's account leaves the service as though it had never been there. One
 * logical operation made of idempotent steps, in an order where an interruption leaves a state the
 * next call completes:
 *   1. remember what to touch (orgs, emails, names) in an erasure record, merged with any earlier attempt's;
 *   2. leave every org, one transaction each (membership, teams, email claims, counters, `user.erased`);
 *   3. close pending invitations addressed to them;
 *   4. rewrite their personal data in each remembered org's audit trail and closed invitations;
 *   5. delete what is keyed by them, and the erasure record last.
 * Steps 2 and 3 leave nothing behind that step 4 would miss: the record, not the memberships, lists the orgs.
 */
export async function eraseUser(deps: Pick<Deps, 'clock' | 'erasure' | 'ids' | 'invitations' | 'members' | 'orgs'>, cmd: { actor: Actor }): Promise<void> {
  const { userId } = cmd.actor;
  const signedInAs = normalizeEmail(cmd.actor.email);
  // The refusal first, on its own: a refused erasure reads nothing else, and a cold function answers
  // it over one connection (reads side by side would open a second, a TLS handshake in AWS).
  const memberships = await deps.members.listOrgsOfUser(userId);
  const lastAdminOf = memberships.filter(({ member, org }) => isPermanentAdmin(member) && org.adminCount <= 1);
  if (lastAdminOf.length > 0) throw lastAdmin(lastAdminOf.map(({ org }) => org));

  const emails = unique([signedInAs, ...memberships.map(({ member }) => member.email)]);
  const invitations = (await Promise.all(emails.map((e) => deps.erasure.invitationsTo(e)))).flat();
  const plan = await deps.erasure.remember({
    userId,
    emails,
    names: unique([cmd.actor.name ?? '', ...memberships.map(({ member }) => member.name)]),
    orgIds: unique([...memberships.map(({ org }) => org.orgId), ...invitations.map((i) => i.orgId)]),
    pseudonym: deps.ids.pseudonym(),
  });
  try {
    await finishErasure(deps, userId, memberships, invitations, plan);
  } catch (error) {
    // Steps 2-5 may have partly run: say so. The erasure record makes the same request finish them.
    if (error instanceof DomainError && error.code === 'service_busy') {
      throw serviceBusy({ detail: 'Your account is partly erased: send DELETE /me again to finish.', erasure: 'incomplete' });
    }
    throw error;
  }
}

async function finishErasure(
  deps: Pick<Deps, 'clock' | 'erasure' | 'ids' | 'invitations' | 'members' | 'orgs'>,
  userId: string,
  memberships: { member: Member; org: Org }[],
  invitations: Invitation[],
  plan: ErasurePlan,
): Promise<void> {
  const { pseudonym } = plan;

  for (const { org } of memberships) await leaveForGood(deps, org.orgId, userId, pseudonym);

  const now = deps.clock.now();
  for (const inv of invitations) {
    const status = effectiveStatus(inv, now);
    if (status !== 'pending' && !(status === 'expired' && inv.status === 'pending')) continue;
    const to = status === 'pending' ? ('revoked' as const) : ('expired' as const);
    const event = auditEvent(
      deps,
      inv.orgId,
      `invitation.${to}`,
      'system',
      auditTarget.invitation(inv),
      to === 'revoked' ? { reason: 'invitee_erased' } : {},
      now,
    );
    // 'not_pending' means it was closed meanwhile (or by an earlier attempt): nothing left to do
    await deps.invitations.transition({ invitation: inv, to, by: 'system', now: now.toISOString(), event });
  }

  // An accept of theirs that raced steps 2-3 (another tab, accept-all) may have made a membership since: sweep once more.
  const late = (await deps.members.listOrgsOfUser(userId)).map(({ org }) => org.orgId);
  if (late.length > 0) {
    const more = await deps.erasure.remember({ userId, emails: plan.emails, names: plan.names, orgIds: late, pseudonym });
    plan.orgIds = more.orgIds;
    for (const orgId of late) await leaveForGood(deps, orgId, userId, pseudonym);
  }

  const replace: Record<string, string> = { [userId]: pseudonym };
  for (const value of [...plan.emails, ...plan.names]) if (value) replace[value] = pseudonym;
  for (const orgId of plan.orgIds) await deps.erasure.pseudonymizeOrg(orgId, { userId, emails: plan.emails }, replace);

  await deps.erasure.forget(plan);
}

/** Removes the membership under its own conditions, so a last admin found only now is still refused. */
async function leaveForGood(
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'members' | 'orgs'>,
  orgId: string,
  userId: string,
  pseudonym: string,
): Promise<void> {
  await untilSettled(async () => {
    const { org, member } = await deps.orgs.getWithMember(orgId, userId);
    if (!org || !member) return settled(undefined);
    const now = deps.clock.now();
    const nowIso = now.toISOString();
    const who = { userId: pseudonym, email: pseudonym };
    const events = [auditEvent(deps, orgId, 'user.erased', who, { userId: pseudonym }, { pseudonym, role: member.role, status: member.status }, now)];
    const primaryContact = primaryContactAfter(member, null, org.primaryContactUserId);
    if (primaryContact === 'clear') {
      events.push(auditEvent(deps, orgId, 'member.primary_contact_changed', who, { userId: pseudonym }, { from: pseudonym, to: null, reason: 'erased' }, now));
    }
    const revocations = isActiveAdmin(member) ? await revocationsOf(deps, member, pseudonym, now) : [];
    const { outcome, deferred } = await deps.members.write({
      before: member,
      after: null,
      events,
      revocations,
      now: nowIso,
      ...(primaryContact ? { primaryContact } : {}),
    });
    if (outcome === 'last_admin') throw lastAdmin([org]);
    if (outcome === 'stale') return STALE;
    // the membership is gone; revocations DynamoDB is too busy for now are finished by the stream dispatcher
    await revocationsAfter(async () => {
      for (const r of deferred) {
        await deps.invitations.transition({ invitation: r.invitation, to: 'revoked', by: r.revokedBy, now: nowIso, event: r.event });
      }
    });
    return settled(undefined);
  });
}

/** An admin's pending invitations lose their authority with them, as when an admin leaves. */
async function revocationsOf(deps: Pick<Deps, 'clock' | 'ids' | 'invitations'>, member: Member, pseudonym: string, now: Date): Promise<Revocation[]> {
  const sent = await deps.invitations.listPendingSentBy(member.orgId, member.userId, now.toISOString());
  return sent.map((inv) => ({
    invitation: inv,
    revokedBy: 'system',
    event: auditEvent(deps, member.orgId, 'invitation.revoked', 'system', auditTarget.invitation(inv), { reason: 'inviter_erased', inviter: pseudonym }, now),
  }));
}

function lastAdmin(orgs: Org[]) {
  return conflict('last_admin', {
    detail: 'You are the last active admin of these organizations: make someone else an admin first.',
    orgs: orgs.map((o) => ({ orgId: o.orgId, name: o.name })),
  });
}
