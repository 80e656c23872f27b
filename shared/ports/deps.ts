import type { PlanCatalogue } from '../domain/orgs/plans.ts';
import type { AuditStore } from './audit.ts';
import type { AutoJoinStore } from './auto-join.ts';
import type { ErasureStore } from './erasure.ts';
import type { IdempotencyStore } from './idempotency.ts';
import type { InvitationStore } from './invitations.ts';
import type { JoinLinkStore, JoinLinkTokens } from './join-links.ts';
import type { MemberStore } from './members.ts';
import type { OrgStore } from './orgs.ts';
import type { PrimaryContactStore } from './primary-contact.ts';
import type { QuotaStore } from './quotas.ts';
import type { AppUrls, Clock, Ids, LinkTokens } from './services.ts';
import type { TeamStore } from './teams.ts';

export interface Deps {
  clock: Clock;
  ids: Ids;
  links: LinkTokens;
  orgs: OrgStore;
  invitations: InvitationStore;
  members: MemberStore;
  teams: TeamStore;
  audit: AuditStore;
  autoJoin: AutoJoinStore;
  idempotency: IdempotencyStore;
  primaryContacts: PrimaryContactStore;
  erasure: ErasureStore;
  urls: AppUrls;
  /** The operator's plan catalogue (configuration). */
  plans: PlanCatalogue;
  quotas: QuotaStore;
  joinLinks: JoinLinkStore;
  joinLinkTokens: JoinLinkTokens;
}
