import type { EmailMessage } from '../../ports.ts';
import type { Role } from '../model.ts';
import { escapeHtml, oneLine } from './escape.ts';
import { withReplyTo } from './invitation-email.ts';
import { type EmailLook, emailHtml, linkColour, p } from './layout.ts';
import { fill } from './template.ts';

/** "You were added to ...": sent instead of an invitation when an admin adds a known user directly. */
export function addedEmail(i: { to: string; inviterName: string; role: Role; appUrl: string; leaveUrl: string }, look: EmailLook): EmailMessage {
  const { t, orgName: org } = look;
  const inviter = oneLine(i.inviterName || t.someAdmin);
  const lead = fill(t.added.lead, { inviter, org, role: t.role[i.role] });
  const open = fill(t.added.open, { org });
  const leave = fill(t.added.leave, { org });
  const text = [lead, '', `${open}: ${i.appUrl}`, '', `${t.added.unexpected} ${leave}: ${i.leaveUrl}`].join('\n');
  const subject = fill(t.added.subject, { org });
  const html = emailHtml(
    `${p(lead)}
<p><a href="${escapeHtml(i.appUrl)}" style="color:${linkColour(look.accent)}">${escapeHtml(open)}</a></p>
<p>${escapeHtml(t.added.unexpected)} <a href="${escapeHtml(i.leaveUrl)}">${escapeHtml(leave)}</a></p>`,
    look,
    subject,
  );
  return withReplyTo({ to: i.to, subject, text, html }, look);
}
