import type { Role } from '../model.ts';
import type { Template } from './template.ts';

/**
 * The named placeholders of every sentence that has some, declared once: `Catalogue` types each such
 * sentence with them (so `fill` asks the renderer for exactly these values), and a unit test checks
 * every language's JSON against them. Named rather than positional, since word order differs per language.
 */
export const placeholders = {
  invitation: { subject: ['inviter', 'org'], lead: ['inviter', 'org', 'role'], messageFrom: ['inviter'], expires: ['when'] },
  reminder: { subject: ['org'], lead: ['inviter', 'org', 'role'] },
  added: { subject: ['org'], lead: ['inviter', 'org', 'role'], open: ['org'], leave: ['org'] },
  joinRequest: { subject: ['email', 'org'], lead: ['who', 'org', 'role'], why: ['org'] },
  accepted: { subject: ['who', 'org'], lead: ['who', 'org', 'role'] },
  renewal: { subject: ['email', 'org'], lead: ['email', 'org', 'role', 'when'] },
  /** To the member, before their `accessUntil`. */
  accessEnding: { subject: ['org', 'when'], lead: ['org', 'when'], ask: ['org'], open: ['org'] },
  /** To each admin, before a member's `accessUntil`; `act` is followed by a link (`link`) or a URL. */
  memberAccessEnding: { subject: ['member', 'org', 'when'], lead: ['who', 'org', 'when'], link: ['org'] },
} as const;

type Templates<T> = { readonly [K in keyof T]: T[K] extends readonly (infer P extends string)[] ? Template<P> : Templates<T[K]> };

/** What is not a template: the date locale, the role names and the sentences without a user value. */
interface Plain {
  /** The BCP 47 tag dates are formatted with. */
  dateLocale: string;
  role: Record<Role, string>;
  someAdmin: string;
  yourOrg: string;
  invitation: { accept: string; button: string };
  added: { unexpected: string };
  joinRequest: { review: string };
  accepted: { why: string };
  renewal: { next: string };
  memberAccessEnding: { act: string };
}

/**
 * Every sentence of every email kind, in one language (catalogues/<locale>.json). Sentences are plain
 * text; `fill` puts the (one-line) user values in, and the HTML part escapes each finished sentence
 * whole, so no translation can open markup.
 */
export type Catalogue = Plain & Templates<typeof placeholders>;
