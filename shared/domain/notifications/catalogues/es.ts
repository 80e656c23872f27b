import type { Catalogue } from '../catalogue.ts';

export const es: Catalogue = {
  dateLocale: 'es-ES',
  role: { admin: 'administrador', member: 'miembro', viewer: 'observador' },
  someAdmin: 'Un administrador',
  yourOrg: 'tu organización',
  invitation: {
    subject: (inviter, org) => `${inviter} te invitó a unirte a ${org}`,
    lead: (inviter, org, role) => `${inviter} te invitó a unirte a ${org} como ${role}.`,
    messageFrom: (inviter) => `Mensaje de ${inviter}:`,
    accept: 'Aceptar la invitación',
    button: 'Aceptar invitación',
    expires: (when) => `Esta invitación caduca el ${when}. Si no la esperabas, puedes ignorar este correo.`,
  },
  reminder: {
    subject: (org) => `Recordatorio: tu invitación para unirte a ${org} caduca pronto`,
    lead: (inviter, org, role) => `Recordatorio: ${inviter} te invitó a unirte a ${org} como ${role}.`,
  },
  added: {
    subject: (org) => `Te añadieron a ${org}`,
    lead: (inviter, org, role) => `${inviter} te añadió a ${org} como ${role}.`,
    open: (org) => `Abrir ${org}`,
    unexpected: '¿No lo esperabas?',
    leave: (org) => `Salir de ${org} con un clic`,
  },
  joinRequest: {
    subject: (email, org) => `${email} pide unirse a ${org}`,
    lead: (who, org, role) => `${who} usó un enlace de acceso y pide unirse a ${org} como ${role}.`,
    review: 'Aprobar o rechazar la solicitud',
    why: (org) => `Recibes este correo porque eres administrador de ${org}. Nadie se une hasta que un administrador aprueba la solicitud.`,
  },
  accepted: {
    subject: (who, org) => `${who} se unió a ${org}`,
    lead: (who, org, role) => `${who} aceptó tu invitación y se unió a ${org} como ${role}.`,
    why: 'Recibes este correo porque enviaste la invitación. Los administradores pueden desactivar estos avisos en la configuración de la organización.',
  },
  renewal: {
    subject: (email, org) => `${email} pide una nueva invitación a ${org}`,
    lead: (email, org, role, when) => `La invitación de ${email} para unirse a ${org} como ${role} caducó el ${when}, y pidió una nueva.`,
    next: 'Si todavía debe unirse, invítalo de nuevo desde la página de invitaciones de la organización. Si no, no hay nada que hacer.',
  },
  accessEnding: {
    subject: (org, when) => `Tu acceso a ${org} termina el ${when}`,
    lead: (org, when) => `Tu acceso a ${org} termina el ${when}.`,
    ask: (org) => `Si lo necesitas durante más tiempo, pide a un administrador de ${org} que lo amplíe.`,
    open: (org) => `Abrir ${org}`,
  },
  memberAccessEnding: {
    subject: (member, org, when) => `El acceso de ${member} a ${org} termina el ${when}`,
    lead: (who, org, when) => `El acceso de ${who} a ${org} termina el ${when}; después se elimina su membresía.`,
    act: 'Para mantener a esta persona, amplía o quita la fecha de fin en la página de miembros',
    link: (org) => `miembros de ${org}`,
  },
};
