import type { Catalogue } from '../catalogue.ts';

export const en: Catalogue = {
  dateLocale: 'en-GB',
  role: { admin: 'an admin', member: 'a member', viewer: 'a viewer' },
  someAdmin: 'An admin',
  yourOrg: 'your organization',
  invitation: {
    subject: (inviter, org) => `${inviter} invited you to join ${org}`,
    lead: (inviter, org, role) => `${inviter} invited you to join ${org} as ${role}.`,
    messageFrom: (inviter) => `Message from ${inviter}:`,
    accept: 'Accept the invitation',
    button: 'Accept invitation',
    expires: (when) => `This invitation expires on ${when}. If you did not expect it, you can ignore this email.`,
  },
  reminder: {
    subject: (org) => `Reminder: your invitation to join ${org} expires soon`,
    lead: (inviter, org, role) => `This is a reminder: ${inviter} invited you to join ${org} as ${role}.`,
  },
  added: {
    subject: (org) => `You were added to ${org}`,
    lead: (inviter, org, role) => `${inviter} added you to ${org} as ${role}.`,
    open: (org) => `Open ${org}`,
    unexpected: 'Did not expect this?',
    leave: (org) => `Leave ${org} in one click`,
  },
  joinRequest: {
    subject: (email, org) => `${email} asks to join ${org}`,
    lead: (who, org, role) => `${who} used a join link and asks to join ${org} as ${role}.`,
    review: 'Approve or deny the request',
    why: (org) => `You are getting this email because you are an admin of ${org}. Nobody joins until an admin approves the request.`,
  },
  accepted: {
    subject: (who, org) => `${who} joined ${org}`,
    lead: (who, org, role) => `${who} accepted your invitation and joined ${org} as ${role}.`,
    why: 'You are getting this email because you sent the invitation. Admins can turn these notices off in the organization settings.',
  },
  renewal: {
    subject: (email, org) => `${email} asks for a new invitation to ${org}`,
    lead: (email, org, role, when) => `The invitation for ${email} to join ${org} as ${role} expired on ${when}, and they asked for a new one.`,
    next: 'If they should still join, invite them again from the organization\u2019s invitations page. Otherwise there is nothing to do.',
  },
  accessEnding: {
    subject: (org, when) => `Your access to ${org} ends on ${when}`,
    lead: (org, when) => `Your access to ${org} ends on ${when}.`,
    ask: (org) => `If you need it longer, ask an admin of ${org} to extend it.`,
    open: (org) => `Open ${org}`,
  },
  memberAccessEnding: {
    subject: (member, org, when) => `Access of ${member} to ${org} ends on ${when}`,
    lead: (who, org, when) => `${who}'s access to ${org} ends on ${when}; their membership is then removed.`,
    act: 'To keep them, extend or clear the end date on the members page',
    link: (org) => `members of ${org}`,
  },
};
