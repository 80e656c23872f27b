import type { Deps } from '../../ports.ts';
import { accessEnded } from '../access.ts';
import type { Actor } from '../model.ts';
import { membership } from './member-view.ts';

/** Every org the caller belongs to, suspended ones included (marked so), for an org switcher. */
export async function listMyOrganizations(deps: Pick<Deps, 'clock' | 'members'>, cmd: { actor: Actor }) {
  const rows = await deps.members.listOrgsOfUser(cmd.actor.userId);
  const now = deps.clock.now();
  const items = rows
    // a membership whose access has ended is no membership, though the schedule may not have removed it yet
    .filter(({ member }) => !accessEnded(member, now))
    .map(({ member, org }) => ({
      orgId: org.orgId,
      name: org.name,
      ...membership(member),
      // the caller's own email settings: the org page lets them change these
      ...(member.locale ? { locale: member.locale } : {}),
      ...(member.timeZone ? { timeZone: member.timeZone } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.orgId.localeCompare(b.orgId));
  // a person belongs to few orgs: one page always holds them all
  return { items, nextCursor: null };
}
