import type { EmailMessage } from '../../ports.ts';
import type { Role } from '../model.ts';
import { escapeHtml, oneLine } from './escape.ts';
import { emailHtml, roleLabel } from './layout.ts';

/** To each admin, when someone asks to join through a join link that requires approval. */
export function joinRequestedEmail(i: {
  to: string;
  orgName: string;
  requesterName: string;
  requesterEmail: string;
  role: Role;
  reviewUrl: string;
}): EmailMessage {
  const org = oneLine(i.orgName);
  const email = oneLine(i.requesterEmail);
  const who = i.requesterName.trim() ? `${oneLine(i.requesterName)} (${email})` : email;
  const lead = `${who} used a join link and asks to join ${org} as ${roleLabel[i.role]}.`;
  const why = `You are getting this email because you are an admin of ${org}. Nobody joins until an admin approves the request.`;
  const text = [lead, '', `Approve or deny it: ${i.reviewUrl}`, '', why].join('\n');
  const html = emailHtml(`<p>${escapeHtml(lead)}</p>
<p><a href="${escapeHtml(i.reviewUrl)}">Approve or deny the request</a></p>
<p style="color:#555">${escapeHtml(why)}</p>`);
  return { to: i.to, subject: `${email} asks to join ${org}`, text, html };
}
