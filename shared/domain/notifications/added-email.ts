import type { EmailMessage } from '../../ports.ts';
import type { Role } from '../model.ts';
import { escapeHtml, oneLine } from './escape.ts';
import { emailHtml, roleLabel } from './layout.ts';

/** "You were added to ...": sent instead of an invitation when an admin adds a known user directly. */
export function addedEmail(i: { to: string; orgName: string; inviterName: string; role: Role; appUrl: string; leaveUrl: string }): EmailMessage {
  const org = oneLine(i.orgName);
  const inviter = oneLine(i.inviterName || 'An admin');
  const lead = `${inviter} added you to ${org} as ${roleLabel[i.role]}.`;
  const leave = `Did not expect this? Leave ${org} in one click: ${i.leaveUrl}`;
  const text = [lead, '', `Open ${org}: ${i.appUrl}`, '', leave].join('\n');
  const html = emailHtml(`<p>${escapeHtml(lead)}</p>
<p><a href="${escapeHtml(i.appUrl)}">Open ${escapeHtml(org)}</a></p>
<p>Did not expect this? <a href="${escapeHtml(i.leaveUrl)}">Leave ${escapeHtml(org)}</a> in one click.</p>`);
  return { to: i.to, subject: `You were added to ${org}`, text, html };
}
