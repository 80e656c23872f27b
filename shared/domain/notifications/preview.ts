import type { Deps } from '../../ports.ts';
import { reminderHoursOf } from '../members/access-schedules.ts';
import type { Actor, Role } from '../model.ts';
import { checkLocale } from '../orgs/branding.ts';
import { loadOrgAs } from '../orgs/get-org.ts';
import { accessEndingEmail, memberAccessEndingEmail } from './access-ending-email.ts';
import { addedEmail } from './added-email.ts';
import { invitationEmail } from './invitation-email.ts';
import { joinRequestedEmail } from './join-request-email.ts';
import { type EmailLook, lookOf } from './layout.ts';
import { invitationAcceptedEmail, renewalRequestedEmail } from './notice-emails.ts';
import { checkTimeZone } from './time-zones.ts';

/** The kinds an admin can preview; each renders through the very function the dispatcher sends with. */
export const emailKinds = [
  'invitation',
  'reminder',
  'added',
  'join_request',
  'invitation_accepted',
  'renewal_requested',
  'access_ending',
  'member_access_ending',
] as const;
export type EmailKind = (typeof emailKinds)[number];

/** Sample people and links: example.com addresses and a placeholder token, so a preview never carries a real secret. */
export interface PreviewSample {
  role: Role;
  message?: string;
  inviterName: string;
  adminEmail: string;
  inviteeEmail: string;
  inviteeName: string;
  acceptUrl: string;
  appUrl: string;
  leaveUrl: string;
  reviewUrl: string;
  membersUrl: string;
  expiresAt: string;
  accessUntil: string;
}

export function renderSample(kind: EmailKind, s: PreviewSample, look: EmailLook) {
  switch (kind) {
    case 'invitation':
    case 'reminder':
      return invitationEmail(
        {
          to: s.inviteeEmail,
          inviterName: s.inviterName,
          role: s.role,
          acceptUrl: s.acceptUrl,
          expiresAt: s.expiresAt,
          ...(s.message ? { message: s.message } : {}),
          kind,
        },
        look,
      );
    case 'added':
      return addedEmail({ to: s.inviteeEmail, inviterName: s.inviterName, role: s.role, appUrl: s.appUrl, leaveUrl: s.leaveUrl }, look);
    case 'join_request':
      return joinRequestedEmail({ to: s.adminEmail, requesterName: s.inviteeName, requesterEmail: s.inviteeEmail, role: s.role, reviewUrl: s.reviewUrl }, look);
    case 'invitation_accepted':
      return invitationAcceptedEmail({ to: s.adminEmail, inviteeEmail: s.inviteeEmail, inviteeName: s.inviteeName, role: s.role }, look);
    case 'renewal_requested':
      return renewalRequestedEmail({ to: s.adminEmail, inviteeEmail: s.inviteeEmail, role: s.role, expiredAt: s.expiresAt }, look);
    case 'access_ending':
      return accessEndingEmail({ to: s.inviteeEmail, accessUntil: s.accessUntil, appUrl: s.appUrl }, look);
    case 'member_access_ending':
      return memberAccessEndingEmail(
        { to: s.adminEmail, memberName: s.inviteeName, memberEmail: s.inviteeEmail, accessUntil: s.accessUntil, membersUrl: s.membersUrl },
        look,
      );
  }
}

/**
 * `GET /orgs/{orgId}/email-preview`: what the org's email of `kind` looks like in `locale` (else the
 * org's default language), its dates in `timeZone` (else UTC), with the org's name and branding and
 * sample people. Admins only: it shows the branding as it will be sent.
 */
export async function previewEmail(
  deps: Pick<Deps, 'clock' | 'orgs' | 'urls'>,
  cmd: { orgId: string; actor: Actor; kind: EmailKind; locale?: string; timeZone?: string },
): Promise<{ subject: string; text: string; html: string }> {
  const { org, caller } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'org.update');
  const locale = cmd.locale !== undefined ? checkLocale(cmd.locale, 'query.locale') : undefined;
  const timeZone = cmd.timeZone !== undefined ? checkTimeZone(cmd.timeZone, 'query.timeZone') : undefined;
  const now = deps.clock.now();
  const sample: PreviewSample = {
    role: 'member',
    inviterName: caller.name || cmd.actor.name || caller.email,
    adminEmail: caller.email,
    inviteeEmail: 'alex@example.com',
    inviteeName: 'Alex Example',
    acceptUrl: deps.urls.accept('preview'),
    appUrl: deps.urls.app,
    leaveUrl: deps.urls.leave('preview'),
    reviewUrl: deps.urls.joinRequests(org.orgId),
    membersUrl: deps.urls.members(org.orgId),
    expiresAt: new Date(now.getTime() + org.settings.invitationTtlDays * 86_400_000).toISOString(),
    // an end of access as the reminder would announce it: the org's lead time from now
    accessUntil: new Date(now.getTime() + reminderHoursOf(org.settings) * 3_600_000).toISOString(),
  };
  const { subject, text, html } = renderSample(cmd.kind, sample, lookOf(org, locale, timeZone));
  return { subject, text, html };
}
