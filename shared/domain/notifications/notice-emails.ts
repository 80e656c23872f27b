import type { EmailMessage } from '../../ports.ts';
import type { Role } from '../model.ts';
import { escapeHtml, oneLine } from './escape.ts';
import { formatExpiry } from './invitation-email.ts';
import { emailHtml, roleLabel } from './layout.ts';

function notice(to: string, subject: string, lines: string[]): EmailMessage {
  return {
    to,
    subject,
    text: lines.join('\n\n'),
    html: emailHtml(lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')),
  };
}

/** To the inviter, when their invitation was accepted (org setting notifyInviterOnAccept). */
export function invitationAcceptedEmail(i: { to: string; orgName: string; inviteeEmail: string; inviteeName?: string; role: Role }) {
  const org = oneLine(i.orgName);
  const who = i.inviteeName ? `${oneLine(i.inviteeName)} (${i.inviteeEmail})` : i.inviteeEmail;
  return notice(i.to, `${oneLine(i.inviteeName || i.inviteeEmail)} joined ${org}`, [
    `${who} accepted your invitation and joined ${org} as ${roleLabel[i.role]}.`,
    'You are getting this email because you sent the invitation. Admins can turn these notices off in the organization settings.',
  ]);
}

/** To each admin, when someone holding an expired link asks for a new invitation. */
export function renewalRequestedEmail(i: { to: string; orgName: string; inviteeEmail: string; role: Role; expiredAt: string }) {
  const org = oneLine(i.orgName);
  return notice(i.to, `${i.inviteeEmail} asks for a new invitation to ${org}`, [
    `The invitation for ${i.inviteeEmail} to join ${org} as ${roleLabel[i.role]} expired on ${formatExpiry(i.expiredAt)}, and they asked for a new one.`,
    'If they should still join, invite them again from the organization\u2019s invitations page. Otherwise there is nothing to do.',
  ]);
}
