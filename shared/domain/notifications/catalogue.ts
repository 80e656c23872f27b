import type { Role } from '../model.ts';

/**
 * Every sentence of every email kind, per language. Each locale file is typed `Catalogue`, so a
 * missing or misspelt key fails `tsc`. Sentences are plain text with the (one-line) user values
 * already in them; the HTML part escapes each sentence whole, so no translation can open markup.
 * Functions rather than templates with placeholders: word order differs per language and nothing
 * parses a template at run time (the dispatcher's bundle stays small).
 */
export interface Catalogue {
  /** The BCP 47 tag dates are formatted with. */
  dateLocale: string;
  role: Record<Role, string>;
  someAdmin: string;
  yourOrg: string;
  invitation: {
    subject: (inviter: string, org: string) => string;
    lead: (inviter: string, org: string, role: string) => string;
    messageFrom: (inviter: string) => string;
    accept: string;
    button: string;
    expires: (when: string) => string;
  };
  reminder: { subject: (org: string) => string; lead: (inviter: string, org: string, role: string) => string };
  added: {
    subject: (org: string) => string;
    lead: (inviter: string, org: string, role: string) => string;
    open: (org: string) => string;
    unexpected: string;
    leave: (org: string) => string;
  };
  joinRequest: {
    subject: (email: string, org: string) => string;
    lead: (who: string, org: string, role: string) => string;
    review: string;
    why: (org: string) => string;
  };
  accepted: { subject: (who: string, org: string) => string; lead: (who: string, org: string, role: string) => string; why: string };
  renewal: { subject: (email: string, org: string) => string; lead: (email: string, org: string, role: string, when: string) => string; next: string };
  /** To the member, before their `accessUntil`. */
  accessEnding: {
    subject: (org: string, when: string) => string;
    lead: (org: string, when: string) => string;
    ask: (org: string) => string;
    open: (org: string) => string;
  };
  /** To each admin, before a member's `accessUntil`; `act` is followed by a link (`link`) or a URL. */
  memberAccessEnding: {
    subject: (member: string, org: string, when: string) => string;
    lead: (who: string, org: string, when: string) => string;
    act: string;
    link: (org: string) => string;
  };
}
