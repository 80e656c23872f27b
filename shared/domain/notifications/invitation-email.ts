import type { EmailMessage } from '../../ports.ts';
import type { Role } from '../model.ts';
import { escapeHtml, oneLine } from './escape.ts';
import { emailHtml, roleLabel } from './layout.ts';

export interface InvitationEmailInput {
  to: string;
  orgName: string;
  inviterName: string;
  role: Role;
  acceptUrl: string;
  expiresAt: string;
  message?: string;
  kind: 'invitation' | 'reminder';
}

/** Expiry as people read it, in UTC so every recipient sees the same instant named the same way. */
export function formatExpiry(iso: string): string {
  return `${new Date(iso).toLocaleString('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })} UTC`;
}

export function invitationEmail(i: InvitationEmailInput): EmailMessage {
  const org = oneLine(i.orgName);
  const inviter = oneLine(i.inviterName || 'An admin');
  const expires = formatExpiry(i.expiresAt);
  const reminder = i.kind === 'reminder';
  const subject = reminder ? `Reminder: your invitation to join ${org} expires soon` : `${inviter} invited you to join ${org}`;
  const lead = reminder
    ? `This is a reminder: ${inviter} invited you to join ${org} as ${roleLabel[i.role]}.`
    : `${inviter} invited you to join ${org} as ${roleLabel[i.role]}.`;
  const note = i.message ? i.message.slice(0, 500) : undefined;
  const text = [
    lead,
    ...(note ? ['', `Message from ${inviter}:`, note] : []),
    '',
    `Accept the invitation: ${i.acceptUrl}`,
    '',
    `This invitation expires on ${expires}. If you did not expect it, you can ignore this email.`,
  ].join('\n');
  const html = emailHtml(`<p>${escapeHtml(lead)}</p>
${note ? `<blockquote style="border-left:3px solid #ccc;padding-left:12px;white-space:pre-wrap">${escapeHtml(note)}</blockquote>` : ''}
<p><a href="${escapeHtml(i.acceptUrl)}" style="display:inline-block;padding:10px 16px;background:#1a56db;color:#fff;text-decoration:none;border-radius:6px">Accept invitation</a></p>
<p style="color:#555">This invitation expires on ${escapeHtml(expires)}. If you did not expect it, you can ignore this email.</p>`);
  return { to: i.to, subject, text, html };
}
