import type { Deps } from '../../ports.ts';
import { requireCanGrant } from '../access.ts';
import { conflict } from '../errors.ts';
import { checkAccessUntil } from '../members/access-until.ts';
import { checkTimeZone } from '../notifications/time-zones.ts';
import { checkLocale } from '../orgs/branding.ts';
import { loadOrgAs } from '../orgs/get-org.ts';
import { requireKnownProducts } from '../orgs/products.ts';
import { requireTeamsExist } from '../teams/team.ts';
import type { InviteCommand } from './invite-members.ts';
import { resolveRecipients } from './recipients.ts';

/**
 * The refusals of an invite request as a whole, before any recipient's own outcome: the caller may
 * invite, grants no role above their own, names only the org's products and teams, gives an end of
 * access only in the future and at most 5 years ahead, and names a
 * primary contact only where the org has none. Inviting and its dry run both start here, so the
 * dry run refuses exactly what inviting refuses.
 */
export async function checkInviteRequest(deps: Pick<Deps, 'clock' | 'orgs' | 'teams'>, cmd: InviteCommand) {
  const { org, caller } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'invitations.manage');
  const now = deps.clock.now();
  const { locale: _unchecked, timeZone: _uncheckedZone, ...request } = cmd;
  const recipients = resolveRecipients({
    ...request,
    ...(cmd.accessUntil !== undefined ? { accessUntil: checkAccessUntil(cmd.accessUntil, now, 'accessUntil') } : {}),
    ...(cmd.locale !== undefined ? { locale: checkLocale(cmd.locale, 'locale') } : {}),
    ...(cmd.timeZone !== undefined ? { timeZone: checkTimeZone(cmd.timeZone, 'timeZone') } : {}),
    ...(cmd.invitees
      ? {
          invitees: cmd.invitees.map((p) => ({
            ...p,
            ...(p.accessUntil !== undefined ? { accessUntil: checkAccessUntil(p.accessUntil, now, 'invitees.accessUntil') } : {}),
            ...(p.locale !== undefined ? { locale: checkLocale(p.locale, 'invitees.locale') } : {}),
            ...(p.timeZone !== undefined ? { timeZone: checkTimeZone(p.timeZone, 'invitees.timeZone') } : {}),
          })),
        }
      : {}),
  });
  for (const r of recipients) {
    requireCanGrant(caller, r.role);
    requireKnownProducts(org, r.products, 'invitees.products');
  }
  // Only an org without one may name its primary contact this way; moving it is an explicit admin act.
  if (org.primaryContactUserId && recipients.some((r) => r.primaryContact)) throw conflict('primary_contact_already_set');
  await requireTeamsExist(deps, org.orgId, cmd.teams);
  return { org, caller, recipients };
}
