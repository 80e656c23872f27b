import type { EmailMessage } from '../../ports.ts';
import type { Role } from '../model.ts';
import { aboutPerson } from './about-person.ts';
import { button, type EmailLook, emailHtml, p } from './layout.ts';
import { fill } from './template.ts';

/** To each admin, when someone asks to join through a join link that requires approval. */
export function joinRequestedEmail(
  i: { to: string; requesterName: string; requesterEmail: string; role: Role; reviewUrl: string },
  look: EmailLook,
): EmailMessage {
  const { t, org, email, who } = aboutPerson(look, i.requesterName, i.requesterEmail);
  const lead = fill(t.joinRequest.lead, { who, org, role: t.role[i.role] });
  const why = fill(t.joinRequest.why, { org });
  const text = [lead, '', `${t.joinRequest.review}: ${i.reviewUrl}`, '', why].join('\n');
  const subject = fill(t.joinRequest.subject, { email, org });
  const html = emailHtml(`${p(lead)}\n<p>${button(i.reviewUrl, t.joinRequest.review, look)}</p>\n${p(why, 'color:#555')}`, look, subject);
  // to admins about the org itself: no reply-to, a reply would reach an admin anyway
  return { to: i.to, subject, text, html };
}
