import { t } from './strings.ts';

/**
 * The words of a member's own pages (My invitations, My organizations, an org's home, Account) and of
 * the sign-in gate every signed-in page shows (the console's too), beside strings.ts: built into the
 * `common` chunk with web/src/common/, which the accept page never loads.
 */
export const m = {
  /** What a page of one's own data says without a session (common/require-sign-in.tsx). */
  session: {
    expiredTitle: 'Your session has expired',
    expired: 'For your security you were signed out. Sign in again to continue where you were.',
    signInRequiredTitle: 'Sign in to continue',
    signInRequired: 'This page shows your own organizations and invitations.',
  },

  invitations: {
    title: 'My invitations',
    intro: 'Invitations to your verified email address that are waiting for you.',
    needsVerified: 'Invitations are matched to your verified email address. Verify your email with your sign-in provider to see them.',
    empty: 'No invitations are waiting for you.',
    acceptAll: 'Accept all',
    allDone: (n: number) => (n === 1 ? 'You joined 1 organization.' : `You joined ${n} organizations.`),
    someFailed: (n: number) => (n === 1 ? '1 invitation could not be accepted:' : `${n} invitations could not be accepted:`),
    from: (inviter: string) => `from ${inviter}`,
    expires: (when: string) => `expires ${when}`,
    asRole: (role: string) => `as ${role}`,
    accept: 'Accept',
    accepted: 'Joined',
  },

  leaveByLink: {
    title: 'Leave an organization',
    intro:
      'An admin added you to an organization directly, without an invitation. If you did not expect this, you can leave it now: you do not need to sign in.',
    button: 'Leave the organization',
    leaving: 'Leaving…',
    left: (name: string) => `You have left ${name}. Its admins can no longer see you as a member.`,
    // here rather than in strings.ts's error words: only this page can meet the code, and those load with every page
    invalid: 'This leave link no longer works: you have left already, or the link was changed. Sign in to see your organizations.',
    missingToken: 'This page needs the link from your email. Open the link in the email again, or sign in to see your organizations.',
    organizations: 'My organizations',
  },

  joinLink: {
    title: 'Join an organization',
    invitedTo: (org: string) => `Join ${org}`,
    noToken: 'This page needs the join link an admin shared with you. Open the link again.',
    role: 'Your role',
    expires: 'Link expires',
    needsApproval: 'An admin of the organization approves each request to join through this link.',
    join: 'Join organization',
    askToJoin: 'Ask to join',
    joining: 'Joining…',
    signInTo: (action: string) => `Sign in to ${action.toLowerCase()}`,
    joined: (org: string) => `You joined ${org}.`,
    openOrg: (org: string) => `Open ${org}`,
    myInvitations: 'My invitations',
    signInAgain: 'Sign in again',
    outcomes: {
      revoked: {
        title: 'This join link was revoked',
        body: 'An admin turned this link off. Ask an admin of the organization for a new link or an invitation.',
      },
      expired: { title: 'This join link has expired', body: 'Ask an admin of the organization for a new link or an invitation.' },
      used_up: {
        title: 'This join link is used up',
        body: 'It admitted as many people as it allows. Ask an admin of the organization for a new link or an invitation.',
      },
      not_found: {
        title: 'This join link does not work',
        body: 'The link is incomplete or was changed. Copy the whole link again from where it was shared.',
      },
      requested: {
        title: 'Request sent',
        body: (org: string) => `Your request to join ${org} is waiting for an admin. You will find the organization in My organizations once it is approved.`,
      },
      request_pending: { title: 'You asked already', body: 'Your request to join is waiting for an admin. Nothing more to do.' },
      already_member: {
        title: 'You are already a member',
        body: (org: string) => (org ? `You are already a member of ${org}.` : 'You are already a member of this organization.'),
      },
      already_invited: {
        title: 'An invitation is waiting for you',
        body: 'An admin invited your email address to this organization: accept that invitation to join, with the role it gives.',
      },
      member_suspended: {
        title: 'Your membership is suspended',
        body: 'An admin has paused your access to this organization. Ask an admin to reactivate it.',
      },
      domain_not_allowed: {
        title: 'Your email domain is not admitted',
        body: 'This link admits only some email domains, and yours is not one of them. Sign in with your work address, or ask an admin for an invitation.',
      },
      member_limit_reached: { title: 'The organization is full', body: "The organization has reached its plan's member limit. Ask an admin." },
      email_not_verified: {
        title: 'Verify your email first',
        body: 'Only a verified email address can join. Verify it with your sign-in provider, then sign in again.',
      },
    } satisfies Record<string, { title: string; body: string | ((org: string) => string) }>,
  },

  organizations: {
    title: 'My organizations',
    empty: 'You are not a member of any organization yet. Accept an invitation to join one.',
    role: 'Role',
    status: 'Status',
    joined: 'Joined',
    open: (name: string) => `Open ${name}`,
    current: 'Current',
    leave: 'Leave',
    leaveLabel: (name: string) => `Leave ${name}`,
    confirmLeaveTitle: (name: string) => `Leave ${name}?`,
    confirmLeave: 'You lose access to its members and teams. An admin would have to invite you again.',
    confirmLeaveButton: 'Leave organization',
    left: (name: string) => `You left ${name}.`,
    statuses: { active: 'Active', suspended: 'Suspended' } as Record<string, string>,
    suspendedNote: 'Suspended: an admin has paused your access.',
    lastAdmin: (name: string) => `You are the last admin of ${name}, and an organization must keep one. Make another member an admin first, then leave.`,
    switchTo: (name: string) => `Switch to ${name}`,
    createTitle: 'Create an organization',
    createName: 'Organization name',
    create: 'Create organization',
    createLimit: 'You created as many organizations today as your plan allows. Try again tomorrow.',
    joinableTitle: 'Organizations you can join',
    joinableIntro: 'These organizations let people with your verified email domain join without an invitation.',
    joinAs: (role: string) => `You would join as ${role}.`,
    join: 'Join',
    joinLabel: (name: string) => `Join ${name}`,
    joining: 'Joining…',
    joinedNotice: (name: string) => `You joined ${name}.`,
  },

  org: {
    myRole: 'Your role',
    members: 'Members',
    teams: 'Teams',
    noTeams: 'This organization has no teams yet.',
    teamsHidden: 'Viewers do not see the teams.',
    memberCount: (n: number) => (n === 1 ? '1 member' : `${n} members`),
    name: 'Name',
    email: 'Email',
    role: 'Role',
    status: 'Status',
    joined: 'Joined',
    showMore: 'Show more members',
    you: '(you)',
    backToOrganizations: 'All my organizations',
    manage: 'Manage organization',
    notFound: 'This organization does not exist or you are no longer a member.',
    emailSettings: {
      title: 'Emails from this organization',
      intro: 'The language and time zone of the emails this organization sends you (dates are written in that time zone).',
      language: 'Language',
      defaultLanguage: "The organization's default language",
      /** Each email language named in itself, as the console's language selects name them (strings-console-settings.ts). */
      languages: { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español', pt: 'Português', ja: '日本語' },
      timeZone: 'Time zone',
      defaultTimeZone: 'UTC (default)',
      save: 'Save email settings',
      saving: 'Saving…',
      saved: 'Saved. The next emails from this organization use these settings.',
      refusals: {
        locale_unsupported: 'Emails are not written in this language. Choose one from the list.',
        time_zone_invalid: 'This is not a time zone the service knows. Choose one from the list.',
      } as Record<string, string | undefined>,
    },
  },

  account: {
    title: 'Account',
    profile: 'Profile',
    name: 'Name',
    email: 'Email',
    emailVerified: 'Email verified',
    yes: 'Yes',
    no: 'No',
    userId: 'User ID',
    deleteTitle: 'Delete my account',
    deleteIntro:
      'This removes you from every organization, withdraws invitations sent to you and erases your name and email from their records. It cannot be undone.',
    deleteConfirmLabel: 'I understand that this cannot be undone',
    deleteButton: 'Delete my account',
    deleting: 'Deleting…',
    deleted: 'Your account was deleted. Thank you for using org-invitations.',
    lastAdmin: 'You are the last admin of these organizations. Make someone else an admin there (or delete the organization) first:',
  },
};

// what only these pages and the console (which loads this module) can be answered: kept out of the
// accept page's chunk, whose budget is 35 kB (test/infra/web-budget.test.ts)
Object.assign(t.errors.byCode, {
  last_admin: 'An organization must keep at least one active admin.',
  already_member: 'You are already a member.',
  concurrent_update: 'Someone else changed this at the same moment. Try again.',
});
