import type { EmailMessage } from '../../ports.ts';
import { aboutPerson } from './about-person.ts';
import { escapeHtml, oneLine } from './escape.ts';
import { withReplyTo } from './invitation-email.ts';
import { button, type EmailLook, emailHtml, formatDate, linkColour, p } from './layout.ts';
import { fill } from './template.ts';

/** To the member whose access ends soon: when (in their language and zone), and who to ask for more time. */
export function accessEndingEmail(i: { to: string; accessUntil: string; appUrl: string }, look: EmailLook): EmailMessage {
  const { t, orgName: org } = look;
  const when = formatDate(i.accessUntil, look);
  const lead = fill(t.accessEnding.lead, { org, when });
  const ask = fill(t.accessEnding.ask, { org });
  const open = fill(t.accessEnding.open, { org });
  const text = [lead, ask, '', `${open}: ${i.appUrl}`].join('\n');
  const subject = fill(t.accessEnding.subject, { org, when });
  const html = emailHtml(`${p(lead)}\n${p(ask)}\n<p>${button(i.appUrl, open, look)}</p>`, look, subject);
  // a reply asks for more time: it reaches the admin the org named, when it named one
  return withReplyTo({ to: i.to, subject, text, html }, look);
}

/** To each admin: whose access ends, when, and where to extend or clear it. */
export function memberAccessEndingEmail(
  i: { to: string; memberName: string; memberEmail: string; accessUntil: string; membersUrl: string },
  look: EmailLook,
): EmailMessage {
  const { t, org, email, who } = aboutPerson(look, i.memberName, i.memberEmail);
  const when = formatDate(i.accessUntil, look);
  const lead = fill(t.memberAccessEnding.lead, { who, org, when });
  const act = t.memberAccessEnding.act;
  const text = [lead, '', `${act}: ${i.membersUrl}`].join('\n');
  const subject = fill(t.memberAccessEnding.subject, { member: oneLine(i.memberName) || email, org, when });
  const html = emailHtml(
    `${p(lead)}\n<p>${escapeHtml(act)}: <a href="${escapeHtml(i.membersUrl)}" style="color:${linkColour(look.accent)}">${escapeHtml(fill(t.memberAccessEnding.link, { org }))}</a></p>`,
    look,
    subject,
  );
  // to admins about the org itself: no reply-to (as for join requests)
  return { to: i.to, subject, text, html };
}
