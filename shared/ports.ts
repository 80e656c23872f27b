/**
 * The ports the domain needs, one module per store or service under shared/ports/; import from here.
 */

export type * from './ports/audit.ts';
export type * from './ports/auto-join.ts';
export type * from './ports/counters.ts';
export type * from './ports/deps.ts';
export type * from './ports/erasure.ts';
export type * from './ports/idempotency.ts';
export type * from './ports/invitations.ts';
export type * from './ports/join-links.ts';
export type * from './ports/members.ts';
export type * from './ports/org-deletion.ts';
export type * from './ports/orgs.ts';
export type * from './ports/paging.ts';
export type * from './ports/primary-contact.ts';
export type * from './ports/quotas.ts';
export type * from './ports/reputation.ts';
export type * from './ports/services.ts';
export type * from './ports/teams.ts';
