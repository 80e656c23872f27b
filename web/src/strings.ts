/**
 * Every word the app shell and the accept page show, so a translation is one more object of this
 * shape. Functions take the values they interpolate; nothing else in the app builds a sentence. The
 * words of pages loaded later are in strings-member.ts (a member's own pages) and strings-console.ts
 * (the admin console), so the accept page, where most people arrive, does not download them.
 */
const roleNames = { admin: 'Admin', member: 'Member', viewer: 'Viewer' } as const;

const dateTime = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
const date = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(iso));

export const t = {
  appName: 'org-invitations',
  skipToContent: 'Skip to content',
  loading: 'Loading…',
  retry: 'Try again',
  cancel: 'Cancel',
  role: (r: keyof typeof roleNames) => roleNames[r],
  dateTime,
  date,

  nav: {
    label: 'Main',
    organizations: 'My organizations',
    invitations: 'My invitations',
    account: 'Account',
    signIn: 'Sign in',
    signOut: 'Sign out',
    signedInAs: (email: string) => `Signed in as ${email}`,
  },

  session: {
    signInAgain: 'Sign in again',
    signingIn: 'Signing you in…',
    callbackFailed: 'Signing in did not complete. Start again from the page you were on.',
  },

  accept: {
    title: 'Invitation',
    invitedTo: (org: string) => `You're invited to join ${org}`,
    invitedBy: 'Invited by',
    role: 'Role',
    sentTo: 'Sent to',
    expires: 'Expires',
    signInToAccept: 'Sign in to accept',
    decline: 'Decline',
    accept: 'Accept invitation',
    accepting: 'Joining…',
    declining: 'Declining…',
    signedInAs: (email: string) => `You're signed in as ${email}.`,
    notYou: 'Use another account',
    confirmDeclineTitle: (org: string) => `Decline the invitation to ${org}?`,
    confirmDecline: 'The admins will see that you declined. You would need a new invitation to join later.',
    confirmDeclineButton: 'Decline invitation',
    scannerNote: 'Nothing happens until you choose: opening this link never accepts the invitation.',
    noToken: 'This address has no invitation in it. Open the link from your invitation email again.',
    joined: (org: string) => `You joined ${org}.`,
    outcomes: {
      expired: {
        title: 'This invitation has expired',
        body: (org: string, when: string) => `The invitation to ${org} expired on ${when}. An admin can send you a new one.`,
        requestNew: 'Ask for a new invitation',
        signInToRequest: 'Sign in to ask for a new invitation',
        requesting: 'Sending your request…',
        requested: 'We asked the admins to send you a new invitation. It will arrive by email.',
        alreadyRequested: 'You already asked for a new invitation. The admins have been told.',
      },
      revoked: {
        title: 'This invitation was withdrawn',
        body: (org: string) => `An admin of ${org} withdrew this invitation. Ask them for a new one if you still need access.`,
      },
      used: {
        title: 'This invitation was already used',
        body: (org: string) => `Someone already accepted this invitation to ${org}. If it was you, the organization is in your list.`,
        goToOrganizations: 'Go to my organizations',
      },
      declined: {
        title: 'You declined this invitation',
        body: (org: string) => `You will not join ${org} through this invitation. An admin can invite you again.`,
      },
      wrongAccount: {
        title: 'This invitation is for another email address',
        body: (invited: string, current: string) =>
          `It was sent to ${invited}, and you're signed in as ${current}. Sign in with the invited address to accept it.`,
        switch: 'Switch account',
      },
      notVerified: {
        title: 'Your email address is not verified',
        body: (email: string) =>
          `Your sign-in provider has not confirmed that ${email} is yours. Confirm it there (follow its verification email), then sign in again.`,
        signInAgain: 'Sign in again',
      },
      notFound: {
        title: 'We could not find this invitation',
        body: 'The link may be incomplete, or it was replaced by a newer invitation email. Use the link in the most recent email, or ask the admin who invited you.',
      },
    },
  },

  notFound: { title: 'Page not found', body: 'There is nothing at this address.', home: 'Go to my organizations' },

  errors: {
    generic: 'Something went wrong on our side. Try again in a moment.',
    network: 'We could not reach the service. Check your connection and try again.',
    byCode: {
      unauthenticated: 'Your session has ended. Sign in again.',
      forbidden: 'You do not have permission to do that.',
      email_not_verified: 'Your email address is not verified.',
      email_mismatch: 'This invitation was sent to another email address.',
      org_not_found: 'This organization does not exist or you are not a member of it.',
      invitation_not_found: 'We could not find this invitation.',
      invitation_expired: 'This invitation has expired.',
      invitation_revoked: 'This invitation was withdrawn.',
      invitation_declined: 'This invitation was declined.',
      invitation_already_used: 'This invitation was already used.',
      invitation_not_pending: 'This invitation is no longer waiting for an answer.',
      invitation_not_expired: 'This invitation has not expired: you can still accept it.',
      renewal_already_requested: 'You already asked for a new invitation.',
      renewal_rate_limited: 'This organization received many requests just now. Try again in an hour.',
      member_suspended: 'Your membership of this organization is suspended.',
      member_limit_reached: 'This organization has reached its member limit. Ask an admin to make room.',
      service_busy: 'The service is busy. Try again in a moment.',
      rate_limited: 'Too many requests. Wait a moment and try again.',
      validation_failed: 'Some of what was sent is not valid.',
    } as Record<string, string>,
    // codes only the member pages and the console meet are added by strings-member.ts, which they load
  },
};

export type Strings = typeof t;
