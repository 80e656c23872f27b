/**
 * The words of the console's Settings page (the org's settings, email branding and preview, sending
 * status), spread into strings-console.ts `c` so that pages read them as `c.settings`, `c.branding`...
 */
export const settingsStrings = {
  settings: {
    title: 'Settings',
    name: 'Organization name',
    access: 'Who can join',
    domains: 'Allowed email domains',
    domainsHint:
      'One a line, e.g. example.com. Invitations then only go to these domains, and auto-join and direct add only admit them. Empty: invitations may go anywhere.',
    autoJoin: 'Let people with a verified address of these domains join without an invitation (auto-join)',
    autoJoinRole: 'Role of people who join by domain',
    directAdd: 'Add existing users of these domains directly, without an invitation',
    directAddHint: 'They are told by email, with a way to leave. Only where the plan allows it.',
    directAddNotEnabled:
      "The organization's plan does not allow adding existing users directly: leave it off (people are invited instead), or ask the operator to change the plan.",
    invitations: 'Invitations',
    ttl: 'Invitation lifetime (days, 1 to 30)',
    reminder: 'Reminder (hours before expiry, 0 for none)',
    reminderHint: 'Pending invitations get one reminder email this long before they expire.',
    notify: 'Email the inviter when their invitation is accepted',
    products: 'Products',
    productsLabel: 'Products members can be given access to',
    productsHint: 'One a line as key: Name, e.g. "crm: CRM". Members and invitations carry the key.',
    save: 'Save settings',
    saved: 'Settings saved.',
    deleteOrg: {
      title: 'Delete organization',
      intro:
        'Deleting the organization ends it for everyone at once: its members lose access, its invitation and join links stop working and no more emails go out. Its members, teams and invitations are then removed. This cannot be undone.',
      label: (name: string) => `Type the organization's name, ${name}, to confirm`,
      button: 'Delete organization',
      deleting: 'Deleting…',
      mismatch: (name: string) => `The name you typed is not the organization's name. Type ${name} exactly (capitals and spaces count).`,
      deleted: (name: string) => `${name} was deleted.`,
    },
  },

  /** Each email language named in its own language, as a person looking for theirs reads it. */
  languages: { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español', pt: 'Português', ja: '日本語' },

  branding: {
    title: 'Email branding',
    intro: "How the organization's emails look and who answers them. Empty fields use the defaults.",
    displayName: 'Name shown in emails',
    logoUrl: 'Logo URL',
    logoHint: 'An https address of an image. Emails show it in a 120 × 40 box.',
    accent: 'Accent colour',
    accentHint: 'Six hex digits after #, e.g. #0a7f3f. Used for buttons and the top rule.',
    replyTo: 'Reply-to address',
    replyToHint: 'Replies to invitations go here. It must be the address of one of the active admins.',
    defaultLocale: 'Default email language',
    noLocale: 'English (not chosen)',
    save: 'Save branding',
    saved: 'Branding saved.',
    refusals: {
      logo_url_invalid: 'The logo must be a plain https address (not http, without a user name or password, at most 2048 characters).',
      accent_color_invalid: 'The accent colour must be # followed by six hex digits, e.g. #0a7f3f.',
      reply_to_not_admin: "The reply-to address must be the email address of one of the organization's active admins, as the members page shows it.",
      locale_unsupported: 'Emails can be written in English, German, French, Spanish, Portuguese or Japanese.',
    },
  },

  emailPreview: {
    title: 'Email preview',
    intro: 'Each email as it would be sent now, with this branding and sample people.',
    kind: 'Email',
    locale: 'Language',
    timeZone: 'Time zone of the dates',
    utc: 'UTC (recipient without a time zone)',
    show: 'Show preview',
    subject: 'Subject:',
    frameTitle: 'The email as recipients see it',
    plainText: 'Plain-text version',
    kinds: {
      invitation: 'Invitation',
      reminder: 'Invitation reminder',
      added: 'Added to the organization',
      join_request: 'Join request (to admins)',
      invitation_accepted: 'Invitation accepted (to the inviter)',
      renewal_requested: 'New invitation asked for (to admins)',
      access_ending: 'Access ending (to the member)',
      member_access_ending: "A member's access ending (to admins)",
    },
  },

  sending: {
    title: 'Sending and limits',
    active: 'Invitation emails are being sent.',
    pausedTitle: 'Invitation emails are paused',
    pausedSince: (when: string) => `Paused since ${when}.`,
    why: {
      bounce_rate: (r: { bounced: number; sent: number; bounceRate: number }) =>
        `Too many emails bounced: ${r.bounced} of the last ${r.sent} (${(r.bounceRate * 100).toFixed(1)} %) could not be delivered.`,
      complaint_rate: (r: { complained: number; sent: number; complaintRate: number }) =>
        `Too many emails were reported as spam: ${r.complained} of the last ${r.sent} (${(r.complaintRate * 100).toFixed(1)} %).`,
    },
    whyNoRates: { bounce_rate: 'Too many emails bounced.', complaint_rate: 'Too many emails were reported as spam.' } as Record<string, string>,
    meaning:
      'While paused, no invitation emails, resends or reminders go out, so that this organization does not harm the delivery of everyone else\'s mail. Invitations can still be created: they wait, marked "paused", and are sent when sending resumes.',
    resume: 'Sending resumes only when an operator of this service, having looked at why, runs:',
    resumeCommand: (orgId: string) => `npm run resume-sending -- ${orgId}`,
    check: 'Meanwhile, check the addresses that bounced or complained on the Invitations page (delivery status), and revoke the ones that are wrong.',
    limits: 'Limits of the plan',
    plan: 'Plan',
    emailsToday: 'Invitation emails today',
    emailsOf: (sent: number, allowance: number) => `${sent} of ${allowance}`,
    emailsNoAllowance: (sent: number) => `${sent} (no daily limit)`,
    emailsHint: (resetsAt: string) =>
      `The daily allowance grows with the number of members who joined. It resets at ${resetsAt}; silent invitations (no email) do not count.`,
    pending: 'Pending invitations at once',
    members: 'Members',
    ofLimit: (n: number, limit: number | null) => (limit === null ? `${n} (unlimited)` : `${n} of ${limit}`),
  },
};
