import type { Deps } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { conflict, notFound } from '../errors.ts';
import type { Actor } from '../model.ts';
import { STALE, settled, untilSettled } from '../until-settled.ts';
import { loadOrgAs } from './get-org.ts';
import { orgView } from './org-view.ts';

/**
 * An admin makes another active member the org's primary contact (the person its provider talks
 * to first). Removing, suspending or the leaving of that member clears it (see write-member-change.ts).
 */
export async function movePrimaryContact(
  deps: Pick<Deps, 'clock' | 'ids' | 'members' | 'orgs' | 'primaryContacts'>,
  cmd: { orgId: string; userId: string; actor: Actor },
) {
  return untilSettled(async () => {
    const { org } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'members.manage');
    if (org.primaryContactUserId === cmd.userId) return settled({ org: orgView(org) });
    const target = await deps.members.get(org.orgId, cmd.userId);
    if (!target) throw notFound('member_not_found');
    if (target.status !== 'active') throw conflict('primary_contact_not_active');
    const event = auditEvent(deps, org.orgId, 'member.primary_contact_changed', cmd.actor, auditTarget.person(target), {
      from: org.primaryContactUserId ?? null,
      to: target.userId,
    });
    const outcome = await deps.primaryContacts.move({
      orgId: org.orgId,
      from: org.primaryContactUserId ?? null,
      to: target.userId,
      actorAdminId: cmd.actor.userId,
      event,
    });
    if (outcome === 'not_active') throw conflict('primary_contact_not_active');
    if (outcome === 'stale') return STALE;
    return settled({ org: orgView({ ...org, primaryContactUserId: target.userId }) });
  });
}
