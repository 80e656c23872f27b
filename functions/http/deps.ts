import { HmacLinkTokens } from '../../shared/adapters/crypto/link-tokens.ts';
import { HmacPseudonyms } from '../../shared/adapters/crypto/pseudonyms.ts';
import { DynamoAuditStore } from '../../shared/adapters/dynamodb/audit-store.ts';
import { DynamoAutoJoinStore } from '../../shared/adapters/dynamodb/auto-join-store.ts';
import { Cursors } from '../../shared/adapters/dynamodb/cursors.ts';
import { DynamoErasureStore } from '../../shared/adapters/dynamodb/erasure-store.ts';
import { DynamoIdempotencyStore } from '../../shared/adapters/dynamodb/idempotency-store.ts';
import { DynamoInvitationStore } from '../../shared/adapters/dynamodb/invitation-store.ts';
import { DynamoMemberStore } from '../../shared/adapters/dynamodb/member-store.ts';
import { DynamoOrgStore } from '../../shared/adapters/dynamodb/org-store.ts';
import { DynamoPrimaryContactStore } from '../../shared/adapters/dynamodb/primary-contact-store.ts';
import { DynamoTeamStore } from '../../shared/adapters/dynamodb/team-store.ts';
import { randomIds } from '../../shared/adapters/system/ids.ts';
import type { Deps } from '../../shared/ports.ts';
import { type BaseRuntime, perRuntime } from '../runtime.ts';

export interface Runtime extends BaseRuntime {
  deps: Deps;
}

/** The routes' composition root: every store, built once per cold start (or once per local stack). */
function routeDeps({ config, table, clock }: BaseRuntime): Deps {
  const cursors = new Cursors(config.LINK_SECRET);
  return {
    clock,
    ids: randomIds,
    links: new HmacLinkTokens(config.LINK_SECRET),
    orgs: new DynamoOrgStore(table),
    invitations: new DynamoInvitationStore(table, cursors),
    members: new DynamoMemberStore(table, cursors),
    teams: new DynamoTeamStore(table, cursors),
    audit: new DynamoAuditStore(table, cursors),
    autoJoin: new DynamoAutoJoinStore(table, cursors),
    idempotency: new DynamoIdempotencyStore(table),
    primaryContacts: new DynamoPrimaryContactStore(table),
    erasure: new DynamoErasureStore(table),
    pseudonyms: new HmacPseudonyms(config.LINK_SECRET),
    acceptUrlBase: config.ACCEPT_URL_BASE,
    retention: table.retention,
  };
}

export const runtime: () => Runtime = perRuntime((base) => ({ ...base, deps: routeDeps(base) }));
