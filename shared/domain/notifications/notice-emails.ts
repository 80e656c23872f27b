import type { EmailMessage } from '../../ports.ts';
import type { Role } from '../model.ts';
import { oneLine } from './escape.ts';
import { type EmailLook, emailHtml, formatDate, p } from './layout.ts';
import { fill } from './template.ts';

function notice(to: string, subject: string, lines: string[], look: EmailLook): EmailMessage {
  return { to, subject, text: lines.join('\n\n'), html: emailHtml(lines.map((l) => p(l)).join('\n'), look, subject) };
}

/** To the inviter, when their invitation was accepted (org setting notifyInviterOnAccept). */
export function invitationAcceptedEmail(i: { to: string; inviteeEmail: string; inviteeName?: string; role: Role }, look: EmailLook) {
  const { t, orgName: org } = look;
  const email = oneLine(i.inviteeEmail);
  const who = i.inviteeName ? `${oneLine(i.inviteeName)} (${email})` : email;
  const subject = fill(t.accepted.subject, { who: oneLine(i.inviteeName || email), org });
  return notice(i.to, subject, [fill(t.accepted.lead, { who, org, role: t.role[i.role] }), t.accepted.why], look);
}

/** To each admin, when someone holding an expired link asks for a new invitation. */
export function renewalRequestedEmail(i: { to: string; inviteeEmail: string; role: Role; expiredAt: string }, look: EmailLook) {
  const { t, orgName: org } = look;
  const email = oneLine(i.inviteeEmail);
  const lead = fill(t.renewal.lead, { email, org, role: t.role[i.role], when: formatDate(i.expiredAt, look) });
  return notice(i.to, fill(t.renewal.subject, { email, org }), [lead, t.renewal.next], look);
}
