import type { Catalogue } from '../catalogue.ts';

export const pt: Catalogue = {
  dateLocale: 'pt-BR',
  role: { admin: 'administrador', member: 'membro', viewer: 'observador' },
  someAdmin: 'Um administrador',
  yourOrg: 'sua organização',
  invitation: {
    subject: (inviter, org) => `${inviter} convidou você para entrar em ${org}`,
    lead: (inviter, org, role) => `${inviter} convidou você para entrar em ${org} como ${role}.`,
    messageFrom: (inviter) => `Mensagem de ${inviter}:`,
    accept: 'Aceitar o convite',
    button: 'Aceitar convite',
    expires: (when) => `Este convite expira em ${when}. Se você não o esperava, pode ignorar este e-mail.`,
  },
  reminder: {
    subject: (org) => `Lembrete: seu convite para entrar em ${org} expira em breve`,
    lead: (inviter, org, role) => `Lembrete: ${inviter} convidou você para entrar em ${org} como ${role}.`,
  },
  added: {
    subject: (org) => `Você foi adicionado a ${org}`,
    lead: (inviter, org, role) => `${inviter} adicionou você a ${org} como ${role}.`,
    open: (org) => `Abrir ${org}`,
    unexpected: 'Não esperava por isso?',
    leave: (org) => `Sair de ${org} com um clique`,
  },
  joinRequest: {
    subject: (email, org) => `${email} pede para entrar em ${org}`,
    lead: (who, org, role) => `${who} usou um link de entrada e pede para entrar em ${org} como ${role}.`,
    review: 'Aprovar ou recusar o pedido',
    why: (org) => `Você recebe este e-mail porque é administrador de ${org}. Ninguém entra até que um administrador aprove o pedido.`,
  },
  accepted: {
    subject: (who, org) => `${who} entrou em ${org}`,
    lead: (who, org, role) => `${who} aceitou seu convite e entrou em ${org} como ${role}.`,
    why: 'Você recebe este e-mail porque enviou o convite. Os administradores podem desativar estes avisos nas configurações da organização.',
  },
  renewal: {
    subject: (email, org) => `${email} pede um novo convite para ${org}`,
    lead: (email, org, role, when) => `O convite de ${email} para entrar em ${org} como ${role} expirou em ${when}, e um novo foi pedido.`,
    next: 'Se a pessoa ainda deve entrar, convide-a de novo na página de convites da organização. Caso contrário, não há nada a fazer.',
  },
  accessEnding: {
    subject: (org, when) => `Seu acesso a ${org} termina em ${when}`,
    lead: (org, when) => `Seu acesso a ${org} termina em ${when}.`,
    ask: (org) => `Se precisar dele por mais tempo, peça a um administrador de ${org} que o prorrogue.`,
    open: (org) => `Abrir ${org}`,
  },
  memberAccessEnding: {
    subject: (member, org, when) => `O acesso de ${member} a ${org} termina em ${when}`,
    lead: (who, org, when) => `O acesso de ${who} a ${org} termina em ${when}; depois disso, a participação é removida.`,
    act: 'Para manter essa pessoa, prorrogue ou remova a data de término na página de membros',
    link: (org) => `membros de ${org}`,
  },
};
