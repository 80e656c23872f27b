import type { EmailMessage } from '../../ports.ts';
import type { Invitation, Role } from '../model.ts';
import { escapeHtml, oneLine } from './escape.ts';
import { button, type EmailLook, emailHtml, formatDate, p } from './layout.ts';
import { fill } from './template.ts';

export interface InvitationEmailInput {
  to: string;
  inviterName: string;
  role: Role;
  acceptUrl: string;
  expiresAt: string;
  message?: string;
  kind: 'invitation' | 'reminder';
}

/** A stored invitation's data for its email (the preview renders sample data through the same invitationEmail). */
export const invitationEmailInput = (inv: Invitation, acceptUrl: string, kind: 'invitation' | 'reminder') => ({
  to: inv.email,
  inviterName: inv.invitedBy.name,
  role: inv.role,
  acceptUrl,
  expiresAt: inv.expiresAt,
  ...(inv.message ? { message: inv.message } : {}),
  kind,
});

export function invitationEmail(i: InvitationEmailInput, look: EmailLook): EmailMessage {
  const { t, orgName: org } = look;
  const inviter = oneLine(i.inviterName || t.someAdmin);
  const expires = fill(t.invitation.expires, { when: formatDate(i.expiresAt, look) });
  const reminder = i.kind === 'reminder';
  const subject = reminder ? fill(t.reminder.subject, { org }) : fill(t.invitation.subject, { inviter, org });
  const lead = fill(reminder ? t.reminder.lead : t.invitation.lead, { inviter, org, role: t.role[i.role] });
  const note = i.message ? i.message.slice(0, 500) : undefined;
  const messageFrom = fill(t.invitation.messageFrom, { inviter });
  const text = [lead, ...(note ? ['', messageFrom, note] : []), '', `${t.invitation.accept}: ${i.acceptUrl}`, '', expires].join('\n');
  const html = emailHtml(
    `${p(lead)}
${note ? `${p(messageFrom)}\n<blockquote style="border-left:3px solid #ccc;padding-left:12px;white-space:pre-wrap">${escapeHtml(note)}</blockquote>` : ''}
<p>${button(i.acceptUrl, t.invitation.button, look)}</p>
${p(expires, 'color:#555')}`,
    look,
    subject,
  );
  return withReplyTo({ to: i.to, subject, text, html }, look);
}

/** Replies reach the admin the org named (branding.replyTo), when it named one. */
export const withReplyTo = (m: EmailMessage, look: EmailLook): EmailMessage => (look.replyTo ? { ...m, replyTo: look.replyTo } : m);
