import type { EmailMessage } from '../../ports.ts';
import type { Role } from '../model.ts';
import { escapeHtml, oneLine } from './escape.ts';
import { withReplyTo } from './invitation-email.ts';
import { type EmailLook, emailHtml, linkColour, p } from './layout.ts';

/** "You were added to ...": sent instead of an invitation when an admin adds a known user directly. */
export function addedEmail(i: { to: string; inviterName: string; role: Role; appUrl: string; leaveUrl: string }, look: EmailLook): EmailMessage {
  const { t, orgName: org } = look;
  const inviter = oneLine(i.inviterName || t.someAdmin);
  const lead = t.added.lead(inviter, org, t.role[i.role]);
  const text = [lead, '', `${t.added.open(org)}: ${i.appUrl}`, '', `${t.added.unexpected} ${t.added.leave(org)}: ${i.leaveUrl}`].join('\n');
  const subject = t.added.subject(org);
  const html = emailHtml(
    `${p(lead)}
<p><a href="${escapeHtml(i.appUrl)}" style="color:${linkColour(look.accent)}">${escapeHtml(t.added.open(org))}</a></p>
<p>${escapeHtml(t.added.unexpected)} <a href="${escapeHtml(i.leaveUrl)}">${escapeHtml(t.added.leave(org))}</a></p>`,
    look,
    subject,
  );
  return withReplyTo({ to: i.to, subject, text, html }, look);
}
