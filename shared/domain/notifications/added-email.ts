import type { EmailMessage } from '../../ports.ts';
import type { Role } from '../model.ts';
import { escapeHtml, oneLine } from './escape.ts';
import { withReplyTo } from './invitation-email.ts';
import { type EmailLook, emailHtml, p } from './layout.ts';

/** "You were added to ...": sent instead of an invitation when an admin adds a known user directly. */
export function addedEmail(i: { to: string; inviterName: string; role: Role; appUrl: string; leaveUrl: string }, look: EmailLook): EmailMessage {
  const { t, orgName: org } = look;
  const inviter = oneLine(i.inviterName || t.someAdmin);
  const lead = t.added.lead(inviter, org, t.role[i.role]);
  const text = [lead, '', `${t.added.open(org)}: ${i.appUrl}`, '', `${t.added.unexpected} ${t.added.leave(org)}: ${i.leaveUrl}`].join('\n');
  const html = emailHtml(
    `${p(lead)}
<p><a href="${escapeHtml(i.appUrl)}" style="color:${look.accent}">${escapeHtml(t.added.open(org))}</a></p>
<p>${escapeHtml(t.added.unexpected)} <a href="${escapeHtml(i.leaveUrl)}">${escapeHtml(t.added.leave(org))}</a></p>`,
    look,
  );
  return withReplyTo({ to: i.to, subject: t.added.subject(org), text, html }, look);
}
