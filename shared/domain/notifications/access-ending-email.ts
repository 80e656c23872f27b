import type { EmailMessage } from '../../ports.ts';
import { escapeHtml, oneLine } from './escape.ts';
import { emailHtml, lookOf } from './layout.ts';

/** The end of access as people read it: the date and time in UTC (the recipient's zone is not known). */
export const endLabel = (iso: string) => `${new Date(iso).toISOString().slice(0, 16).replace('T', ' at ')} UTC`;

/** To the member whose access ends soon: when, and who to ask for more time. */
export function accessEndingEmail(i: { to: string; orgName: string; accessUntil: string; appUrl: string }): EmailMessage {
  const org = oneLine(i.orgName);
  const when = endLabel(i.accessUntil);
  const lead = `Your access to ${org} ends on ${when}.`;
  const ask = `If you need it longer, ask an admin of ${org} to extend it.`;
  const text = [lead, ask, '', `Open ${org}: ${i.appUrl}`].join('\n');
  const html = emailHtml(
    `<p>${escapeHtml(lead)}</p>
<p>${escapeHtml(ask)}</p>
<p><a href="${escapeHtml(i.appUrl)}">Open ${escapeHtml(org)}</a></p>`,
    lookOf({ name: i.orgName, settings: {} }),
  );
  return { to: i.to, subject: `Your access to ${org} ends on ${when}`, text, html };
}

/** To each admin: whose access ends, when, and where to extend or clear it. */
export function memberAccessEndingEmail(i: {
  to: string;
  orgName: string;
  memberName: string;
  memberEmail: string;
  accessUntil: string;
  membersUrl: string;
}): EmailMessage {
  const org = oneLine(i.orgName);
  const who = oneLine(i.memberName ? `${i.memberName} (${i.memberEmail})` : i.memberEmail);
  const when = endLabel(i.accessUntil);
  const lead = `${who}'s access to ${org} ends on ${when}; their membership is then removed.`;
  const act = 'To keep them, extend or clear the end date on the members page:';
  const text = [lead, '', `${act} ${i.membersUrl}`].join('\n');
  const html = emailHtml(
    `<p>${escapeHtml(lead)}</p>
<p>${escapeHtml(act.slice(0, -1))}: <a href="${escapeHtml(i.membersUrl)}">members of ${escapeHtml(org)}</a>.</p>`,
    lookOf({ name: i.orgName, settings: {} }),
  );
  return { to: i.to, subject: `Access of ${oneLine(i.memberName || i.memberEmail)} to ${org} ends on ${when}`, text, html };
}
