import { nameAndEmail, oneLine } from './escape.ts';
import type { EmailLook } from './layout.ts';

/**
 * What an email to admins about someone (a requester, a member whose access ends) starts from: the
 * catalogue, the org's name, the person's email on one line, and `who`, how its sentences name them.
 */
export function aboutPerson(look: EmailLook, name: string, email: string) {
  return { t: look.t, org: look.orgName, email: oneLine(email), who: nameAndEmail(name, email) };
}
