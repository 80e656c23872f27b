import type { EmailMessage } from '../../ports.ts';
import type { Role } from '../model.ts';
import { escapeHtml, oneLine } from '../notifications/escape.ts';

const roleLabel: Record<Role, string> = { admin: 'an admin', member: 'a member', viewer: 'a viewer' };

/** "You were added to ...": sent instead of an invitation when an admin adds a known user directly. */
export function addedEmail(i: { to: string; orgName: string; inviterName: string; role: Role; appUrl: string }): EmailMessage {
  const org = oneLine(i.orgName);
  const inviter = oneLine(i.inviterName || 'An admin');
  const lead = `${inviter} added you to ${org} as ${roleLabel[i.role]}.`;
  const text = [lead, '', `Open ${org}: ${i.appUrl}`, '', 'If you did not expect this, you can leave the organization at any time.'].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">
<p>${escapeHtml(lead)}</p>
<p><a href="${escapeHtml(i.appUrl)}">Open ${escapeHtml(org)}</a></p>
<p style="color:#555">If you did not expect this, you can leave the organization at any time.</p>
</body></html>`;
  return { to: i.to, subject: `You were added to ${org}`, text, html };
}
