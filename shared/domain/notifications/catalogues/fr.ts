import type { Catalogue } from '../catalogue.ts';

export const fr: Catalogue = {
  dateLocale: 'fr-FR',
  role: { admin: 'administrateur', member: 'membre', viewer: 'observateur' },
  someAdmin: 'Un administrateur',
  yourOrg: 'votre organisation',
  invitation: {
    subject: (inviter, org) => `${inviter} vous invite à rejoindre ${org}`,
    lead: (inviter, org, role) => `${inviter} vous invite à rejoindre ${org} en tant que ${role}.`,
    messageFrom: (inviter) => `Message de ${inviter} :`,
    accept: 'Accepter l’invitation',
    button: 'Accepter l’invitation',
    expires: (when) => `Cette invitation expire le ${when}. Si vous ne l’attendiez pas, vous pouvez ignorer cet e-mail.`,
  },
  reminder: {
    subject: (org) => `Rappel : votre invitation à rejoindre ${org} expire bientôt`,
    lead: (inviter, org, role) => `Rappel : ${inviter} vous invite à rejoindre ${org} en tant que ${role}.`,
  },
  added: {
    subject: (org) => `Vous avez été ajouté à ${org}`,
    lead: (inviter, org, role) => `${inviter} vous a ajouté à ${org} en tant que ${role}.`,
    open: (org) => `Ouvrir ${org}`,
    unexpected: 'Vous ne vous y attendiez pas ?',
    leave: (org) => `Quitter ${org} en un clic`,
  },
  joinRequest: {
    subject: (email, org) => `${email} demande à rejoindre ${org}`,
    lead: (who, org, role) => `${who} a utilisé un lien d’adhésion et demande à rejoindre ${org} en tant que ${role}.`,
    review: 'Approuver ou refuser la demande',
    why: (org) =>
      `Vous recevez cet e-mail car vous êtes administrateur de ${org}. Personne ne rejoint l’organisation avant qu’un administrateur approuve la demande.`,
  },
  accepted: {
    subject: (who, org) => `${who} a rejoint ${org}`,
    lead: (who, org, role) => `${who} a accepté votre invitation et a rejoint ${org} en tant que ${role}.`,
    why: 'Vous recevez cet e-mail car vous avez envoyé l’invitation. Les administrateurs peuvent désactiver ces avis dans les paramètres de l’organisation.',
  },
  renewal: {
    subject: (email, org) => `${email} demande une nouvelle invitation à ${org}`,
    lead: (email, org, role, when) => `L’invitation de ${email} à rejoindre ${org} en tant que ${role} a expiré le ${when}, et une nouvelle a été demandée.`,
    next: 'Si cette personne doit toujours rejoindre, invitez-la de nouveau depuis la page des invitations. Sinon, il n’y a rien à faire.',
  },
  accessEnding: {
    subject: (org, when) => `Votre accès à ${org} prend fin le ${when}`,
    lead: (org, when) => `Votre accès à ${org} prend fin le ${when}.`,
    ask: (org) => `Si vous en avez besoin plus longtemps, demandez à un administrateur de ${org} de le prolonger.`,
    open: (org) => `Ouvrir ${org}`,
  },
  memberAccessEnding: {
    subject: (member, org, when) => `L’accès de ${member} à ${org} prend fin le ${when}`,
    lead: (who, org, when) => `L’accès de ${who} à ${org} prend fin le ${when} ; son adhésion sera alors supprimée.`,
    act: 'Pour garder cette personne, prolongez ou supprimez la date de fin sur la page des membres',
    link: (org) => `membres de ${org}`,
  },
};
