import type { Catalogue } from '../catalogue.ts';

export const de: Catalogue = {
  dateLocale: 'de-DE',
  role: { admin: 'Admin', member: 'Mitglied', viewer: 'Betrachter' },
  someAdmin: 'Ein Admin',
  yourOrg: 'Ihre Organisation',
  invitation: {
    subject: (inviter, org) => `${inviter} hat Sie zu ${org} eingeladen`,
    lead: (inviter, org, role) => `${inviter} hat Sie eingeladen, ${org} als ${role} beizutreten.`,
    messageFrom: (inviter) => `Nachricht von ${inviter}:`,
    accept: 'Einladung annehmen',
    button: 'Einladung annehmen',
    expires: (when) => `Diese Einladung läuft am ${when} ab. Wenn Sie sie nicht erwartet haben, können Sie diese E-Mail ignorieren.`,
  },
  reminder: {
    subject: (org) => `Erinnerung: Ihre Einladung zu ${org} läuft bald ab`,
    lead: (inviter, org, role) => `Zur Erinnerung: ${inviter} hat Sie eingeladen, ${org} als ${role} beizutreten.`,
  },
  added: {
    subject: (org) => `Sie wurden zu ${org} hinzugefügt`,
    lead: (inviter, org, role) => `${inviter} hat Sie als ${role} zu ${org} hinzugefügt.`,
    open: (org) => `${org} öffnen`,
    unexpected: 'Nicht erwartet?',
    leave: (org) => `${org} mit einem Klick verlassen`,
  },
  joinRequest: {
    subject: (email, org) => `${email} möchte ${org} beitreten`,
    lead: (who, org, role) => `${who} hat einen Beitrittslink benutzt und möchte ${org} als ${role} beitreten.`,
    review: 'Anfrage annehmen oder ablehnen',
    why: (org) => `Sie erhalten diese E-Mail, weil Sie Admin von ${org} sind. Niemand tritt bei, bevor ein Admin die Anfrage annimmt.`,
  },
  accepted: {
    subject: (who, org) => `${who} ist ${org} beigetreten`,
    lead: (who, org, role) => `${who} hat Ihre Einladung angenommen und ist ${org} als ${role} beigetreten.`,
    why: 'Sie erhalten diese E-Mail, weil Sie die Einladung gesendet haben. Admins können diese Hinweise in den Einstellungen der Organisation abschalten.',
  },
  renewal: {
    subject: (email, org) => `${email} bittet um eine neue Einladung zu ${org}`,
    lead: (email, org, role, when) => `Die Einladung für ${email}, ${org} als ${role} beizutreten, ist am ${when} abgelaufen; eine neue wurde angefragt.`,
    next: 'Soll die Person noch beitreten, laden Sie sie auf der Einladungsseite der Organisation erneut ein. Sonst ist nichts zu tun.',
  },
  accessEnding: {
    subject: (org, when) => `Ihr Zugang zu ${org} endet am ${when}`,
    lead: (org, when) => `Ihr Zugang zu ${org} endet am ${when}.`,
    ask: (org) => `Wenn Sie ihn länger brauchen, bitten Sie einen Admin von ${org}, ihn zu verlängern.`,
    open: (org) => `${org} öffnen`,
  },
  memberAccessEnding: {
    subject: (member, org, when) => `Der Zugang von ${member} zu ${org} endet am ${when}`,
    lead: (who, org, when) => `Der Zugang von ${who} zu ${org} endet am ${when}; die Mitgliedschaft wird dann entfernt.`,
    act: 'Um die Person zu behalten, verlängern oder entfernen Sie das Enddatum auf der Mitgliederseite',
    link: (org) => `Mitglieder von ${org}`,
  },
};
